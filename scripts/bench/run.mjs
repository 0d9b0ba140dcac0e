#!/usr/bin/env node
// npm run bench: the issue-6 scenarios against warren-server (a child of this script) and, when 127.0.0.1:5672 answers,
// the machine's RabbitMQ, alternating between them; writes BENCHMARKS.md and BENCHMARKS.svg.
//   node scripts/bench/run.mjs [--seconds 10] [--rounds 2] [--only a,b,c,latency,fanout,memory,idle,startup] [--no-rabbit] [--scale 1] [--out BENCHMARKS.md] [--render-only]
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { findRabbit, rabbitLastBootMs, startWarren, stopWarren } from "./lib/brokers.mjs";
import { chartSvg } from "./lib/chart.mjs";
import { checkListQueues, idleConnections, listQueuesCommands, openIdleQueues, queuedMessages } from "./lib/footprint.mjs";
import { load, machine } from "./lib/machine.mjs";
import { runPerf } from "./lib/perf-runner.mjs";
import { chartData, markdown } from "./lib/report.mjs";
import { durabilityRun } from "./lib/durability.mjs";
import { loadRun } from "./lib/load.mjs";
import { throughputScenarios } from "./lib/scenarios.mjs";
import { timeInterleaved } from "./lib/timing.mjs";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const argv = process.argv.slice(2);
const opt = (name, fallback) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : fallback);
const seconds = Number(opt("--seconds", "10"));
const rounds = Math.max(1, Number(opt("--rounds", "2")));
const only = opt("--only", undefined)?.split(",");
const wanted = (id) => only === undefined || only.includes(id);
const out = opt("--out", "BENCHMARKS.md");
const WARREN_AMQP = 5800;
const WARREN_HTTP = 15800;
// --scale shrinks the footprint scenarios for trying the bench out; BENCHMARKS.md is meant to be made at 1
const scale = Number(opt("--scale", "1"));
const QUEUED = Math.round(100_000 * scale);
const IDLE_QUEUES = Math.round(10_000 * scale);
const IDLE_CONNECTIONS = Math.round(1000 * scale);
const DURABLE = Math.round(1_000_000 * scale);
const LOAD = { connections: Math.round(1000 * scale), channelsPer: 2, queues: Math.round(10_000 * scale), seconds };
const STARTUPS = 5;
const LIST_ROUNDS = 3;
const RABBIT_LOG = "/var/log/rabbitmq";

const log = (s) => process.stderr.write(`bench: ${s}\n`);
const RESULTS = `${ROOT}node_modules/.cache/warren/bench-results.json`;
const svgName = out.replace(/\.md$/, "") + ".svg";
/** BENCHMARKS.md and its chart from a results object. */
function render(results) {
  writeFileSync(`${ROOT}${svgName}`, chartSvg(chartData(results)));
  writeFileSync(`${ROOT}${out}`, markdown(results, svgName.split("/").pop()));
  log(`wrote ${out} and ${svgName} (raw results: ${RESULTS.slice(ROOT.length)})`);
}
// --render-only: rewrite the report from the last run's raw results (after a change to the report's layout)
if (argv.includes("--render-only")) {
  render(JSON.parse(readFileSync(RESULTS, "utf8")));
  process.exit(0);
}
// the 1-minute load average every 10 s: its peak says how busy the machine was while the numbers were taken
const loadSamples = [];
const loadTimer = setInterval(() => loadSamples.push(load()[0]), 10_000).unref();
const results = { date: new Date().toISOString(), machine: machine(), load: { before: load() }, seconds, rounds, scale, counts: { queued: QUEUED, idleQueues: IDLE_QUEUES, idleConnections: IDLE_CONNECTIONS, durable: DURABLE }, throughput: [], startup: { warren: [] } };

const rabbit = argv.includes("--no-rabbit") ? undefined : await findRabbit();
results.rabbit = rabbit && { version: rabbit.version, erlang: rabbit.erlang, node: rabbit.node, pid: rabbit.pid };
log(rabbit ? `RabbitMQ ${rabbit.version} on 5672 (beam pid ${rabbit.pid})` : "no RabbitMQ on 5672: warren only");

/** A fresh warren-server; its start-up time is one more sample. */
async function freshWarren() {
  const w = await startWarren(WARREN_AMQP, WARREN_HTTP);
  results.startup.warren.push(w.startupMs);
  results.warrenCommand = w.command;
  return w;
}

/** Runs fn for warren and RabbitMQ in alternating order round by round; returns {warren: [...], RabbitMQ: [...]}. */
async function alternate(brokers, n, fn) {
  const byName = Object.fromEntries(brokers.map((b) => [b.name, []]));
  for (let r = 0; r < n; r++) {
    const order = r % 2 === 0 ? brokers : [...brokers].reverse();
    for (const b of order) byName[b.name].push(await fn(b, r));
  }
  return byName;
}

