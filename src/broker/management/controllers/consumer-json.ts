// A consumer as the management API shows it, in the key orders RabbitMQ uses in /api/consumers and in a queue's
// or channel's consumer_details.
import { ChannelConsumer } from "../../connection/channel-consumer.js";
import type { Queue } from "../../queue/queue.js";
import { tableToJson } from "../amqp-json.js";
import { channelName, connectionName, endpoints } from "./connection-names.js";

/** channel_details of a consumer's channel. */
function channelDetails(c: ChannelConsumer, node: string): Record<string, unknown> {
  const ch = c.channel;
  const e = endpoints(ch.conn);
  return {
    connection_name: connectionName(ch.conn),
    name: channelName(ch),
    node,
    number: ch.id,
    peer_host: e.peerHost,
    peer_port: e.peerPort,
    user: ch.conn.user?.name ?? "",
  };
}

/** The consumers of a queue that belong to client channels (the only kind a queue has). */
export const channelConsumers = (q: Queue): ChannelConsumer[] => q.allConsumers().filter((c): c is ChannelConsumer => c instanceof ChannelConsumer);

function fields(c: ChannelConsumer): Record<string, unknown> {
  return { ack_required: !c.noAck, active: c.active, activity_status: c.activityStatus, consumer_tag: c.tag, exclusive: c.exclusive, prefetch_count: c.prefetch };
}

/** /api/consumers order: arguments first, then alphabetical. */
export function consumerJson(c: ChannelConsumer, node: string): Record<string, unknown> {
  const { ack_required, active, activity_status, consumer_tag, exclusive, prefetch_count } = fields(c);
  return {
    arguments: tableToJson(c.consumeArguments),
    ack_required,
    active,
    activity_status,
    channel_details: channelDetails(c, node),
    consumer_tag,
    exclusive,
    prefetch_count,
    queue: { name: c.queue.name, vhost: c.queue.vhost.name },
  };
}

/** consumer_details order (a queue's or a channel's): arguments, channel_details, then the rest alphabetically. */
export function consumerDetailJson(c: ChannelConsumer, node: string): Record<string, unknown> {
  return { arguments: tableToJson(c.consumeArguments), channel_details: channelDetails(c, node), ...fields(c), queue: { name: c.queue.name, vhost: c.queue.vhost.name } };
}
