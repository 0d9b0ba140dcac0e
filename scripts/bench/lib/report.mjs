// BENCHMARKS.md from one bench run's results: machine, goals, tables with ratios, commands, method and what is off.
import { commandLine } from "./perf-runner.mjs";
import { durabilitySection, loadSection } from "./report-durability.mjs";
import { queuedArgs } from "./scenarios.mjs";
import { median } from "./timing.mjs";

const BROKERS = ["warren", "RabbitMQ"];
const int = (n) => (n === undefined ? "n/a" : Math.round(n).toLocaleString("en-US"));
const ms = (n) => (n === undefined ? "n/a" : n < 10 ? n.toFixed(2) : n < 1000 ? n.toFixed(1) : Math.round(n).toLocaleString("en-US"));
const mb = (bytes) => (bytes === undefined ? "n/a" : `${(bytes / 1048576).toFixed(1)} MB`);
const signedMb = (bytes) => (bytes === undefined ? "n/a" : `${bytes < 0 ? "" : "+"}${mb(bytes)}`);
const ratio = (w, r) => (w === undefined || r === undefined || r === 0 ? "n/a" : `${(w / r).toFixed(2)}x`);
const ok = (runs) => (runs ?? []).filter((r) => r.summary !== undefined && r.error === undefined);
const med = (runs, f) => median(ok(runs).map((r) => f(r.summary, r)).filter((x) => x !== undefined && x !== null));

/** Median figures of one scenario on one broker. */
function figures(runs) {
  return {
    received: med(runs, (s) => s.receivedRate),
    sent: med(runs, (s) => s.sentRate),
    p50: med(runs, (s) => s.latencyMs?.p50),
    p75: med(runs, (s) => s.latencyMs?.p75),
    p95: med(runs, (s) => s.latencyMs?.p95),
    p99: med(runs, (s) => s.latencyMs?.p99),
    max: med(runs, (s) => s.latencyMs?.max),
    confirmP50: med(runs, (s) => s.confirmLatencyMs?.p50),
    confirmP99: med(runs, (s) => s.confirmLatencyMs?.p99),
    rss: med(runs, (_s, r) => r.peakRss),
    perRound: (runs ?? []).map((r) => (r.summary ? int(r.summary.receivedRate) : `failed (${r.error})`)).join(" / "),
  };
}

const present = (results) => BROKERS.filter((b) => b === "warren" || results.rabbit);

export function chartData(results) {
  const brokers = present(results);
  const throughput = results.throughput
    .filter((t) => t.scenario.id !== "latency")
    .map((t) => ({ label: t.scenario.id, values: Object.fromEntries(brokers.map((b) => [b, figures(t.runs[b]).received])) }));
  const lat = results.throughput.find((t) => t.scenario.id === "latency");
  const latency = ["p50", "p95", "p99"].map((p) => ({ label: p, values: Object.fromEntries(brokers.map((b) => [b, lat ? figures(lat.runs[b])[p] : undefined])) }));
  return { throughput, latency, brokers };
}

function machineSection(r) {
  const m = r.machine;
  const peak = r.load.peak ?? Math.max(r.load.before[0], r.load.after?.[0] ?? 0);
  const busy = peak > 0.7;
  return [
    "## Machine",
    "",
    "| CPU | cores | memory | kernel | Node | RabbitMQ | load average before -> after | peak 1-min load |",
    "|---|---|---|---|---|---|---|---|",
    `| ${m.cpu} | ${m.cores} | ${(m.memoryBytes / 2 ** 30).toFixed(1)} GiB | ${m.kernel} | ${m.node} | ${r.rabbit ? `${r.rabbit.version} (Erlang ${r.rabbit.erlang ?? "?"})` : "not reachable"} | ${r.load.before.join(" ")} -> ${(r.load.after ?? []).join(" ")} | ${peak} |`,
    "",
    busy
      ? `**Taken on a loaded machine** (peak 1-minute load ${peak} on ${m.cores} cores: other work ran beside the bench): absolute numbers are lower and noisier than on an idle machine; the ratios (both brokers measured alternately under the same load) are the figures to compare, and the per-round columns show the spread.`
      : "The machine was otherwise idle during the run.",
    "Load generator, broker under test and the other broker all share the same cores.",
    "",
  ];
}

