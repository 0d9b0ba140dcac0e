// A classic queue as the management API shows it: the static record (disable_stats), the record with live
// totals (enable_queue_totals), and the full statistics object of the list and single forms.
import type { Queue } from "../../queue/queue.js";
import { effectiveArgument } from "../../queue/effective-args.js";
import { Stat } from "../../stats/message-stats.js";
import { queueStats } from "../../stats/queue-stats.js";
import { byteOrder, tableToJson } from "../amqp-json.js";
import { rfc3339 } from "./timestamps.js";
import { channelConsumers, consumerDetailJson } from "./consumer-json.js";
import { connectionDetails } from "./connection-names.js";
import { Connection } from "../../connection/connection.js";

/** Rough bytes a queue holds: the messages' bodies plus a per-message and a per-queue overhead (an estimate; Node has no per-queue heap). */
const QUEUE_OVERHEAD_BYTES = 2048;
const MESSAGE_OVERHEAD_BYTES = 200;

const rate = (r: number): { rate: number } => ({ rate: r });

/** The fields every form starts from. */
function record(q: Queue, node: string): Record<string, unknown> {
  return {
    arguments: tableToJson(q.arguments),
    auto_delete: q.autoDelete,
    durable: q.durable,
    exclusive: q.exclusiveOwner !== undefined,
    name: q.name,
    node,
  };
}

/** disable_stats=true: the queue record, its state "live" (a record, not a running process), a policy only when one applies. */
export function queueStatic(q: Queue, node: string): Record<string, unknown> {
  const out = record(q, node);
  if (q.policy !== undefined) out.policy = q.policy.name;
  return { ...out, state: "live", type: "classic", vhost: q.vhost.name };
}

/** disable_stats=true&enable_queue_totals=true: the record plus live message counts, state "running". */
export function queueWithTotals(q: Queue, node: string): Record<string, unknown> {
  const [messages, ready, unacked] = queueStats(q).levels();
  const { arguments: args, auto_delete, durable, exclusive, name } = record(q, node);
  const out: Record<string, unknown> = { arguments: args, auto_delete, durable, exclusive, messages, messages_ready: ready, messages_unacknowledged: unacked, name, node };
  if (q.policy !== undefined) out.policy = q.policy.name;
  return { ...out, state: "running", type: "classic", vhost: q.vhost.name };
}

/** The policy and operator policy merged as they act on the queue (operator limits win when smaller). */
function effectivePolicyDefinition(q: Queue): Record<string, unknown> {
  const keys = new Set([...Object.keys(q.policy?.definition ?? {}), ...Object.keys(q.operatorPolicy?.definition ?? {})]);
  const out: Record<string, unknown> = {};
  for (const k of [...keys].sort()) {
    const p = q.policy?.definition[k];
    const o = q.operatorPolicy?.definition[k];
    out[k] = p === undefined ? o : o === undefined ? p : typeof p === "number" && typeof o === "number" ? Math.min(p, o) : o;
  }
  return out;
}

/** Share of the queue's consumers able to take a message right now; 0 (an integer) without consumers. */
function consumerCapacity(q: Queue): number {
  const cs = q.allConsumers();
  if (cs.length === 0) return 0;
  return cs.filter((c) => c.hasCapacity()).length / cs.length;
}

/** An in-memory queue's backing store: everything ready is in RAM (q4), nothing paged to disk (delta). */
function backingQueueStatus(q: Queue): Record<string, unknown> {
  const s = queueStats(q).messages;
  const len = q.messageCount;
  const published = s.counters.get(Stat.Publish);
  const mode = effectiveArgument(q, "queue-mode") === "lazy" ? "lazy" : "default";
  return {
    avg_ack_egress_rate: s.counters.rate(Stat.Ack),
    avg_ack_ingress_rate: s.counters.rateOf([Stat.Deliver, Stat.Get]),
    avg_egress_rate: s.counters.rateOf([Stat.Deliver, Stat.DeliverNoAck, Stat.Get, Stat.GetNoAck]),
    avg_ingress_rate: s.counters.rate(Stat.Publish),
    delta: ["delta", "undefined", 0, 0, "undefined"],
    len,
    mode,
    next_deliver_seq_id: Math.max(0, published - len),
    next_seq_id: published,
    q1: 0,
    q2: 0,
    q3: 0,
    q4: len,
    target_ram_count: "infinity",
    // the classic queue version in force (x-queue-version or a policy's queue-version), 1 by default
    version: effectiveArgument(q, "queue-version") === 2 ? 2 : 1,
  };
}

