import type { BasicAck, BasicCancel, BasicConsume, BasicGet, BasicNack, BasicQos, BasicReject } from "../../protocol/index.js";
import { accessRefused, describe, notAllowed, notImplemented, preconditionFailed } from "../errors.js";
import { generatedName } from "../names.js";
import { validateConsumerArgs } from "../queue/queue-args.js";
import { authorizeConsume, authorizeGet } from "./authorize.js";
import type { Channel, Unacked } from "./channel.js";
import { ChannelConsumer } from "./channel-consumer.js";
import { cancelReplyTo, consumeReplyTo, REPLY_QUEUE } from "./direct-reply-to.js";
import { requireQueue, vhostOf } from "./resolve.js";
import { recordAcks, recordGet } from "../stats/record.js";
import { recordTxSettle } from "../stats/tx-stats.js";
import { deliveryClock } from "./consumer-timeout.js";

export function qos(ch: Channel, a: BasicQos): void {
  if (a.prefetchSize !== 0) throw notImplemented(`prefetch_size!=0 (${a.prefetchSize})`);
  // RabbitMQ's reading of global: false = per consumer (new consumers), true = shared by the channel
  if (a.global) ch.globalPrefetch = a.prefetchCount;
  else ch.consumerPrefetch = a.prefetchCount;
  ch.conn.output.method(ch.id, "basic.qos-ok", {});
  ch.kickConsumers();
}

export function consume(ch: Channel, a: BasicConsume): void {
  // RabbitMQ matches the direct reply-to pseudo-queue before anything else
  if (a.queue === REPLY_QUEUE) return consumeReplyTo(ch, a);
  authorizeConsume(ch, a);
  const q = requireQueue(ch, a.queue);
  validateConsumerArgs(a.arguments, describe("queue", q.name, vhostOf(ch).name));
  const tag = a.consumerTag === "" ? generatedName("amq.ctag-") : a.consumerTag;
  if (ch.consumers.has(tag)) throw notAllowed(`attempt to reuse consumer tag '${tag}'`);
  // a single-active-consumer queue refuses exclusive consumers outright
  if (q.hasExclusiveConsumer || (a.exclusive && (q.consumerCount > 0 || q.singleActive))) {
    throw accessRefused(`${describe("queue", q.name, vhostOf(ch).name)} in exclusive use`);
  }
  const p = a.arguments.get("x-priority");
  const priority = p !== undefined && typeof p.value === "number" ? p.value : p?.type === "l" ? Number(p.value) : 0;
  const c = new ChannelConsumer(ch, q, tag, a.noAck, a.exclusive, priority, ch.consumerPrefetch, a.arguments);
  ch.consumers.set(tag, c);
  // consume-ok goes out before the first delivery
  if (!a.nowait) ch.conn.output.method(ch.id, "basic.consume-ok", { consumerTag: tag });
  q.addConsumer(c);
}

export function cancel(ch: Channel, a: BasicCancel): void {
  const c = cancelReplyTo(ch, a.consumerTag) ? undefined : ch.consumers.get(a.consumerTag);
  if (c !== undefined) ch.cancelConsumer(c);
  if (!a.nowait) ch.conn.output.method(ch.id, "basic.cancel-ok", { consumerTag: a.consumerTag });
}

export function get(ch: Channel, a: BasicGet): void {
  authorizeGet(ch, a);
  const q = requireQueue(ch, a.queue);
  const qm = q.take();
  recordGet(ch.stats, vhostOf(ch), q, qm, a.noAck);
  const out = ch.conn.output;
  if (qm === undefined) return out.method(ch.id, "basic.get-empty", { clusterId: "" });
  const tag = ch.nextDeliveryTag();
  const m = qm.message;
  out.method(ch.id, "basic.get-ok", { deliveryTag: tag, redelivered: qm.redelivered, exchange: m.exchange, routingKey: m.routingKey, messageCount: q.messageCount });
  out.content(ch.id, 60, m.properties, m.body);
  if (a.noAck) q.settle(qm);
  else ch.unacked.set(tag, { queue: q, qm, consumer: undefined, at: deliveryClock() });
}

/** Runs now, or at tx.commit on a transactional channel (the messages stay unacked until then); unknown tags fail now either way. */
function settle(ch: Channel, tag: number, multiple: boolean, apply: (list: Unacked[]) => void): void {
  if (ch.tx === undefined) {
    apply(ch.takeUnacked(tag, multiple));
    ch.kickConsumers();
    return;
  }
  if (!(multiple && tag === 0) && !ch.unacked.has(tag)) throw preconditionFailed(`unknown delivery tag ${tag}`);
  recordTxSettle(ch.tx, multiple ? [...ch.unacked.keys()].filter((t) => tag === 0 || t <= tag).length : 1);
  ch.tx.push(() => {
    // an earlier action in the same transaction may already have settled the tag
    apply(ch.unacked.has(tag) || tag === 0 ? ch.takeUnacked(tag, multiple) : []);
    ch.kickConsumers();
  });
}

export function ack(ch: Channel, a: BasicAck): void {
  settle(ch, a.deliveryTag, a.multiple, (list) => {
    recordAcks(ch.stats, vhostOf(ch), list);
    for (const u of list) u.queue.settle(u.qm);
  });
}

/** Rejected without requeue: each queue dead-letters the message, or drops it when it has no dead-letter exchange. */
function requeueOrReject(ch: Channel, list: Unacked[], requeue: boolean): void {
  if (requeue) ch.requeue(list);
  else for (const u of list) u.queue.reject(u.qm);
}

export function nack(ch: Channel, a: BasicNack): void {
  settle(ch, a.deliveryTag, a.multiple, (list) => requeueOrReject(ch, list, a.requeue));
}

export function reject(ch: Channel, a: BasicReject): void {
  settle(ch, a.deliveryTag, false, (list) => requeueOrReject(ch, list, a.requeue));
}

export function recover(ch: Channel, requeue: boolean, replies: boolean): void {
  if (!requeue) throw notImplemented("requeue=false");
  ch.requeue(ch.takeUnacked(0, true));
  if (replies) ch.conn.output.method(ch.id, "basic.recover-ok", {});
  ch.kickConsumers();
}
