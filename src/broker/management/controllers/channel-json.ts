// A channel as the management API shows it.
import type { Channel } from "../../connection/channel.js";
import { uncommitted } from "../../stats/tx-stats.js";
import { byteOrder } from "../amqp-json.js";
import { consumerDetailJson } from "./consumer-json.js";
import { channelName, connectionDetails } from "./connection-names.js";
import { rfc3339 } from "./timestamps.js";

export function channelJson(ch: Channel, node: string): Record<string, unknown> {
  const idle = ch.stats.idleSince();
  const tx = uncommitted(ch.tx);
  const stats = ch.stats.toJson();
  const out: Record<string, unknown> = {
    acks_uncommitted: tx.acks,
    confirm: ch.confirm,
    connection_details: connectionDetails(ch.conn),
    consumer_count: ch.consumers.size,
    global_prefetch_count: ch.globalPrefetch,
  };
  if (idle !== undefined) out.idle_since = rfc3339(idle);
  if (stats !== undefined) out.message_stats = stats;
  return {
    ...out,
    messages_unacknowledged: ch.unacked.size,
    messages_uncommitted: tx.messages,
    // confirms go out as soon as the (in-memory) queues take a message: none is ever waiting
    messages_unconfirmed: 0,
    name: channelName(ch),
    node,
    number: ch.id,
    // no quorum queues, so no Raft commands in flight
    pending_raft_commands: 0,
    prefetch_count: ch.consumerPrefetch,
    state: ch.state === "open" ? "running" : "closing",
    transactional: ch.tx !== undefined,
    user: ch.conn.user?.name ?? "",
    user_who_performed_action: ch.conn.user?.name ?? "",
    vhost: ch.conn.vhost?.name ?? "",
  };
}

/** The single form adds consumer_details, and publishes/deliveries (filled only in detailed rates mode). */
export function channelSingleJson(ch: Channel, node: string): Record<string, unknown> {
  // RabbitMQ keys consumer stats by queue, then tag
  const consumers = [...ch.consumers.values()]
    .sort((a, b) => byteOrder(a.queue.name, b.queue.name) || byteOrder(a.tag, b.tag))
    .map((c) => consumerDetailJson(c, node));
  const entries: [string, unknown][] = Object.entries({ ...channelJson(ch, node), consumer_details: consumers, deliveries: [], publishes: [] });
  entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(entries);
}