/** The statistics object of GET /api/queues (list form), keys in RabbitMQ's (sorted) order. */
export function queueFull(q: Queue, node: string): Record<string, unknown> {
  const qs = queueStats(q);
  const [messages, ready, unacked] = qs.levels();
  const [messagesRate, readyRate, unackedRate] = qs.levelRates();
  const readyBytes = q.messageBytes;
  const bytes = readyBytes + qs.unackedBytes;
  const capacity = consumerCapacity(q);
  const exclusiveConsumer = q.allConsumers().find((c) => c.exclusive);
  const idle = qs.messages.idleSince();
  const stats = qs.messages.toJson(false);
  const base = record(q, node);
  const out: Record<string, unknown> = {
    arguments: base.arguments,
    auto_delete: base.auto_delete,
    backing_queue_status: backingQueueStatus(q),
    consumer_capacity: capacity,
    consumer_utilisation: capacity,
    consumers: q.consumerCount,
    durable: base.durable,
    effective_policy_definition: effectivePolicyDefinition(q),
    exclusive: base.exclusive,
    exclusive_consumer_tag: exclusiveConsumer?.tag ?? null,
    head_message_timestamp: null,
  };
  if (idle !== undefined) out.idle_since = rfc3339(idle);
  Object.assign(out, {
    memory: QUEUE_OVERHEAD_BYTES + bytes + messages * MESSAGE_OVERHEAD_BYTES,
    message_bytes: bytes,
    // every message is in RAM (persistent ones on durable queues are on disk too); none is paged out yet
    message_bytes_paged_out: 0,
    message_bytes_persistent: q.durableLog?.bytes ?? 0,
    message_bytes_ram: bytes,
    message_bytes_ready: readyBytes,
    message_bytes_unacknowledged: qs.unackedBytes,
  });
  if (stats !== undefined) out.message_stats = stats;
  Object.assign(out, {
    messages,
    messages_details: rate(messagesRate),
    messages_paged_out: 0,
    messages_persistent: q.durableLog?.messages ?? 0,
    messages_ram: messages,
    messages_ready: ready,
    messages_ready_details: rate(readyRate),
    messages_ready_ram: ready,
    messages_unacknowledged: unacked,
    messages_unacknowledged_details: rate(unackedRate),
    messages_unacknowledged_ram: unacked,
    name: q.name,
    node,
    operator_policy: q.operatorPolicy?.name ?? null,
    policy: q.policy?.name ?? null,
    recoverable_slaves: null,
    single_active_consumer_tag: q.singleActiveConsumer?.tag ?? null,
    state: "running",
    type: "classic",
    vhost: q.vhost.name,
  });
  return out;
}

/** RabbitMQ's placeholder when a queue's process metrics are not available (a Node.js queue has none of its own). */
const NO_GC_METRICS = { max_heap_size: -1, min_bin_vheap_size: -1, min_heap_size: -1, fullsweep_after: -1, minor_gcs: -1 };

/** GET /api/queues/v/q: the list form plus consumer_details, incoming and deliveries (empty in basic rates mode), the owner. */
export function queueSingle(q: Queue, node: string): Record<string, unknown> {
  const full = queueFull(q, node);
  const entries: [string, unknown][] = Object.entries({ ...full, deliveries: [], incoming: [] });
  if (q.exclusiveOwner instanceof Connection) entries.push(["owner_pid_details", connectionDetails(q.exclusiveOwner)]);
  entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  // RabbitMQ keys a queue's consumer stats by channel, then tag
  const consumers = channelConsumers(q)
    .sort((a, b) => a.channel.id - b.channel.id || byteOrder(a.tag, b.tag))
    .map((c) => consumerDetailJson(c, node));
  return { garbage_collection: NO_GC_METRICS, consumer_details: consumers, ...Object.fromEntries(entries) };
}
