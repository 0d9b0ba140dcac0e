import { accessRefused, notFound } from "../errors.js";
import type { Exchange } from "../exchange/exchange.js";
import type { Queue } from "../queue/queue.js";
import { checkQueueOwner } from "../vhost/declare-queue.js";
import type { Vhost } from "../vhost/vhost.js";
import type { Channel } from "./channel.js";

export const vhostOf = (ch: Channel): Vhost => ch.conn.vhost!;

/** "" means the last queue declared on the channel (RabbitMQ's shortcut). */
export function expandQueueName(ch: Channel, name: string): string {
  if (name !== "") return name;
  if (ch.lastQueue === undefined) throw notFound("no previously declared queue");
  return ch.lastQueue;
}

/** Exclusive queues belong to the connection that declared them. */
export function checkExclusiveAccess(ch: Channel, q: Queue): void {
  checkQueueOwner(q, ch.conn);
}

export function findQueue(ch: Channel, name: string): Queue | undefined {
  const q = vhostOf(ch).queues.get(expandQueueName(ch, name));
  if (q !== undefined) checkExclusiveAccess(ch, q);
  return q;
}

export function requireQueue(ch: Channel, name: string): Queue {
  const full = expandQueueName(ch, name);
  const q = findQueue(ch, full);
  if (q === undefined) throw notFound(`no queue '${full}' in vhost '${vhostOf(ch).name}'`);
  return q;
}

export function requireExchange(ch: Channel, name: string): Exchange {
  const x = vhostOf(ch).exchanges.get(name);
  if (x === undefined) throw notFound(`no exchange '${name}' in vhost '${vhostOf(ch).name}'`);
  return x;
}

export function checkNotDefault(name: string): void {
  if (name === "") throw accessRefused("operation not permitted on the default exchange");
}

export function checkName(kind: "exchange" | "queue", name: string): void {
  if (name.startsWith("amq.")) throw accessRefused(`${kind} name '${name}' contains reserved prefix 'amq.*'`);
}
