import type {
  BasicConsume,
  BasicGet,
  BasicPublish,
  ExchangeDeclare,
  ExchangeDelete,
  FieldTable,
  QueueDeclare,
  QueueDelete,
  QueuePurge,
} from "../../protocol/index.js";
import type { PermissionKind } from "../auth/permissions.js";
import type { TopicPermissionKind } from "../auth/topic-permissions.js";
import type { LoginUser } from "../auth/users.js";
import { accessRefused, describe, notAllowed } from "../errors.js";
import type { Exchange } from "../exchange/exchange.js";
import { isExchangeType } from "../exchange/types.js";
import { generatedName } from "../names.js";
import type { Channel } from "./channel.js";
import type { Connection } from "./connection.js";
import { checkNotDefault } from "./resolve.js";

/*
 * RabbitMQ's access checks for AMQP 0-9-1, each called first thing in its method's handler. Where RabbitMQ
 * runs another check before the permission check (unknown exchange type, reserved names, a reused consumer
 * tag, an unknown "" queue), these return without checking and leave that error to the handler, so the
 * client sees the same error RabbitMQ would send.
 */

const userOf = (conn: Connection): LoginUser => conn.user!;

/** The default exchange is checked (and named in refusals) as amq.default, as RabbitMQ does. */
const checkedName = (kind: "queue" | "exchange", name: string): string => (kind === "exchange" && name === "" ? "amq.default" : name);

/** 403 unless the user's configure/write/read regex on this vhost matches the resource. */
export function requireAccess(ch: Channel, kind: "queue" | "exchange", name: string, permission: PermissionKind): void {
  const user = userOf(ch.conn).name;
  const vhost = ch.conn.vhost!.name;
  const checked = checkedName(kind, name);
  if (!ch.conn.broker.permissions.check(vhost, user, permission, checked)) {
    throw accessRefused(`access to ${describe(kind, checked, vhost)} refused for user '${user}'`);
  }
}

/** 403 unless the routing key passes the user's topic permission on a topic exchange (other types are not checked). */
function requireTopicAccess(ch: Channel, x: Exchange | undefined, permission: TopicPermissionKind, routingKey: string): void {
  if (x === undefined || x.type !== "topic") return;
  const user = userOf(ch.conn).name;
  const vhost = ch.conn.vhost!.name;
  // AMQP 0-9-1 connections fill in {username} and {vhost}; {client_id} comes only from MQTT in RabbitMQ
  if (!ch.conn.broker.topicPermissions.check(vhost, user, x.name, permission, routingKey, { username: user, vhost })) {
    throw accessRefused(`access to topic '${routingKey}' in exchange '${x.name}' in vhost '${vhost}' refused for user '${user}'`);
  }
}

/** The queue a "" name stands for, or undefined when nothing was declared yet (the handler answers 404). */
const expanded = (ch: Channel, queue: string): string | undefined => (queue === "" ? ch.lastQueue : queue);

/** A longstr argument's text; undefined when absent or of another type (the handler reports a bad type). */
function longstrArg(args: FieldTable, key: string): string | undefined {
  const v = args.get(key);
  return v?.type === "S" ? v.value.toString("utf8") : undefined;
}

/** connection.open: the user's max-connections, then vhost access (an unknown vhost is the handler's 530). */
export function authorizeVhostOpen(conn: Connection, vhost: string): void {
  if (!conn.broker.vhosts.has(vhost)) return;
  const user = userOf(conn).name;
  const limit = conn.broker.userLimits.effective(user, "max-connections");
  if (limit !== undefined) {
    const open = [...conn.broker.connections].filter((c) => c.state === "opened" && c.user?.name === user).length;
    if (open >= limit) throw notAllowed(`connection refused for user '${user}': user connection limit (${limit}) is reached`);
  }
  if (!conn.broker.permissions.hasAccess(vhost, user)) throw notAllowed(`access to vhost '${vhost}' refused for user '${user}'`);
}

/** channel.open: the user's max-channels, counted over all their connections. */
export function authorizeChannelOpen(conn: Connection): void {
  const user = userOf(conn).name;
  const limit = conn.broker.userLimits.effective(user, "max-channels");
  if (limit === undefined) return;
  let open = 0;
  for (const c of conn.broker.connections) if (c.user?.name === user) open += c.channels.size;
  if (open >= limit) throw notAllowed(`number of channels opened for user '${user}' has reached the maximum allowed user limit of (${limit})`);
}

