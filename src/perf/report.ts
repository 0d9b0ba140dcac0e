import type { LatencySummary } from "./histogram.js";
import type { Sample } from "./meter.js";
import type { PerfOptions } from "./options.js";
import type { PerfSummary } from "./run.js";

const int = (n: number): string => Math.round(n).toLocaleString("en-US");
const ms = (n: number): string => (n < 10 ? n.toFixed(3) : n < 100 ? n.toFixed(2) : n.toFixed(1));
const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? "" : "s"}`;

/** One line per second while running, PerfTest style. */
export function formatSample(s: Sample, o: PerfOptions): string {
  const confirmed = o.confirm > 0 ? `, confirmed ${int(s.confirmed)} msg/s` : "";
  return `time ${s.t.toFixed(3)} s, sent ${int(s.sent)} msg/s, received ${int(s.received)} msg/s${confirmed}`;
}

/** What the run was, in one line. */
export function describeRun(o: PerfOptions): string {
  const parts = [plural(o.producers, "producer"), plural(o.consumers, "consumer"), `${o.size} B`];
  if (o.rate > 0) parts.push(`${int(o.rate)} msg/s per producer`);
  if (o.persistent) parts.push("persistent");
  if (o.confirm > 0) parts.push(`confirm ${o.confirm}`);
  if (o.consumers > 0) parts.push(o.autoAck ? "auto-ack" : o.multiAckEvery > 1 ? `ack every ${o.multiAckEvery}` : "manual ack");
  if (o.prefetch > 0) parts.push(`prefetch ${o.prefetch}`);
  if (o.queues > 1) parts.push(`${o.queues} queues`);
  return parts.join(", ");
}

function latencyLine(label: string, l: LatencySummary | null): string {
  if (l === null) return `${label.padEnd(11)}n/a`;
  return `${label.padEnd(11)}min ${ms(l.min)}  p50 ${ms(l.p50)}  p75 ${ms(l.p75)}  p95 ${ms(l.p95)}  p99 ${ms(l.p99)}  max ${ms(l.max)} ms  (${int(l.count)} samples)`;
}

/** The human summary printed at the end of a run. */
export function formatSummary(s: PerfSummary): string {
  const o = s.options;
  const queues = s.queues.length > 3 ? `${s.queues.slice(0, 3).join(", ")}, ... (${s.queues.length})` : s.queues.join(", ");
  const lines = [
    `summary: ${s.server.product} ${s.server.version} at ${s.uri}, ${s.elapsedSeconds.toFixed(2)} s`,
    `  exchange "${s.exchange}", routing key "${s.routingKey}", queue ${queues || "none"}`,
    `  sent       ${int(s.sent)} msg, mean ${int(s.sentRate)} msg/s`,
    `  received   ${int(s.received)} msg, mean ${int(s.receivedRate)} msg/s`,
  ];
  if (o.confirm > 0) lines.push(`  confirmed  ${int(s.confirmed)} msg, nacked ${int(s.nacked)}`);
  lines.push(`  ${latencyLine("latency", s.latencyMs)}`);
  if (o.confirm > 0) lines.push(`  ${latencyLine("confirms", s.confirmLatencyMs)}`);
  if (s.latencyMs === null && o.size < 8 && o.consumers > 0) lines.push("  (latency needs --size 8 or more: the send time travels in the body)");
  for (const w of s.warnings) lines.push(`  warning: ${w}`);
  lines.push(s.errors.length === 0 ? "  errors     none" : `  errors     ${s.errors.length}`);
  for (const e of s.errors) lines.push(`    ${e}`);
  return lines.join("\n");
}
