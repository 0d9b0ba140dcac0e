// A real warren-server in a child process (the bundle `npm run build` makes, built from the current sources), for
// tests that kill it with SIGKILL and restart it on the same data directory.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { build } from "esbuild";

const cache = resolve("node_modules/.cache/warren");

export interface ChildServer {
  readonly process: ChildProcess;
  readonly amqpPort: number;
  readonly httpPort: number;
  /** The signal it died of (null after a clean exit). */
  readonly exited: Promise<NodeJS.Signals | null>;
}

/** Bundles src/server/bin.ts into a private file named after `name`; resolves with the launcher to run. */
export async function bundleServer(name: string): Promise<string> {
  mkdirSync(cache, { recursive: true });
  await build({ entryPoints: { [`${name}-bundle`]: "src/server/bin.ts" }, outdir: cache, outExtension: { ".js": ".mjs" }, bundle: true, platform: "node", format: "esm", target: "node20", logLevel: "warning" });
  const launcher = resolve(cache, `${name}-server.mjs`);
  writeFileSync(launcher, `import { run } from "./${name}-bundle.mjs";\nprocess.exitCode = await run();\n`);
  return launcher;
}

/** Starts the bundled server on the data directory and resolves with the ports it logged. */
export function startChildServer(launcher: string, dataDir: string, nodeName: string): Promise<ChildServer> {
  const child = spawn(process.execPath, [launcher, "--amqp-port", "0", "--http-port", "0", "--data-dir", dataDir, "--node-name", nodeName], {
    stdio: ["ignore", "pipe", "inherit"],
    env: { ...process.env, XDG_CONFIG_HOME: dataDir },
  });
  const exited = new Promise<NodeJS.Signals | null>((done) => child.once("exit", (_code, signal) => done(signal)));
  return new Promise((resolveChild, reject) => {
    let out = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString("utf8");
      // the AMQP listener is logged first, the management API once the node is fully up
      const amqp = /AMQP listening on [^\s]+:(\d+)/.exec(out);
      const http = /management API listening on [^\s]+:(\d+)/.exec(out);
      if (amqp !== null && http !== null) resolveChild({ process: child, amqpPort: Number(amqp[1]), httpPort: Number(http[1]), exited });
    });
    void exited.then(() => reject(new Error(`warren-server exited before listening:\n${out}`)));
  });
}