/** Bytes a process has caused to be written to storage (/proc/<pid>/io write_bytes); undefined where the kernel does not say. */
function storageWriteBytes(pid) {
  try {
    const m = /^write_bytes:\s+(\d+)$/m.exec(readFileSync(`/proc/${pid}/io`, "utf8"));
    return m === null ? undefined : Number(m[1]);
  } catch {
    return undefined;
  }
}

let warren = await freshWarren();
try {
  const brokers = () => [warren, ...(rabbit ? [rabbit] : [])];
  for (const sc of throughputScenarios(seconds).filter((s) => wanted(s.id))) {
    const runs = await alternate(brokers(), rounds, async (b, r) => {
      log(`${sc.id} round ${r + 1} on ${b.name}`);
      const persistentOnWarren = b.name === "warren" && sc.args.includes("--persistent");
      const writtenBefore = persistentOnWarren ? storageWriteBytes(warren.pid) : undefined;
      const run = await runPerf(b, sc.args);
      // whether persistent messages reached warren's disk: what the process sent to storage during the run
      // (its data dir alone cannot tell: the store deletes segments once every message in them is acked)
      if (!persistentOnWarren) return run;
      const writtenAfter = storageWriteBytes(warren.pid);
      return { ...run, diskWriteBytes: writtenBefore === undefined || writtenAfter === undefined ? undefined : writtenAfter - writtenBefore };
    });
    results.throughput.push({ scenario: sc, runs });
  }
  if (wanted("memory")) {
    // a fresh warren per round, so each starts from the same baseline; RabbitMQ cannot be restarted, so its growth is measured
    results.queued = await alternate(brokers(), rounds, async (b, r) => {
      log(`memory round ${r + 1} on ${b.name}: ${QUEUED} x 1 KB queued`);
      if (b.name === "warren") {
        await stopWarren(warren);
        warren = await freshWarren();
        return queuedMessages(warren, QUEUED);
      }
      return queuedMessages(b, QUEUED);
    });
  }
  if (wanted("idle")) {
    // connections first, each broker quiet: deleting 10,000 queues afterwards would churn memory under the next reading
    await stopWarren(warren);
    warren = await freshWarren();
    results.idleConnections = {};
    for (const b of brokers()) {
      // RabbitMQ here is shared and allows only sockets_total connections: take at most half, leaving room for others
      const n = b.name === "warren" ? IDLE_CONNECTIONS : Math.min(IDLE_CONNECTIONS, Math.floor((rabbit.socketsTotal ?? 1000) / 2), 500);
      log(`${n} idle connections on ${b.name}`);
      results.idleConnections[b.name] = await idleConnections(b, n);
    }
    await stopWarren(warren);
    warren = await freshWarren();
    log(`${IDLE_QUEUES} idle queues on each broker`);
    const held = [];
    results.idleQueues = {};
    try {
      for (const b of brokers()) {
        const h = await openIdleQueues(b, IDLE_QUEUES);
        held.push(h);
        results.idleQueues[b.name] = h.result;
      }
      const cmds = listQueuesCommands(warren);
      const subjects = brokers().map((b) => ({ broker: b.name, ...cmds[b.name] }));
      const checked = subjects.map((s) => checkListQueues(s, IDLE_QUEUES));
      log(`list_queues with ${IDLE_QUEUES} queues, ${LIST_ROUNDS} interleaved rounds`);
      const timed = timeInterleaved(subjects.filter((_, i) => checked[i] === undefined), LIST_ROUNDS);
      results.listQueues = subjects.map((s, i) => ({ broker: s.broker, command: s.shown, ...(checked[i] === undefined ? timed.shift() : { error: checked[i] }) }));
    } finally {
      for (const h of held) await h.close();
    }
  }
  if (wanted("load")) {
    await stopWarren(warren);
    warren = await freshWarren();
    log(`load: ${LOAD.connections} connections x ${LOAD.channelsPer} channels + ${LOAD.queues} queues under traffic`);
    results.underLoad = await loadRun(warren, LOAD).catch((e) => ({ error: e.message }));
  }
} finally {
  await stopWarren(warren);
}
if (wanted("durability")) {
  log(`durability: ${DURABLE} x 1 KB persistent, restarts (SIGTERM, SIGKILL), drain`);
  results.durability = await durabilityRun(WARREN_AMQP, WARREN_HTTP, DURABLE).catch((e) => ({ error: e.message }));
}
if (wanted("startup")) {
  while (results.startup.warren.length < STARTUPS) await stopWarren(await freshWarren());
  results.startup.rabbitLastBootMs = rabbit && rabbit.node ? rabbitLastBootMs(`${RABBIT_LOG}/${rabbit.node}.log`) : undefined;
}
results.load.after = load();
results.load.peak = Math.max(results.load.before[0], results.load.after[0], ...loadSamples);
clearInterval(loadTimer);

mkdirSync(`${ROOT}node_modules/.cache/warren`, { recursive: true });
writeFileSync(RESULTS, JSON.stringify(results, null, 2));
render(results);
