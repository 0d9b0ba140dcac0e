// Issue 7's load figures on warren: 1,000 connections with 2 channels each and 10,000 queues held open while a
// producer and a consumer keep working; RSS at each stage, their rate beside the same run on the idle node, and
// whether every held channel still answers afterwards.
import { amqpConnect, rssBytes } from "./brokers.mjs";
import { runPerf } from "./perf-runner.mjs";

const SETTLE_MS = 3000;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const LOAD_PREFIX = "warren-perf-load-";

export const trafficArgs = (seconds) => ["--producers", "1", "--consumers", "1", "--size", "1024", "--prefetch", "100", "--time", String(seconds)];

const rateOf = (run) => (run.error === undefined ? run.summary.receivedRate : undefined);

/** Runs the stages on a running warren; closes everything it opened. */
export async function loadRun(broker, { connections, channelsPer, queues, seconds }) {
  const stages = [];
  const stage = async (name) => {
    await sleep(SETTLE_MS);
    stages.push({ name, rss: rssBytes(broker.pid) });
  };
  // the run alone goes first, so every later stage's RSS compares with a node that has already carried traffic
  const alone = await runPerf(broker, trafficArgs(seconds));
  await stage("idle, after the traffic run alone");
  const held = [];
  try {
    for (let i = 0; i < connections; i += 50) {
      const batch = await Promise.all(
        Array.from({ length: Math.min(50, connections - i) }, async (_, k) => {
          const c = await amqpConnect(broker.amqpPort, `warren-perf bench load ${i + k}`);
          const channels = [];
          for (let n = 0; n < channelsPer; n++) channels.push(await c.openChannel());
          return { c, channels };
        }),
      );
      held.push(...batch);
    }
    await stage(`${connections} connections x ${channelsPer} channels`);
    // exclusive to the held connections (spread over them), so they go with them even if the bench dies
    for (let i = 0; i < queues; i += 500) {
      await Promise.all(
        Array.from({ length: Math.min(500, queues - i) }, (_, k) => {
          const n = i + k;
          const ch = held[n % held.length].channels[0];
          return ch.call("queue.declare", { ticket: 0, queue: `${LOAD_PREFIX}${String(n).padStart(5, "0")}`, passive: false, durable: false, exclusive: true, autoDelete: false, nowait: false, arguments: new Map() });
        }),
      );
    }
    await stage(`+ ${queues} queues`);
    const loaded = await runPerf(broker, trafficArgs(seconds));
    stages.push({ name: "under traffic (peak)", rss: loaded.peakRss });
    // every held channel must still answer a round trip
    const answers = await Promise.allSettled(held.flatMap((h) => h.channels.map((ch) => ch.call("basic.qos", { prefetchSize: 0, prefetchCount: 10, global: false }))));
    const answered = answers.filter((a) => a.status === "fulfilled").length;
    return { connections, channelsPer, queues, seconds, stages, alone: { rate: rateOf(alone), error: alone.error }, loaded: { rate: rateOf(loaded), error: loaded.error }, channels: held.length * channelsPer, answered };
  } finally {
    await Promise.all(held.map((h) => h.c.close().catch(() => undefined)));
  }
}
