import type { QueueBind, QueueDeclare, QueueDelete, QueuePurge, QueueUnbind } from "../../protocol/index.js";
import { bind, unbind } from "../vhost/bind.js";
import { declareQueue, deleteQueue } from "../vhost/declare-queue.js";
import { authorizeQueueBinding, authorizeQueueDeclare, authorizeQueueDelete, authorizeQueuePurge } from "./authorize.js";
import type { Channel } from "./channel.js";
import { declareReplyQueue } from "./direct-reply-to.js";
import { replyOnceKept } from "./reply-once-kept.js";
import { checkNotDefault, expandQueueName, findQueue, requireExchange, requireQueue, vhostOf } from "./resolve.js";

export function queueDeclare(ch: Channel, a: QueueDeclare): void {
  if (declareReplyQueue(ch, a)) return;
  authorizeQueueDeclare(ch, a);
  const vhost = vhostOf(ch);
  const declared = a.passive
    ? { queue: requireQueue(ch, a.queue), created: false }
    : declareQueue(vhost, ch.conn, { name: a.queue, durable: a.durable, autoDelete: a.autoDelete, exclusive: a.exclusive, arguments: a.arguments });
  const q = declared.queue;
  ch.lastQueue = q.name;
  if (a.nowait) return;
  // RabbitMQ's stat of the queue for declare-ok counts as use, restarting an unused queue's x-expires countdown
  q.touch();
  replyOnceKept(ch, declared.created && q.durable, () => ch.conn.output.method(ch.id, "queue.declare-ok", { queue: q.name, messageCount: q.messageCount, consumerCount: q.consumerCount }));
}

export function queueBind(ch: Channel, a: QueueBind): void {
  authorizeQueueBinding(ch, a);
  const q = requireQueue(ch, a.queue);
  checkNotDefault(a.exchange);
  const x = requireExchange(ch, a.exchange);
  // an empty key with the "" queue shortcut binds by the queue's name
  const key = a.queue === "" && a.routingKey === "" ? q.name : a.routingKey;
  const added = bind(vhostOf(ch), x, { destKind: "queue", destination: q.name, routingKey: key, arguments: a.arguments });
  if (!a.nowait) replyOnceKept(ch, added && x.durable && q.durable, () => ch.conn.output.method(ch.id, "queue.bind-ok", {}));
}

export function queueUnbind(ch: Channel, a: QueueUnbind): void {
  authorizeQueueBinding(ch, a);
  checkNotDefault(a.exchange);
  const q = findQueue(ch, a.queue);
  const x = vhostOf(ch).exchanges.get(a.exchange);
  let removed = false;
  if (q !== undefined && x !== undefined) {
    const key = a.queue === "" && a.routingKey === "" ? q.name : a.routingKey;
    removed = unbind(vhostOf(ch), x, { destKind: "queue", destination: q.name, routingKey: key, arguments: a.arguments }) && x.durable && q.durable;
  }
  replyOnceKept(ch, removed, () => ch.conn.output.method(ch.id, "queue.unbind-ok", {}));
}

export function queuePurge(ch: Channel, a: QueuePurge): void {
  authorizeQueuePurge(ch, a);
  const q = requireQueue(ch, a.queue);
  const n = q.purge();
  if (!a.nowait) ch.conn.output.method(ch.id, "queue.purge-ok", { messageCount: n });
}

export function queueDelete(ch: Channel, a: QueueDelete): void {
  authorizeQueueDelete(ch, a);
  const name = expandQueueName(ch, a.queue);
  const q = findQueue(ch, name);
  let n = 0;
  if (q !== undefined) n = deleteQueue(q, a);
  if (!a.nowait) replyOnceKept(ch, q?.durable === true, () => ch.conn.output.method(ch.id, "queue.delete-ok", { messageCount: n }));
}
