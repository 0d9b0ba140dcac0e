// Runs warren-perf as its own process (as a user would) and samples the broker's RSS while it runs.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { rssBytes } from "./brokers.mjs";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
export const WARREN_PERF = "bin/warren-perf.js";
const RSS_EVERY_MS = 200;

export const uriOf = (broker) => `amqp://guest:guest@127.0.0.1:${broker.amqpPort}/%2F`;

/** The command line a reader can paste, with the broker's URI. */
export const commandLine = (args, uri = "amqp://guest:guest@127.0.0.1:5672/%2F") => `node ${WARREN_PERF} --uri ${uri} ${args.join(" ")}`;

/** One warren-perf --json run against a broker: its summary, the broker's peak RSS during it, and stderr if it failed. */
export function runPerf(broker, args) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [WARREN_PERF, "--uri", uriOf(broker), "--json", ...args], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (err += d));
    let peakRss = broker.pid === undefined ? undefined : rssBytes(broker.pid);
    const timer = setInterval(() => {
      const r = broker.pid === undefined ? undefined : rssBytes(broker.pid);
      if (r !== undefined && (peakRss === undefined || r > peakRss)) peakRss = r;
    }, RSS_EVERY_MS);
    child.on("close", (code) => {
      clearInterval(timer);
      let summary;
      try {
        summary = JSON.parse(out);
      } catch {
        summary = undefined;
      }
      resolve({ code, summary, peakRss, error: code === 0 ? undefined : (err.trim() || `exit ${code}`) });
    });
  });
}
