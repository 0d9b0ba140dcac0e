import { p, type ManagementClient } from "../../../api/client.js";
import { erlangFloat } from "../../format/values.js";
import type { Command, Opts, Row } from "../../types.js";
import { vhostOf, withDefaultVhost } from "../common.js";
import { httpColumns, listItems, primed, streamed, type Obj } from "./_lists.js";
import { QUEUE_COLUMNS, QUEUE_KEYS, STREAM_STATS_FIELDS, typeHasKey } from "./_queue_keys.js";

/** rabbitmqctl's one default timeout for a list command: 60 s, announced in the banner. */
const DEFAULT_TIMEOUT_MS = 60_000;

interface Plan {
  columns: string[];
  live: boolean;
  online: boolean;
  offline: boolean;
  localNode: string | undefined;
}

// a queue's node is its leader's for quorum and stream queues
const hostNode = (q: Obj): unknown => q.leader ?? q.node;

function keep(q: Obj, plan: Plan): boolean {
  if (plan.localNode !== undefined) return hostNode(q) === plan.localNode;
  const down = q.state === "down";
  return down ? plan.offline : plan.online;
}

/** Fields this queue still lacks: per-queue details (owner, exclusive consumer) and a stream's stats-only values. */
function missing(q: Obj, plan: Plan, streamWanted: readonly string[]): string[] {
  const out: string[] = [];
  if (plan.columns.includes("owner_pid") && q.exclusive === true) out.push("owner_pid_details.name");
  if (plan.columns.includes("exclusive_consumer_pid") && typeof q.exclusive_consumer_tag === "string") out.push("consumer_details");
  if (plan.live && q.type === "stream") for (const f of streamWanted) if (STREAM_STATS_FIELDS.has(f) && !(f in q)) out.push(f);
  return out;
}

async function* queueRows(api: ManagementClient, vhost: string, plan: Plan): AsyncGenerator<Row> {
  const extra = ["name", "type"];
  if (plan.localNode !== undefined) extra.push("node", "leader");
  if (!(plan.online && plan.offline)) extra.push("state");
  const cols = httpColumns(QUEUE_KEYS, plan.columns, extra);
  const streamWanted = httpColumns(QUEUE_KEYS, plan.columns.filter((c) => typeHasKey("stream", c)), plan.localNode !== undefined ? ["node", "leader"] : []).split(",");
  const query = plan.live ? { disable_stats: "true", enable_queue_totals: "true", columns: cols } : { columns: cols };
  for await (const page of listItems(api, p`/api/queues/${vhost}`, query, !plan.live)) {
    for (let q of page) {
      const more = missing(q, plan, streamWanted);
      if (more.length > 0) q = { ...q, ...((await api.find<Obj>(p`/api/queues/${vhost}/${String(q.name)}`, { columns: more.join(",") })) ?? {}) };
      if (!keep(q, plan)) continue;
      yield plan.columns.map((c) => (typeHasKey(q.type, c) ? (QUEUE_KEYS[c]?.value(q) ?? null) : null));
    }
  }
}

export const list_queues: Command<AsyncIterable<Row>> = {
  name: "list_queues",
  section: "monitoring",
  description: "Shows the queues of a virtual host with the requested properties",
  usage: "list_queues [--vhost <vhost>] [--online] [--offline] [--local] [--no-table-headers] [<column>, ...] [--timeout <timeout>]",
  usageAdditional: [
    ["--online", "include only queues whose node is reachable"],
    ["--offline", "include only queues whose node is down"],
    ["--local", "include only queues hosted on the node the command talks to"],
  ],
  docGuides: ["https://rabbitmq.com/queues.html"],
  switches: [
    { name: "online", type: "boolean", description: "only queues on reachable nodes" },
    { name: "offline", type: "boolean", description: "only queues on unreachable nodes" },
    { name: "local", type: "boolean", description: "only queues hosted on the target node" },
  ],
  formatter: "table",
  columns: { allowed: QUEUE_COLUMNS, defaults: ["name", "messages"] },
  notes:
    "Values come from the management API. Columns that only the statistics database knows (consumers, memory, " +
    "consumer_utilisation, message_bytes*, *_ram, owner_pid, ...) lag by up to the stats interval (5 s); lists of only " +
    "name, durable, auto_delete, exclusive, arguments, policy, type, state, messages, messages_ready, " +
    "messages_unacknowledged, pid, leader, members, online, slave_pids are read live. HTTP exposes no process ids: pid " +
    "prints the queue's node (a quorum queue's leader), slave_pids the mirrors' nodes, owner_pid the owning " +
    "connection's name, exclusive_consumer_pid the consuming channel's name. disk_reads and disk_writes are not " +
    "exposed and print empty. memory is the statistics sample, not a fresh reading. Arguments print in the API's " +
    "(sorted) key order, and their AMQP types are inferred from JSON. --offline lists queues in state down; --local " +
    "compares each queue's node with the node serving the API. Rows come sorted by name.",
  mergeDefaults: (args, opts) => {
    const [a, o] = withDefaultVhost(args, opts);
    return [a, { ...o, timeout: o.timeout ?? DEFAULT_TIMEOUT_MS }];
  },
  banner: (_args, opts: Opts) => [
    `Timeout: ${erlangFloat((opts.timeout ?? DEFAULT_TIMEOUT_MS) / 1000)} seconds ...`,
    `Listing queues for vhost ${vhostOf(opts)} ...`,
  ],
  run: async (_args, opts, ctx) => {
    const columns = opts.columns ?? ["name", "messages"];
    const local = opts.local === true;
    // neither flag means both, as in rabbitmqctl
    const online = opts.online === true || opts.offline !== true;
    const offline = opts.offline === true || opts.online !== true;
    const localNode = local ? String((await ctx.api.get<Obj>("/api/overview", { columns: "node" })).node) : undefined;
    const live = columns.every((c) => QUEUE_KEYS[c]?.live === true);
    return primed(queueRows(ctx.api, vhostOf(opts), { columns, live, online, offline, localNode }));
  },
  output: (rows, opts) => streamed(opts.columns ?? ["name", "messages"], rows),
};