function goals(r) {
  const t = (id) => r.throughput.find((x) => x.scenario.id === id);
  const rows = [];
  for (const id of ["a", "b", "c"]) {
    const sc = t(id);
    if (!sc) continue;
    const w = figures(sc.runs.warren).received;
    const q = figures(sc.runs.RabbitMQ).received;
    const x = w !== undefined && q !== undefined ? w / q : undefined;
    rows.push(`| ${sc.scenario.title} | ${int(w)} msg/s | ${int(q)} msg/s | ${ratio(w, q)} | >= ${sc.scenario.goal.ratio}x | ${x === undefined ? "not measured" : x >= sc.scenario.goal.ratio ? "met" : "**missed**"} |`);
  }
  const lat = t("latency");
  if (lat) {
    const w = figures(lat.runs.warren).p99;
    rows.push(`| p99 latency at 10,000 msg/s, 16 B | ${ms(w)} ms | ${ms(figures(lat.runs.RabbitMQ).p99)} ms | ${ratio(w, figures(lat.runs.RabbitMQ).p99)} | < 5 ms | ${w === undefined ? "not measured" : w < 5 ? "met" : "**missed**"} |`);
  }
  if (r.queued) {
    const w = median(r.queued.warren.map((x) => x.after?.rss).filter(Boolean));
    const q = median((r.queued.RabbitMQ ?? []).map((x) => x.rssDelta).filter((x) => x !== undefined));
    rows.push(`| RSS with ${int(r.counts.queued)} x 1 KB queued | ${mb(w)} (whole process) | ${signedMb(q)} (growth) | | < 150 MB | ${w === undefined ? "not measured" : w < 150 * 1048576 ? "met" : "**missed**"} |`);
  }
  const s = median(r.startup.warren);
  const boot = r.startup.rabbitLastBootMs === undefined ? "n/a" : `${ms(r.startup.rabbitLastBootMs)} ms (last boot, from its log)`;
  if (s !== undefined) rows.push(`| start-up to accepting connections | ${ms(s)} ms | ${boot} | | < 500 ms | ${s < 500 ? "met" : "**missed**"} |`);
  return ["## Goals (issue 6)", "", "| goal | warren | RabbitMQ | warren/RabbitMQ | target | status |", "|---|---|---|---|---|---|", ...rows, ""];
}

function throughputSection(r) {
  const brokers = present(r);
  const lines = [
    `## Throughput and latency (median of ${r.rounds} rounds per broker, ${r.seconds} s each, run alternately)`,
    "",
    "| scenario | broker | delivered msg/s | published msg/s | latency p50 / p95 / p99 ms | confirm p50 / p99 ms | peak broker RSS | delivered per round |",
    "|---|---|---|---|---|---|---|---|",
  ];
  for (const t of r.throughput) {
    for (const b of brokers) {
      const f = figures(t.runs[b]);
      const confirms = t.scenario.args.includes("--confirm") ? `${ms(f.confirmP50)} / ${ms(f.confirmP99)}` : "";
      lines.push(`| ${b === "warren" ? t.scenario.title : ""} | ${b} | ${int(f.received)} | ${int(f.sent)} | ${ms(f.p50)} / ${ms(f.p95)} / ${ms(f.p99)} | ${confirms} | ${mb(f.rss)} | ${f.perRound} |`);
    }
    if (brokers.length === 2) {
      const w = figures(t.runs.warren);
      const q = figures(t.runs.RabbitMQ);
      lines.push(`| | **warren/RabbitMQ** | **${ratio(w.received, q.received)}** | ${ratio(w.sent, q.sent)} | ${ratio(w.p50, q.p50)} / ${ratio(w.p95, q.p95)} / ${ratio(w.p99, q.p99)} | | ${ratio(w.rss, q.rss)} | |`);
    }
  }
  lines.push("", "Latency is end to end (publish to delivery) as warren-perf measures it; with an unlimited publish rate it is mostly time spent queued, so the fixed-rate row is the latency figure.", "");
  return lines;
}

