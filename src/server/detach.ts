import { spawn } from "node:child_process";
import { closeSync, mkdirSync, openSync } from "node:fs";
import { dirname } from "node:path";
import type { NodePaths } from "../broker/node/identity.js";
import { livePid } from "./pid-file.js";

/** Set in the environment of the background process, which then logs to its file and reports when it listens. */
export const DETACHED_CHILD_ENV = "WARREN_DETACHED_CHILD";

/** What the background process tells the starting one over IPC once it listens. */
export interface ReadyMessage {
  readonly type: "ready";
  readonly nodeName: string;
  readonly amqpPort: number;
  readonly httpPort: number | undefined;
}

/** -detached: starts this program again in the background and returns once it listens, so a CLI can talk to it right away. */
export function runDetached(argv: readonly string[], paths: NodePaths, nodeName: string, script = process.argv[1]!): Promise<number> {
  const running = livePid(paths.pidFile);
  if (running !== undefined) {
    process.stderr.write(`warren-server: node ${nodeName} is already running (pid ${running}, pid file ${paths.pidFile})\n`);
    return Promise.resolve(69);
  }
  mkdirSync(dirname(paths.logFile), { recursive: true });
  // the background process's own output (a crash, say) lands in its log file too
  const out = openSync(paths.logFile, "a");
  const child = spawn(process.execPath, [...process.execArgv, script, ...argv.filter((a) => a !== "-detached" && a !== "--detached")], {
    detached: true,
    stdio: ["ignore", out, out, "ipc"],
    env: { ...process.env, [DETACHED_CHILD_ENV]: "1" },
  });
  closeSync(out);
  return new Promise<number>((resolve) => {
    child.once("message", (m: ReadyMessage) => {
      if (m.type !== "ready") return;
      process.stdout.write(`warren-server: node ${m.nodeName} started in the background (pid ${child.pid}), AMQP on port ${m.amqpPort}, management API on port ${m.httpPort ?? "none"}; log ${paths.logFile}\n`);
      child.disconnect();
      child.unref();
      resolve(0);
    });
    child.once("exit", (code) => {
      process.stderr.write(`warren-server: node ${nodeName} failed to start (exit code ${code ?? "none"}); see ${paths.logFile}\n`);
      resolve(code === null || code === 0 ? 70 : code);
    });
  });
}
