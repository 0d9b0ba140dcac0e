import type { Broker } from "../../broker.js";
import { COMPAT_VERSION, WARREN_VERSION } from "../../broker.js";
import { EXCHANGE_TYPES, runtimeBanner, runtimeVersion } from "../../node/facts.js";
import { nodeListeners } from "../../node/listeners.js";
import { liveTotals, SEE_ALL, type Visibility } from "../../node/totals.js";
import { hasTag } from "../auth.js";
import type { Controller, RequestContext } from "../route.js";
import { ok } from "../route.js";
import { canSeeVhost } from "../vhost-access.js";

/** RabbitMQ's sampling configuration; warren keeps the same retention for its rates. */
const SAMPLE_RETENTION_POLICIES = { global: [600, 3600, 28800, 86400], basic: [600, 3600], detailed: [600] };

/** message_stats keys, shown once their event has happened (as RabbitMQ shows them). */
const MESSAGE_STATS = ["ack", "confirm", "deliver", "deliver_get", "deliver_no_ack", "disk_reads", "disk_writes", "drop_unroutable",
  "get", "get_empty", "get_no_ack", "publish", "redeliver", "return_unroutable"];
const CHURN = ["channel_closed", "channel_created", "connection_closed", "connection_created", "queue_created", "queue_declared", "queue_deleted"];

const byName = (a: { name: string }, b: { name: string }): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/** Monitors and administrators see the whole node; other users their vhosts and their own connections. */
function visibility(ctx: RequestContext): Visibility {
  if (hasTag(ctx.user, "monitoring")) return SEE_ALL;
  return { vhost: (v) => canSeeVhost(ctx, v), connection: (c) => c.user?.name === ctx.user.name };
}

/** The part of the overview every caller gets, up to the stats switches. */
function header(broker: Broker, q: URLSearchParams): Record<string, unknown> {
  const node = broker.node;
  return {
    management_version: COMPAT_VERSION,
    rates_mode: "basic",
    sample_retention_policies: SAMPLE_RETENTION_POLICIES,
    exchange_types: [...EXCHANGE_TYPES].sort(byName),
    // product info names warren; rabbitmq_version is the RabbitMQ release whose API and behaviour it reproduces
    product_version: WARREN_VERSION,
    product_name: "warren",
    rabbitmq_version: COMPAT_VERSION,
    cluster_name: node.clusterName,
    // warren runs on Node.js: the "Erlang" versions are the runtime's
    erlang_version: runtimeVersion(),
    erlang_full_version: runtimeBanner(),
    release_series_support_status: "supported",
    disable_stats: q.get("disable_stats") === "true",
    enable_queue_totals: q.get("enable_queue_totals") === "true",
  };
}

function queueTotals(broker: Broker, ready: number, unacked: number, withRates: boolean): Record<string, unknown> {
  const c = broker.node.counters;
  const entry = (k: string, v: number): Record<string, unknown> => (withRates ? { [k]: v, [`${k}_details`]: { rate: c.rate(k) } } : { [k]: v });
  return { ...entry("messages", ready + unacked), ...entry("messages_ready", ready), ...entry("messages_unacknowledged", unacked) };
}

function overview(ctx: RequestContext): Record<string, unknown> {
  const { broker, query: q } = ctx;
  const node = broker.node;
  const seeAll = hasTag(ctx.user, "monitoring");
  const see = visibility(ctx);
  const t = liveTotals(broker, see);
  const out = header(broker, q);
  if (q.get("disable_stats") === "true") {
    out.node = node.name;
    out.object_totals = { queues: t.queues, exchanges: t.exchanges, ...(seeAll ? { connections: t.connections } : {}) };
    return out;
  }
  const c = node.counters;
  out.message_stats = seeAll ? c.withRates(MESSAGE_STATS.filter((k) => c.has(k))) : {};
  out.churn_rates = c.withRates(CHURN);
  const anyVhost = [...broker.vhosts.keys()].some((v) => see.vhost(v));
  out.queue_totals = anyVhost ? queueTotals(broker, t.ready, t.unacked, seeAll) : {};
  out.object_totals = seeAll
    ? { channels: t.channels, connections: t.connections, consumers: t.consumers, exchanges: t.exchanges, queues: t.queues }
    : { channels: t.channels, connections: t.connections, exchanges: t.exchanges, queues: t.queues };
  out.statistics_db_event_queue = 0;
  if (seeAll) {
    out.node = node.name;
    out.listeners = nodeListeners(node);
    out.contexts = node.httpPort === undefined ? [] : [{ ssl_opts: [], node: node.name, description: "warren management API", path: "/", port: String(node.httpPort) }];
  }
  return out;
}

/** columns= on the overview selects whole top-level keys (queue_totals.messages gives all of queue_totals), as RabbitMQ does. */
function selectColumns(o: Record<string, unknown>, columns: string | null): Record<string, unknown> {
  if (columns === null || columns === "") return o;
  const keys = new Set(columns.split(",").map((c) => c.trim().split(".")[0]!));
  return Object.fromEntries(Object.entries(o).filter(([k]) => keys.has(k)));
}

/** GET /api/overview: versions, names, live object and message totals, rates, listeners. */
export const overviewController: Controller = [
  { method: "GET", path: "/overview", access: "management", handler: (ctx) => ok(selectColumns(overview(ctx), ctx.query.get("columns"))) },
];
