// Declaring and deleting queues: the rules RabbitMQ applies to queue.declare / queue.delete, shared by the
// AMQP handlers and the management API's PUT and DELETE.
import type { FieldTable } from "../../protocol/index.js";
import { type AmqpError, describe, notFound, preconditionFailed, resourceLocked } from "../errors.js";
import { generatedName } from "../names.js";
import { Queue } from "../queue/queue.js";
import { assertArgsEquivalent, assertFlag, QUEUE_EQUIVALENCE_KEYS, validateQueueArgs } from "../queue/queue-args.js";
import { checkName } from "../connection/resolve.js";
import type { Vhost } from "./vhost.js";
import { checkQueueLimit } from "./limits.js";

export interface QueueDeclaration {
  /** "" asks for a server-generated name. */
  readonly name: string;
  readonly durable: boolean;
  readonly autoDelete: boolean;
  readonly exclusive: boolean;
  readonly arguments: FieldTable;
}

export interface DeclaredQueue {
  readonly queue: Queue;
  readonly created: boolean;
}

/** 405: another connection's exclusive queue, or a redeclare whose exclusive flag differs. */
export function queueLocked(q: Queue): AmqpError {
  return resourceLocked(
    `cannot obtain exclusive access to locked ${describe("queue", q.name, q.vhost.name)}. It could be originally declared on another connection or the exclusive property value does not match that of the original declaration.`,
  );
}

/** Exclusive queues belong to the connection that declared them; `owner` is the caller's connection (none for the HTTP API). */
export function checkQueueOwner(q: Queue, owner: object | undefined): void {
  if (q.exclusiveOwner !== undefined && q.exclusiveOwner !== owner) throw queueLocked(q);
}

/** The queue or RabbitMQ's 404, checked for exclusive access. */
export function requireQueueIn(vhost: Vhost, name: string, owner: object | undefined): Queue {
  const q = vhost.queues.get(name);
  if (q === undefined) throw notFound(`no queue '${name}' in vhost '${vhost.name}'`);
  checkQueueOwner(q, owner);
  return q;
}

/** x-queue-type classic is what a queue without the argument is, so the two are equivalent on redeclare. */
function withoutClassicType(args: FieldTable): FieldTable {
  const t = args.get("x-queue-type");
  if (t?.type !== "S" || t.value.toString("utf8") !== "classic") return args;
  const out = new Map(args);
  out.delete("x-queue-type");
  return out;
}

/**
 * queue.declare (not passive): creates the queue, or checks a redeclare against the existing one (exclusive owner,
 * then durable, auto_delete and the compared arguments, each with RabbitMQ's reply text).
 */
export function declareQueue(vhost: Vhost, owner: object | undefined, d: QueueDeclaration): DeclaredQueue {
  const name = d.name === "" ? generatedName("amq.gen-") : d.name;
  if (d.name !== "") checkName("queue", name);
  const resource = describe("queue", name, vhost.name);
  // RabbitMQ never makes an exclusive queue durable; the management API has no connection, so its "exclusive" owns nothing
  const durable = d.durable && !d.exclusive;
  const exclusiveOwner = d.exclusive ? owner : undefined;
  const existing = vhost.queues.get(name);
  if (existing !== undefined) {
    if (existing.exclusiveOwner !== exclusiveOwner) throw queueLocked(existing);
    assertFlag("durable", durable, existing.durable, resource);
    assertFlag("auto_delete", d.autoDelete, existing.autoDelete, resource);
    assertArgsEquivalent(withoutClassicType(d.arguments), withoutClassicType(existing.arguments), QUEUE_EQUIVALENCE_KEYS, resource);
    return { queue: existing, created: false };
  }
  checkQueueLimit(vhost, name);
  validateQueueArgs(d.arguments, resource);
  const queue = new Queue({ name, durable, exclusiveOwner, autoDelete: d.autoDelete, arguments: d.arguments, vhost });
  vhost.queues.set(name, queue);
  vhost.changed("queue", name);
  vhost.applyPolicies(queue);
  return { queue, created: true };
}

export interface QueueDeletion {
  readonly ifUnused: boolean;
  readonly ifEmpty: boolean;
}

/** queue.delete of a found queue: the if-unused and if-empty refusals, then the delete; returns the ready messages it held. */
export function deleteQueue(q: Queue, o: QueueDeletion): number {
  const resource = describe("queue", q.name, q.vhost.name);
  // emptiness is checked before use, as RabbitMQ's queue process does
  if (o.ifEmpty && q.messageCount > 0) throw preconditionFailed(`${resource} not empty`);
  if (o.ifUnused && q.consumerCount > 0) throw preconditionFailed(`${resource} in use`);
  return q.vhost.deleteQueue(q);
}
