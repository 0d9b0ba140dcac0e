// Issue 4's figures on warren alone: publish N x 1 KB persistent messages with confirms into a durable queue, read
// RSS with them queued, restart the node on the same data dir (cleanly, then after SIGKILL) timing until it accepts
// connections with every message back, read RSS again, and drain them.
import { spawn } from "node:child_process";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { rssBytes, startWarren, stopWarren, warrenApi } from "./brokers.mjs";
import { runPerf, uriOf, WARREN_PERF } from "./perf-runner.mjs";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
export const DURABLE_QUEUE = "warren-perf-durable";
/** Long enough for warren's idle collection (a 5 s check that needs a quiet interval) to have run. */
const SETTLE_MS = 15_000;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export const durablePublishArgs = (count) => ["--queue", DURABLE_QUEUE, "--persistent", "--consumers", "0", "--pmessages", String(count), "--size", "1024", "--confirm", "100"];
export const durableDrainArgs = ["--queue", DURABLE_QUEUE, "--persistent", "--producers", "0", "--consumers", "1", "--prefetch", "100", "--time", "300"];

const messagesIn = async (w) => (await warrenApi(w, `queues/%2F/${DURABLE_QUEUE}`))?.messages;

/** Restarts on the same data dir; the time is spawn to the first connection.open-ok (recovery runs before listening). */
async function restart(w, signal) {
  await stopWarren(w, { signal, keepData: true });
  const next = await startWarren(w.amqpPort, w.httpPort, w.dataDir);
  const messages = await messagesIn(next);
  await sleep(SETTLE_MS);
  return { w: next, result: { signal, startupMs: next.startupMs, messages, rss: rssBytes(next.pid) } };
}

/** Consumes the queue with manual acks until the management API counts it empty; seconds taken. */
async function drain(w, count) {
  const child = spawn(process.execPath, [WARREN_PERF, "--uri", uriOf(w), "--json", ...durableDrainArgs], { cwd: ROOT, stdio: "ignore" });
  const t0 = performance.now();
  try {
    for (;;) {
      const left = await messagesIn(w);
      if (left === 0) return { seconds: (performance.now() - t0) / 1000, rate: count / ((performance.now() - t0) / 1000) };
      if (child.exitCode !== null || performance.now() - t0 > 290_000) return { error: `${left} messages still queued` };
      await sleep(100);
    }
  } finally {
    child.kill("SIGINT");
  }
}

/** The whole scenario on a fresh warren (ports as given); the data dir is removed at the end. */
export async function durabilityRun(amqpPort, httpPort, count) {
  let w = await startWarren(amqpPort, httpPort);
  try {
    const idleRss = rssBytes(w.pid);
    const pub = await runPerf(w, durablePublishArgs(count));
    if (pub.error !== undefined) return { error: pub.error };
    await sleep(SETTLE_MS);
    const queued = { messages: await messagesIn(w), rss: rssBytes(w.pid), peakRss: pub.peakRss };
    const publish = { confirmed: pub.summary.confirmed, seconds: pub.summary.elapsedSeconds, rate: pub.summary.confirmed / pub.summary.elapsedSeconds };
    const clean = await restart(w, "SIGTERM");
    w = clean.w;
    const killed = await restart(w, "SIGKILL");
    w = killed.w;
    const drained = await drain(w, count);
    return { count, idleRss, publish, queued, restarts: [clean.result, killed.result], drain: drained };
  } finally {
    await stopWarren(w);
  }
}
