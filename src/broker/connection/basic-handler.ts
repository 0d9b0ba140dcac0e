import type { BasicAck, BasicCancel, BasicConsume, BasicGet, BasicNack, BasicQos, BasicReject } from "../../protocol/index.js";
import { accessRefused, describe, notAllowed, notImplemented, preconditionFailed } from "../errors.js";
import { generatedName } from "../names.js";
import type { Channel, Unacked } from "./channel.js";
import { ChannelConsumer } from "./channel-consumer.js";
import { requireQueue, vhostOf } from "./resolve.js";

export function qos(ch: Channel, a: BasicQos): void {
  if (a.prefetchSize !== 0) throw notImplemented(`prefetch_size!=0 (${a.prefetchSize})`);
  // RabbitMQ's reading of global: false = per consumer (new consumers), true = shared by the channel
  if (a.global) ch.globalPrefetch = a.prefetchCount;
  else ch.consumerPrefetch = a.prefetchCount;
  ch.conn.output.method(ch.id, "basic.qos-ok", {});
  ch.kickConsumers();
}

export function consume(ch: Channel, a: BasicConsume): void {
  const q = requireQueue(ch, a.queue);
  const tag = a.consumerTag === "" ? generatedName("amq.ctag-") : a.consumerTag;
  if (ch.consumers.has(tag)) throw notAllowed(`attempt to reuse consumer tag '${tag}'`);
  if (q.hasExclusiveConsumer || (a.exclusive && q.consumerCount > 0)) {
    throw accessRefused(`${describe("queue", q.name, vhostOf(ch).name)} in exclusive use`);
  }
  const p = a.arguments.get("x-priority");
  const priority = p !== undefined && typeof p.value === "number" ? p.value : p?.type === "l" ? Number(p.value) : 0;
  const c = new ChannelConsumer(ch, q, tag, a.noAck, a.exclusive, priority, ch.consumerPrefetch);
  ch.consumers.set(tag, c);
  // consume-ok goes out before the first delivery
  if (!a.nowait) ch.conn.output.method(ch.id, "basic.consume-ok", { consumerTag: tag });
  q.addConsumer(c);
}

export function cancel(ch: Channel, a: BasicCancel): void {
  const c = ch.consumers.get(a.consumerTag);
  if (c !== undefined) ch.cancelConsumer(c);
  if (!a.nowait) ch.conn.output.method(ch.id, "basic.cancel-ok", { consumerTag: a.consumerTag });
}

export function get(ch: Channel, a: BasicGet): void {
  const q = requireQueue(ch, a.queue);
  const qm = q.take();
  const out = ch.conn.output;
  if (qm === undefined) return out.method(ch.id, "basic.get-empty", { clusterId: "" });
  const tag = ch.nextDeliveryTag();
  const m = qm.message;
  out.method(ch.id, "basic.get-ok", { deliveryTag: tag, redelivered: qm.redelivered, exchange: m.exchange, routingKey: m.routingKey, messageCount: q.messageCount });
  out.content(ch.id, 60, m.properties, m.body);
  if (!a.noAck) ch.unacked.set(tag, { queue: q, qm, consumer: undefined });
}

/** Runs now, or at tx.commit on a transactional channel (the messages stay unacked until then); unknown tags fail now either way. */
function settle(ch: Channel, tag: number, multiple: boolean, apply: (list: Unacked[]) => void): void {
  if (ch.tx === undefined) {
    apply(ch.takeUnacked(tag, multiple));
    ch.kickConsumers();
    return;
  }
  if (!(multiple && tag === 0) && !ch.unacked.has(tag)) throw preconditionFailed(`unknown delivery tag ${tag}`);
  ch.tx.push(() => {
    // an earlier action in the same transaction may already have settled the tag
    apply(ch.unacked.has(tag) || tag === 0 ? ch.takeUnacked(tag, multiple) : []);
    ch.kickConsumers();
  });
}

export function ack(ch: Channel, a: BasicAck): void {
  settle(ch, a.deliveryTag, a.multiple, () => {});
}

export function nack(ch: Channel, a: BasicNack): void {
  settle(ch, a.deliveryTag, a.multiple, (list) => (a.requeue ? ch.requeue(list) : undefined));
}

export function reject(ch: Channel, a: BasicReject): void {
  settle(ch, a.deliveryTag, false, (list) => (a.requeue ? ch.requeue(list) : undefined));
}

export function recover(ch: Channel, requeue: boolean, replies: boolean): void {
  if (!requeue) throw notImplemented("requeue=false");
  ch.requeue(ch.takeUnacked(0, true));
  if (replies) ch.conn.output.method(ch.id, "basic.recover-ok", {});
  ch.kickConsumers();
}
