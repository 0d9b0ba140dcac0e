import type { QueueBind, QueueDeclare, QueueDelete, QueuePurge, QueueUnbind } from "../../protocol/index.js";
import { describe, preconditionFailed } from "../errors.js";
import { bindingId } from "../exchange/exchange.js";
import { generatedName } from "../names.js";
import { Queue } from "../queue/queue.js";
import { assertArgsEquivalent, assertFlag, QUEUE_EQUIVALENCE_KEYS, validateQueueArgs } from "../queue/queue-args.js";
import type { Channel } from "./channel.js";
import { checkExclusiveAccess, checkNotDefault, checkName, expandQueueName, findQueue, lockedQueue, requireExchange, requireQueue, vhostOf } from "./resolve.js";

export function queueDeclare(ch: Channel, a: QueueDeclare): void {
  const vhost = vhostOf(ch);
  let q: Queue;
  if (a.passive) {
    q = requireQueue(ch, a.queue);
  } else {
    const name = a.queue === "" ? generatedName("amq.gen-") : a.queue;
    if (a.queue !== "") checkName("queue", name);
    const resource = describe("queue", name, vhost.name);
    const existing = vhost.queues.get(name);
    if (existing !== undefined) {
      checkExclusiveAccess(ch, existing);
      if ((existing.exclusiveOwner !== undefined) !== a.exclusive) throw lockedQueue(ch, existing);
      assertFlag("durable", a.durable, existing.durable, resource);
      assertFlag("auto_delete", a.autoDelete, existing.autoDelete, resource);
      assertArgsEquivalent(a.arguments, existing.arguments, QUEUE_EQUIVALENCE_KEYS, resource);
      q = existing;
    } else {
      validateQueueArgs(a.arguments, resource);
      q = new Queue({ name, durable: a.durable, exclusiveOwner: a.exclusive ? ch.conn : undefined, autoDelete: a.autoDelete, arguments: a.arguments });
      vhost.queues.set(name, q);
    }
  }
  ch.lastQueue = q.name;
  if (!a.nowait) ch.conn.output.method(ch.id, "queue.declare-ok", { queue: q.name, messageCount: q.messageCount, consumerCount: q.consumerCount });
}

export function queueBind(ch: Channel, a: QueueBind): void {
  const q = requireQueue(ch, a.queue);
  checkNotDefault(a.exchange);
  const x = requireExchange(ch, a.exchange);
  // an empty key with the "" queue shortcut binds by the queue's name
  const key = a.queue === "" && a.routingKey === "" ? q.name : a.routingKey;
  vhostOf(ch).bind(x, { source: x.name, destKind: "queue", destination: q.name, routingKey: key, arguments: a.arguments, id: bindingId("queue", q.name, key, a.arguments) });
  if (!a.nowait) ch.conn.output.method(ch.id, "queue.bind-ok", {});
}

export function queueUnbind(ch: Channel, a: QueueUnbind): void {
  checkNotDefault(a.exchange);
  const q = findQueue(ch, a.queue);
  const x = vhostOf(ch).exchanges.get(a.exchange);
  if (q !== undefined && x !== undefined) {
    const key = a.queue === "" && a.routingKey === "" ? q.name : a.routingKey;
    vhostOf(ch).unbind(x, bindingId("queue", q.name, key, a.arguments));
  }
  ch.conn.output.method(ch.id, "queue.unbind-ok", {});
}

export function queuePurge(ch: Channel, a: QueuePurge): void {
  const q = requireQueue(ch, a.queue);
  const n = q.purge();
  if (!a.nowait) ch.conn.output.method(ch.id, "queue.purge-ok", { messageCount: n });
}

export function queueDelete(ch: Channel, a: QueueDelete): void {
  const name = expandQueueName(ch, a.queue);
  const q = findQueue(ch, name);
  let n = 0;
  if (q !== undefined) {
    const resource = describe("queue", q.name, vhostOf(ch).name);
    if (a.ifUnused && q.consumerCount > 0) throw preconditionFailed(`${resource} in use`);
    if (a.ifEmpty && q.messageCount > 0) throw preconditionFailed(`${resource} not empty`);
    n = vhostOf(ch).deleteQueue(q);
  }
  if (!a.nowait) ch.conn.output.method(ch.id, "queue.delete-ok", { messageCount: n });
}
