import type { Broker } from "../broker.js";
import { applications, authMechanisms, ENABLED_PLUGINS, EXCHANGE_TYPES } from "./facts.js";
import { liveTotals, SEE_ALL } from "./totals.js";
import { diskFree, fdTotal, fdUsed, gcCount, memoryBreakdown, percentOf, processors, totalMemory } from "./resources.js";

/** Event counts /api/nodes reports with rates; storage and channel code add to them as they land. */
const NODE_COUNTERS = [
  "io_read_count", "io_read_bytes", "io_write_count", "io_write_bytes", "io_sync_count", "io_seek_count", "io_reopen_count",
  "msg_store_read_count", "msg_store_write_count", "queue_index_write_count", "queue_index_read_count",
  "connection_created", "connection_closed", "channel_created", "channel_closed", "queue_declared", "queue_created", "queue_deleted",
];

/** Levels sampled for their rates, read live for their values. */
const GAUGES = ["mem_used", "fd_used", "sockets_used", "proc_used", "disk_free", "gc_num", "context_switches"] as const;
type Gauge = (typeof GAUGES)[number];

/** Libuv handles and requests in use stand in for Erlang processes: both are the node's units of concurrent work. */
const activeResources = (): string[] => process.getActiveResourcesInfo();

/** The levels now; each is also what the rate sampler records. */
export function gaugeValues(broker: Broker): Record<Gauge, number> {
  const usage = process.resourceUsage();
  return {
    mem_used: process.memoryUsage.rss(),
    fd_used: fdUsed() ?? 0,
    sockets_used: broker.connections.size,
    proc_used: activeResources().length,
    disk_free: diskFree(broker.node.paths?.dataDir),
    gc_num: gcCount(),
    context_switches: usage.voluntaryContextSwitches + usage.involuntaryContextSwitches,
  };
}

/** Records the gauges and the node's queue totals, then takes a rate sample (called on the node's sampling timer). */
export function sampleNode(broker: Broker): void {
  const c = broker.node.counters;
  const g = gaugeValues(broker);
  for (const k of GAUGES) c.gauge(k, g[k]);
  const t = liveTotals(broker, SEE_ALL);
  c.gauge("messages", t.ready + t.unacked);
  c.gauge("messages_ready", t.ready);
  c.gauge("messages_unacknowledged", t.unacked);
  c.sample();
}

export interface NodeReportOptions {
  /** ?memory=true: the memory breakdown. */
  readonly memory?: boolean;
}

/** One node as GET /api/nodes/{node} shows it, keys in RabbitMQ's order; keys about Erlang distribution, Mnesia and Ra are left out. */
export function nodeReport(broker: Broker, o: NodeReportOptions = {}): Record<string, unknown> {
  const node = broker.node;
  const total = totalMemory();
  const fds = fdTotal() ?? 0;
  const g = gaugeValues(broker);
  const rate = (k: string): { rate: number } => ({ rate: node.counters.rate(k) });
  const out: Record<string, unknown> = {
    ...(o.memory === true ? { memory: memoryReport() } : {}),
    partitions: [],
    os_pid: String(process.pid),
    fd_total: fds,
    // warren reserves no descriptors for other uses: sockets and files share the process limit
    sockets_total: fds,
    mem_limit: node.thresholds.memoryLimit(total),
    mem_alarm: node.alarms.memory,
    disk_free_limit: node.thresholds.diskLimit(total),
    disk_free_alarm: node.alarms.disk,
    proc_total: fds,
    rates_mode: "basic",
    uptime: Date.now() - node.startedAt,
    // work queued for the next event-loop turn, the nearest thing to Erlang's run queue
    run_queue: activeResources().filter((r) => r === "Immediate").length,
    processors: processors(),
    exchange_types: EXCHANGE_TYPES,
    auth_mechanisms: authMechanisms(),
    applications: applications(),
    contexts: node.httpPort === undefined ? [] : [{ description: "warren management API", path: "/", port: String(node.httpPort) }],
    log_files: node.log.files(),
    db_dir: node.paths?.dbDir ?? "",
    config_files: node.configFiles,
    enabled_plugins: ENABLED_PLUGINS,
    mem_calculation_strategy: "rss",
    name: node.name,
    type: "disc",
    running: node.running,
  };
  for (const k of GAUGES) Object.assign(out, { [k]: g[k], [`${k}_details`]: rate(k) });
  Object.assign(out, node.counters.withRates(NODE_COUNTERS));
  out.cluster_links = [];
  return out;
}

/** GET /api/nodes/{node}/memory's "memory" object: the breakdown, the strategy, and the totals. */
export function memoryReport(): Record<string, unknown> {
  const { parts, total } = memoryBreakdown();
  return { ...parts, strategy: "rss", total };
}

/** The breakdown in whole percent of rss, "total" first, as /memory/relative gives it. */
export function relativeMemoryReport(): Record<string, number> {
  const { parts, total } = memoryBreakdown();
  const out: Record<string, number> = { total: 100 };
  for (const [k, v] of Object.entries(parts)) out[k] = percentOf(v, total.rss);
  return out;
}