function footprintSection(r) {
  const lines = ["## Memory, idle resources, start-up and list_queues", "", "| measurement | warren | RabbitMQ | how |", "|---|---|---|---|"];
  if (r.queued) {
    const pick = (b, f) => median((r.queued[b] ?? []).map(f).filter((x) => x !== undefined));
    const col = (b, f) => mb(pick(b, f));
    const colSigned = (b, f) => signedMb(pick(b, f));
    lines.push(`| ${int(r.counts.queued)} x 1 KB transient queued: RSS after | ${col("warren", (x) => x.after?.rss)} | ${col("RabbitMQ", (x) => x.after?.rss)} | VmRSS of the process (RabbitMQ: the beam.smp pid from /api/nodes os_pid) |`);
    lines.push(`| same: RSS growth | ${colSigned("warren", (x) => x.rssDelta)} | ${colSigned("RabbitMQ", (x) => x.rssDelta)} | RSS after - RSS before (warren starts fresh each round) |`);
    lines.push(`| same: growth as RabbitMQ counts it | | ${colSigned("RabbitMQ", (x) => x.memUsedDelta)} | erlang:memory() total, live from /api/nodes/<node>?memory=true |`);
  }
  const idle = (label, o) => {
    if (!o) return;
    const per = (b) => (o[b]?.rssDelta === undefined ? "" : ` (${((o[b].rssDelta / o[b].n) / 1024).toFixed(1)} KB each)`);
    const own = (b) => (o[b]?.memUsedDelta === undefined ? "" : `; RabbitMQ's own count ${signedMb(o[b].memUsedDelta)}`);
    const cellOf = (b) => (o[b] ? `${mb(o[b].after.rss)}, ${signedMb(o[b].rssDelta)} for ${int(o[b].n)}${per(b)}${own(b)}` : "n/a");
    lines.push(`| ${label}: RSS with them | ${cellOf("warren")} | ${cellOf("RabbitMQ")} | VmRSS before and after, 3 s settle each; RabbitMQ's figures move with other users of the shared node |`);
  };
  idle("idle exclusive queues", r.idleQueues);
  idle("idle connections", r.idleConnections);
  if (r.startup.warren.length > 0) {
    lines.push(
      `| start-up to accepting AMQP connections | ${ms(median(r.startup.warren))} ms (median of ${r.startup.warren.length}; ${r.startup.warren.map(ms).join(", ")}) | ${r.startup.rabbitLastBootMs === undefined ? "n/a" : `${ms(r.startup.rabbitLastBootMs)} ms`} | warren: spawn of \`${r.warrenCommand}\` to the first connection.open-ok (probe every 2 ms). RabbitMQ: the shared node must not be restarted, so this is its last boot as its log records it (first log line to "Server startup complete"; the Erlang VM's start before logging is not included) |`,
    );
  }
  for (const l of r.listQueues ?? []) {
    lines.push(`| \`${l.command}\` with ${int(r.counts.idleQueues)} queues | ${l.broker === "warren" ? cell(l) : ""} | ${l.broker === "RabbitMQ" ? cell(l) : ""} | wall time, median of interleaved rounds after a warm-up that checked every queue is listed |`);
  }
  const lq = Object.fromEntries((r.listQueues ?? []).map((l) => [l.broker, l.median]));
  if (lq.warren !== undefined && lq.RabbitMQ !== undefined) lines.push(`| list_queues warrenctl/rabbitmqctl | ${ratio(lq.warren, lq.RabbitMQ)} | | |`);
  lines.push("");
  return lines;
}

const cell = (l) => (l.error !== undefined ? `failed: ${l.error}` : `${ms(l.median)} ms (${l.ms.map(ms).join(", ")})`);

function commandsSection(r) {
  const lines = ["## Commands", "", "Every scenario is one warren-perf run; the bench passes `--json` and the broker's URI (warren: port 5800):", "", "```sh"];
  lines.push(`${r.warrenCommand ?? "node bin/warren-server.js"}   # warren, started by the bench`);
  for (const t of r.throughput) lines.push(commandLine(t.scenario.args));
  if (r.queued) lines.push(`${commandLine(queuedArgs(r.counts.queued))}   # then RSS is read and the queue deleted`);
  lines.push("```", "", "Regenerate everything with `npm run bench` (options: `node scripts/bench/run.mjs --seconds 10 --rounds 2 --only a,b,c,latency,fanout,memory,idle,startup,durability,load --no-rabbit`).", "");
  return lines;
}

