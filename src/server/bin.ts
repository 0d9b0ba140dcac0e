import { resolve } from "node:path";
import { nodePaths, qualifiedNodeName } from "../broker/node/identity.js";
import { logTimestamp } from "../broker/node/log.js";
import { startBroker } from "../broker/server.js";
import { ConfigError, resolveConfig, USAGE, type Env } from "./config.js";
import { DETACHED_CHILD_ENV, type ReadyMessage, runDetached } from "./detach.js";
import { livePid, writePidFile } from "./pid-file.js";

// This bundle doubles as the package entry (`import { startBroker } from "warren"`); importing it starts nothing.
export * from "../index.js";

const fail = (message: string): void => void process.stderr.write(`${logTimestamp()} [error] warren-server: ${message}\n`);
// in the background, standard output is the node's log file
const say = (message: string): void => void process.stdout.write(`${logTimestamp()} [info] warren-server: ${message}\n`);

/**
 * warren-server: runs a node until SIGTERM/SIGINT or a shutdown request, then closes clients with
 * 320 CONNECTION_FORCED and exits 0. Exit codes: 64 usage, 78 bad config, 69 cannot listen or already running.
 */
export async function run(argv: readonly string[] = process.argv.slice(2), env: Env = process.env): Promise<number> {
  let config;
  try {
    config = resolveConfig(argv, env);
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    process.stderr.write(`warren-server: ${e.message}\n${e.exitCode === 64 ? `${USAGE}\n` : ""}`);
    return e.exitCode;
  }
  if (config === "help") {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const nodeName = qualifiedNodeName(config.nodeName);
  const paths = nodePaths(resolve(config.dataDir), nodeName);
  if (config.detached) return runDetached(argv, paths, nodeName);
  const background = env[DETACHED_CHILD_ENV] === "1";
  const running = livePid(paths.pidFile);
  if (running !== undefined && running !== process.pid) {
    fail(`node ${nodeName} is already running (pid ${running}, pid file ${paths.pidFile})`);
    return 69;
  }
  let broker;
  try {
    broker = await startBroker({
      amqpPort: config.amqpPort,
      httpPort: config.httpPort,
      host: config.host,
      dataDir: paths.dataDir,
      nodeName,
      configFiles: config.configFile === undefined ? [] : [resolve(config.configFile)],
      log: background ? paths.logFile : "stdout",
      logLevel: config.logLevel,
      ...config.limits,
    });
  } catch (e) {
    fail(`node ${nodeName} could not start: ${(e as Error).message}`);
    return 69;
  }
  const removePidFile = writePidFile(paths.pidFile);
  say(`node ${nodeName} started, pid ${process.pid} (pid file ${paths.pidFile})`);
  if (background && process.send !== undefined) {
    const ready: ReadyMessage = { type: "ready", nodeName, amqpPort: broker.amqpPort, httpPort: broker.httpPort };
    process.send(ready);
    process.disconnect();
  }
  await Promise.race([
    broker.closed,
    new Promise<void>((resolveSignal) => {
      process.once("SIGTERM", () => resolveSignal());
      process.once("SIGINT", () => resolveSignal());
    }),
  ]);
  await broker.close();
  removePidFile();
  return 0;
}
