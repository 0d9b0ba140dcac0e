import { randomBytes } from "node:crypto";
import type { BasicConsume, Properties, QueueDeclare } from "../../protocol/index.js";
import type { Broker } from "../broker.js";
import { AmqpError, notAllowed, notFound, preconditionFailed } from "../errors.js";
import type { Message } from "../message.js";
import { generatedName } from "../names.js";
import type { Channel } from "./channel.js";

/** The pseudo-queue a client consumes (no-ack) to receive replies without declaring a queue. */
export const REPLY_QUEUE = "amq.rabbitmq.reply-to";
const REPLY_PREFIX = `${REPLY_QUEUE}.`;
/** First part of every reply address warren hands out; RabbitMQ puts an encoded channel pid there. */
const ORIGIN = Buffer.from("warren:direct-reply-to:1").toString("base64");

/** One channel's reply consumer; `key` is the opaque part of its reply address. */
interface ReplyConsumer {
  readonly channel: Channel;
  readonly tag: string;
  readonly key: string;
}

const byChannel = new WeakMap<Channel, ReplyConsumer>();
const byBroker = new WeakMap<Broker, Map<string, ReplyConsumer>>();

function registry(broker: Broker): Map<string, ReplyConsumer> {
  let r = byBroker.get(broker);
  if (r === undefined) byBroker.set(broker, (r = new Map()));
  return r;
}

/** RabbitMQ closes the connection with a bare INTERNAL_ERROR when it cannot decode a reply address. */
class UndecodableReplyTo extends AmqpError {
  constructor() {
    super(541, "undecodable direct reply-to address", "connection");
  }

  override get replyText(): string {
    return "INTERNAL_ERROR";
  }

  override inMethod(): this {
    return this;
  }
}

/**
 * The consumer a reply address names. Addresses of another shape are nobody's (undefined); two dot-separated
 * parts that are not ours are what RabbitMQ fails to decode.
 */
function resolve(broker: Broker, name: string): ReplyConsumer | undefined {
  const parts = name.slice(REPLY_PREFIX.length).split(".").filter((p) => p !== "");
  if (parts.length !== 2) return undefined;
  if (parts[0] !== ORIGIN) throw new UndecodableReplyTo();
  return registry(broker).get(parts[1]!);
}

/** basic.consume on amq.rabbitmq.reply-to: one no-ack reply consumer per channel. */
export function consumeReplyTo(ch: Channel, a: BasicConsume): void {
  if (ch.consumers.has(a.consumerTag)) throw notAllowed(`attempt to reuse consumer tag '${a.consumerTag}'`);
  if (!a.noAck) throw preconditionFailed("reply consumer cannot acknowledge");
  if (byChannel.has(ch)) throw preconditionFailed("reply consumer already set");
  const rc: ReplyConsumer = { channel: ch, tag: a.consumerTag === "" ? generatedName("amq.ctag-") : a.consumerTag, key: randomBytes(16).toString("base64") };
  byChannel.set(ch, rc);
  registry(ch.conn.broker).set(rc.key, rc);
  if (!a.nowait) ch.conn.output.method(ch.id, "basic.consume-ok", { consumerTag: rc.tag });
}

/** basic.cancel of the reply consumer; false when the tag is not it. */
export function cancelReplyTo(ch: Channel, tag: string): boolean {
  const rc = byChannel.get(ch);
  if (rc?.tag !== tag) return false;
  releaseReplyTo(ch);
  return true;
}

/** The channel is closing: its reply address stops working. */
export function releaseReplyTo(ch: Channel): void {
  const rc = byChannel.get(ch);
  if (rc === undefined) return;
  byChannel.delete(ch);
  registry(ch.conn.broker).delete(rc.key);
}

/** A publish with reply_to "amq.rabbitmq.reply-to" carries this channel's reply address instead (406 without a reply consumer). */
export function withReplyAddress(ch: Channel, props: Properties): Properties {
  if (!props.has("replyTo") || props.get("replyTo") !== REPLY_QUEUE) return props;
  const rc = byChannel.get(ch);
  if (rc === undefined) throw preconditionFailed("fast reply consumer does not exist");
  return props.with({ replyTo: `${REPLY_PREFIX}${ORIGIN}.${rc.key}` });
}

/** Through the default exchange, each distinct reply address among the routing keys goes straight to its consumer. */
export function deliverReplies(broker: Broker, routingKeys: readonly string[], m: Message): void {
  let seen: Set<string> | undefined;
  for (const key of routingKeys) {
    if (!key.startsWith(REPLY_PREFIX) || seen?.has(key) === true) continue;
    (seen ??= new Set()).add(key);
    const rc = resolve(broker, key);
    const ch = rc?.channel;
    if (ch === undefined || ch.state !== "open") continue;
    // RabbitMQ reuses the channel's next delivery tag without consuming it: replies are never acked
    ch.conn.output.method(ch.id, "basic.deliver", { consumerTag: rc!.tag, deliveryTag: ch.pendingDeliveryTag, redelivered: false, exchange: m.exchange, routingKey: m.routingKey });
    ch.conn.output.content(ch.id, 60, m.properties, m.body);
  }
}

/**
 * queue.declare of a name starting with amq.rabbitmq.reply-to (passive or not): declare-ok with one consumer when
 * it is the pseudo-queue itself or a live reply address, else 404. Returns false for other names.
 */
export function declareReplyQueue(ch: Channel, a: QueueDeclare): boolean {
  if (!a.queue.startsWith(REPLY_QUEUE)) return false;
  const name = a.queue.replace(/[\r\n]/g, "");
  const exists = name === REPLY_QUEUE || (name.startsWith(REPLY_PREFIX) && resolve(ch.conn.broker, name) !== undefined);
  if (!exists) throw notFound(`no queue '${name}' in vhost '${ch.conn.vhost?.name ?? ""}'`);
  ch.lastQueue = name;
  if (!a.nowait) ch.conn.output.method(ch.id, "queue.declare-ok", { queue: name, messageCount: 0, consumerCount: 1 });
  return true;
}
