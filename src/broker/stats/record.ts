// Where AMQP and HTTP events meet the counters: one call per event, counting on the channel (when there is one),
// the vhost and each queue or exchange involved.
import type { Exchange } from "../exchange/exchange.js";
import type { QueuedMessage } from "../message.js";
import type { Queue } from "../queue/queue.js";
import type { Vhost } from "../vhost/vhost.js";
import { exchangeStats } from "./exchange-stats.js";
import { type MessageStats, Stat } from "./message-stats.js";
import { queueStats } from "./queue-stats.js";
import { vhostStats } from "./vhost-stats.js";

/** What happened to a message no queue took: returned to a mandatory publisher, or dropped. */
export type Unroutable = "returned" | "dropped";

function both(ch: MessageStats | undefined, v: MessageStats, stat: Stat, n = 1): void {
  ch?.add(stat, n);
  v.add(stat, n);
}

/** A publish that exchange x routed into `queues` (none: unroutable, returned or dropped). */
export function recordPublish(ch: MessageStats | undefined, vhost: Vhost, x: Exchange, queues: ReadonlySet<Queue>, unroutable: Unroutable): void {
  const v = vhostStats(vhost);
  ch?.publish();
  v.publish();
  exchangeStats(x).published(queues.size);
  for (const q of queues) queueStats(q).messages.publish();
  if (queues.size === 0) both(ch, v, unroutable === "returned" ? Stat.ReturnUnroutable : Stat.DropUnroutable);
}

export function recordConfirm(ch: MessageStats, vhost: Vhost): void {
  both(ch, vhostStats(vhost), Stat.Confirm);
}

function consumed(ch: MessageStats | undefined, v: MessageStats, qs: MessageStats, stat: Stat): void {
  ch?.consume(stat);
  v.consume(stat);
  qs.consume(stat);
}

/** basic.deliver to a consumer; an acked delivery stays unacknowledged on the queue until settled. */
export function recordDeliver(ch: MessageStats, vhost: Vhost, q: Queue, qm: QueuedMessage, noAck: boolean): void {
  const v = vhostStats(vhost);
  const qs = queueStats(q);
  consumed(ch, v, qs.messages, noAck ? Stat.DeliverNoAck : Stat.Deliver);
  if (qm.redelivered) consumed(ch, v, qs.messages, Stat.Redeliver);
  if (!noAck) qs.trackUnacked(qm.message, 1);
}

/** basic.get: a message (ack or no-ack), or get-empty; `held` when it now awaits an ack on a channel. */
export function recordGet(ch: MessageStats | undefined, vhost: Vhost, q: Queue, qm: QueuedMessage | undefined, noAck: boolean, held = !noAck): void {
  const v = vhostStats(vhost);
  const qs = queueStats(q);
  if (qm === undefined) return consumed(ch, v, qs.messages, Stat.GetEmpty);
  consumed(ch, v, qs.messages, noAck ? Stat.GetNoAck : Stat.Get);
  if (qm.redelivered) consumed(ch, v, qs.messages, Stat.Redeliver);
  if (held) qs.trackUnacked(qm.message, 1);
}

/** basic.ack of deliveries from these queues. */
export function recordAcks(ch: MessageStats, vhost: Vhost, acked: readonly { readonly queue: Queue }[]): void {
  const v = vhostStats(vhost);
  for (const u of acked) consumed(ch, v, queueStats(u.queue).messages, Stat.Ack);
}

/** A delivery left the unacknowledged set (acked, rejected, requeued or released). */
export function recordSettled(q: Queue, qm: QueuedMessage): void {
  queueStats(q).trackUnacked(qm.message, -1);
}
