// BENCHMARKS.md sections for issue 4 (durability at 1,000,000 stored messages) and issue 7 (load held under traffic).
import { commandLine } from "./perf-runner.mjs";
import { durableDrainArgs, durablePublishArgs } from "./durability.mjs";
import { trafficArgs } from "./load.mjs";

const int = (n) => (n === undefined ? "n/a" : Math.round(n).toLocaleString("en-US"));
const mb = (bytes) => (bytes === undefined ? "n/a" : `${(bytes / 1048576).toFixed(1)} MB`);
const secs = (ms) => (ms === undefined ? "n/a" : `${(ms / 1000).toFixed(2)} s`);
const status = (value, limit) => (value === undefined ? "not measured" : value < limit ? "met" : "**missed**");

export function durabilitySection(r) {
  const d = r.durability;
  if (d === undefined) return [];
  if (d.error !== undefined) return ["## Durability (issue 4)", "", `Failed: ${d.error}`, ""];
  const [clean, killed] = d.restarts;
  const lost = (x) => (x.messages === d.count ? "all back" : `**${int(x.messages)} of ${int(d.count)} back**`);
  return [
    `## Durability (issue 4): ${int(d.count)} x 1 KB persistent messages in one durable queue`,
    "",
    "warren alone: the goals are absolute, and the machine's RabbitMQ is shared, so it is not restarted here.",
    "",
    "| measurement | warren | target | status |",
    "|---|---|---|---|",
    `| publish with confirms (100 in flight), nobody consuming | ${int(d.publish.rate)} msg/s (${int(d.publish.confirmed)} confirmed in ${d.publish.seconds.toFixed(1)} s) | | |`,
    `| RSS with them queued (15 s after the last confirm) | ${mb(d.queued.rss)} (idle before: ${mb(d.idleRss)}; peak while publishing: ${mb(d.queued.peakRss)}) | < 300 MB | ${status(d.queued.rss, 300 * 1048576)} |`,
    `| restart after a clean stop (SIGTERM): spawn to accepting AMQP | ${secs(clean.startupMs)}, ${lost(clean)} | < 5 s | ${status(clean.startupMs, 5000)} |`,
    `| RSS after that restart (15 s later) | ${mb(clean.rss)} | < 300 MB | ${status(clean.rss, 300 * 1048576)} |`,
    `| restart after SIGKILL: spawn to accepting AMQP | ${secs(killed.startupMs)}, ${lost(killed)} | < 5 s | ${status(killed.startupMs, 5000)} |`,
    `| RSS after that restart | ${mb(killed.rss)} | < 300 MB | ${status(killed.rss, 300 * 1048576)} |`,
    `| draining the recovered queue (manual acks, prefetch 100) | ${d.drain.error ?? `${int(d.drain.rate)} msg/s (${d.drain.seconds.toFixed(1)} s)`} | | |`,
    "",
    "Recovery runs before the node listens, so accepting AMQP means every stored message is back (the count is read from the management API right after). RSS is VmRSS from /proc/<pid>/status.",
    "",
    "```sh",
    `${commandLine(durablePublishArgs(d.count))}`,
    "# SIGTERM, start again on the same --data-dir; SIGKILL, start again; then:",
    `${commandLine(durableDrainArgs)}   # until the queue is empty`,
    "```",
    "",
  ];
}

export function loadSection(r) {
  const l = r.underLoad;
  if (l === undefined) return [];
  if (l.error !== undefined) return ["## Load held under traffic (issue 7)", "", `Failed: ${l.error}`, ""];
  const ratio = l.alone.rate && l.loaded.rate ? `${(l.loaded.rate / l.alone.rate).toFixed(2)}x` : "n/a";
  return [
    `## Load held under traffic (issue 7): ${int(l.connections)} connections x ${l.channelsPer} channels, ${int(l.queues)} queues`,
    "",
    "warren alone (the machine's RabbitMQ is shared and its socket limit is below this).",
    "",
    "| stage | warren RSS |",
    "|---|---|",
    ...l.stages.map((s) => `| ${s.name} | ${mb(s.rss)} |`),
    "",
    "| 1 producer + 1 consumer, 1 KB, manual ack, prefetch 100 | delivered msg/s |",
    "|---|---|",
    `| on the idle node | ${l.alone.error ?? int(l.alone.rate)} |`,
    `| with the connections, channels and queues held | ${l.loaded.error ?? int(l.loaded.rate)} |`,
    `| held / idle | ${ratio} |`,
    "",
    `Afterwards ${int(l.answered)} of the ${int(l.channels)} held channels answered a basic.qos round trip.`,
    "",
    "```sh",
    `${commandLine(trafficArgs(l.seconds))}   # once alone, once with the load held`,
    "```",
    "",
  ];
}