/** exchange.declare: configure on the exchange; creating one with an alternate-exchange also needs read on it and write on the AE. */
export function authorizeExchangeDeclare(ch: Channel, a: ExchangeDeclare): void {
  if (a.passive || !isExchangeType(a.type)) return;
  checkNotDefault(a.exchange);
  requireAccess(ch, "exchange", a.exchange, "configure");
  if (ch.conn.vhost!.exchanges.has(a.exchange) || a.exchange.startsWith("amq.")) return;
  const ae = longstrArg(a.arguments, "alternate-exchange");
  if (ae === undefined) return;
  requireAccess(ch, "exchange", a.exchange, "read");
  requireAccess(ch, "exchange", ae, "write");
}

/** exchange.delete: configure, after the default and amq.* refusals. */
export function authorizeExchangeDelete(ch: Channel, a: ExchangeDelete): void {
  if (a.exchange === "" || a.exchange.startsWith("amq.")) return;
  requireAccess(ch, "exchange", a.exchange, "configure");
}

/** queue.declare: configure on the queue (a server-named one included); creating one with a dead-letter exchange also needs read on it and write on the DLX. */
export function authorizeQueueDeclare(ch: Channel, a: QueueDeclare): void {
  if (a.passive || a.queue.startsWith("amq.")) return;
  // RabbitMQ checks the name it is about to give the queue; a refused one is never created, so any fresh name reads the same
  const name = a.queue === "" ? generatedName("amq.gen-") : a.queue;
  requireAccess(ch, "queue", name, "configure");
  if (ch.conn.vhost!.queues.has(name)) return;
  const dlx = longstrArg(a.arguments, "x-dead-letter-exchange");
  if (dlx === undefined) return;
  requireAccess(ch, "queue", name, "read");
  requireAccess(ch, "exchange", dlx, "write");
}

/** queue.bind / queue.unbind: write on the queue, read on the exchange, then the exchange's topic read permission on the key. */
export function authorizeQueueBinding(ch: Channel, a: { readonly queue: string; readonly exchange: string; readonly routingKey: string }): void {
  const queue = expanded(ch, a.queue);
  if (queue === undefined) return;
  const key = a.queue === "" && a.routingKey === "" ? queue : a.routingKey;
  authorizeBinding(ch, "queue", queue, a.exchange, key);
}

/** exchange.bind / exchange.unbind: write on the destination, read on the source, then the source's topic read permission. */
export function authorizeExchangeBinding(ch: Channel, a: { readonly destination: string; readonly source: string; readonly routingKey: string }): void {
  authorizeBinding(ch, "exchange", a.destination, a.source, a.routingKey);
}

function authorizeBinding(ch: Channel, kind: "queue" | "exchange", destination: string, source: string, routingKey: string): void {
  requireAccess(ch, kind, destination, "write");
  if (kind === "exchange") checkNotDefault(destination);
  checkNotDefault(source);
  requireAccess(ch, "exchange", source, "read");
  requireTopicAccess(ch, ch.conn.vhost!.exchanges.get(source), "read", routingKey);
}

/** queue.purge needs read; queue.delete needs configure. */
export function authorizeQueuePurge(ch: Channel, a: QueuePurge): void {
  const queue = expanded(ch, a.queue);
  if (queue !== undefined) requireAccess(ch, "queue", queue, "read");
}

export function authorizeQueueDelete(ch: Channel, a: QueueDelete): void {
  const queue = expanded(ch, a.queue);
  if (queue !== undefined) requireAccess(ch, "queue", queue, "configure");
}

/** basic.consume: read on the queue, after the reused-tag check. */
export function authorizeConsume(ch: Channel, a: BasicConsume): void {
  const queue = expanded(ch, a.queue);
  if (queue === undefined || (a.consumerTag !== "" && ch.consumers.has(a.consumerTag))) return;
  requireAccess(ch, "queue", queue, "read");
}

export function authorizeGet(ch: Channel, a: BasicGet): void {
  const queue = expanded(ch, a.queue);
  if (queue !== undefined) requireAccess(ch, "queue", queue, "read");
}

/** basic.publish: write on the exchange, then (when it exists, is not internal and is a topic exchange) the topic write permission. */
export function authorizePublish(ch: Channel, a: BasicPublish): void {
  requireAccess(ch, "exchange", a.exchange, "write");
  const x = ch.conn.vhost!.exchanges.get(a.exchange);
  if (x !== undefined && !x.internal) requireTopicAccess(ch, x, "write", a.routingKey);
}