/** Facts from the runs that point at what is in the way, for whoever profiles next. */
function observations(r) {
  const lines = [];
  for (const t of r.throughput) {
    for (const b of present(r)) {
      const f = figures(t.runs[b]);
      if (f.sent !== undefined && f.received !== undefined && f.sent * queuesOf(t) > 1.5 * f.received) {
        // what was delivered after publishing stopped, over the drain time: how fast the broker delivers once publishers are quiet
        const after = med(t.runs[b], (s) => (s.drainSeconds > 0.05 ? (s.received - s.receivedRate * s.elapsedSeconds) / s.drainSeconds : undefined));
        const quiet = after === undefined ? "" : `; once publishing stopped it delivered ${int(after)} msg/s`;
        lines.push(`- ${t.scenario.id} on ${b}: publishing ran at ${int(f.sent)} msg/s but delivery at ${int(f.received)} msg/s${quiet}; the backlog grew for the whole window (peak RSS ${mb(f.rss)}), so latency there is queueing time.`);
      }
      const backlogged = f.sent !== undefined && f.received !== undefined && f.sent * queuesOf(t) > 1.5 * f.received;
      for (const run of t.runs[b] ?? []) {
        for (const e of run.summary?.errors ?? (run.error ? [run.error] : [])) lines.push(`- ${t.scenario.id} on ${b}: error: ${e}`);
        // an undrained backlog is already said by the line above
        for (const w of run.summary?.warnings ?? []) if (!(backlogged && w.startsWith("stopped waiting"))) lines.push(`- ${t.scenario.id} on ${b}: ${w}`);
      }
    }
  }
  for (const t of r.throughput) {
    const disk = median((t.runs.warren ?? []).map((x) => x.diskWriteBytes).filter((x) => x !== undefined));
    const sent = figures(t.runs.warren).sent;
    if (disk !== undefined && sent !== undefined && disk < sent) {
      lines.push(`- ${t.scenario.id} on warren: the broker wrote ${int(disk)} bytes to storage during the run: persistent messages did not reach the disk, so this compares warren in memory with RabbitMQ writing to disk.`);
    }
  }
  for (const [b, rounds] of Object.entries(r.queued ?? {})) for (const q of rounds) if (q.error) lines.push(`- memory on ${b}: ${q.error}`);
  return lines.length === 0 ? [] : ["## What the runs show", "", ...dedupe(lines), ""];
}

const queuesOf = (t) => (t.scenario.args.includes("--queues") ? Number(t.scenario.args[t.scenario.args.indexOf("--queues") + 1]) : 1);
const dedupe = (xs) => [...new Set(xs)];

function methodSection() {
  return [
    "## Method",
    "",
    "- warren-perf (`bin/warren-perf.js`, src/perf) is this package's load generator: its own AMQP 0-9-1 client on the project's codec, one connection per producer and per consumer, in one process so producers and consumers share a clock.",
    "- Each producer writes one buffer per event-loop turn (batch), honours socket back-pressure (`drain`) and connection.blocked; a rate limit sends the messages due at each tick (no timer per message).",
    "- The first 8 body bytes carry the send time (performance.now()); consumers compute end-to-end latency on arrival; percentiles come from a log-linear histogram (exact below 128 us, < 1.6% error above).",
    "- Scenarios alternate warren and RabbitMQ round by round (warren first in odd rounds, RabbitMQ first in even ones) and the median of the rounds is reported; rates are over the --time window; after it, at most 2 s are spent draining.",
    "- Peak broker RSS is sampled every 200 ms from /proc/<pid>/status while a scenario runs. warren is a child process of the bench; RabbitMQ is the machine's shared node (never restarted), its pid taken from /api/nodes `os_pid`.",
    "- Objects the bench creates on RabbitMQ are named `warren-perf-*` (or server-named exclusive queues) and removed afterwards.",
    "",
  ];
}

export function markdown(r, svgName) {
  return [
    "# Benchmarks",
    "",
    `Generated by \`npm run bench\` on ${r.date} — do not edit by hand; rerun it. Raw results of the last run: \`node_modules/.cache/warren/bench-results.json\`.`,
    "",
    ...(r.scale === 1 ? [] : [`**Trial run at --scale ${r.scale}: footprint counts are scaled down; not comparable with the issue's goals.**`, ""]),
    ...machineSection(r),
    ...goals(r),
    `![Delivered msg/s per scenario and latency at 10,000 msg/s, warren beside RabbitMQ](${svgName})`,
    "",
    ...throughputSection(r),
    ...footprintSection(r),
    ...durabilitySection(r),
    ...loadSection(r),
    ...observations(r),
    ...commandsSection(r),
    ...methodSection(),
  ].join("\n");
}
