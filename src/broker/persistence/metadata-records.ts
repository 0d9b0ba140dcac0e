// What each persisted definition is stored as: the current record for a kind and its key parts, read from the live
// broker (undefined when the definition is gone or is not one that survives a restart), and every such definition.
import { decodeTable, encodeTable, type FieldTable, Reader, Writer } from "../../protocol/index.js";
import type { Broker } from "../broker.js";
import type { Binding, Exchange } from "../exchange/exchange.js";
import type { Queue } from "../queue/queue.js";
import type { JsonValue, MetadataKind } from "../store/index.js";
import { declaringUser } from "../vhost/declare-exchange.js";
import type { Vhost } from "../vhost/vhost.js";
import { parameterKind } from "./metadata-listener.js";

export type KeyParts = readonly string[];

/** A global parameter is keyed by its name alone; the node's cluster name, kept apart from those names, by no parts at all. */
export const CLUSTER_NAME_PARTS: KeyParts = [];

/** User who declared an exchange when nobody did (the vhost's built-in ones). */
const SYSTEM_USER = "rmq-internal";

/** Field tables are stored as their wire bytes (base64), so every AMQP type comes back exactly. */
export function encodeArguments(table: FieldTable): string {
  const w = new Writer(256);
  encodeTable(w, table);
  return w.finish().toString("base64");
}

export function decodeArguments(text: string): FieldTable {
  return decodeTable(new Reader(Buffer.from(text, "base64")), 0);
}

/** The default exchange and the amq.* ones are made by every vhost; they are never stored. */
export const isBuiltInExchange = (name: string): boolean => name === "" || name.startsWith("amq.");

/** Queues that survive a restart: durable ones, never exclusive ones (RabbitMQ drops both the others). */
const survives = (q: Queue | undefined): q is Queue => q !== undefined && q.durable && q.exclusiveOwner === undefined && !q.deleted;

function exchangeRecord(x: Exchange | undefined): JsonValue | undefined {
  if (x === undefined || !x.durable || isBuiltInExchange(x.name)) return undefined;
  const user = declaringUser(x);
  return {
    name: x.name,
    type: x.type,
    autoDelete: x.autoDelete,
    internal: x.internal,
    arguments: encodeArguments(x.arguments),
    ...(user === SYSTEM_USER ? {} : { declaredBy: user }),
  };
}

function queueRecord(q: Queue | undefined): JsonValue | undefined {
  return survives(q) ? { name: q.name, autoDelete: q.autoDelete, arguments: encodeArguments(q.arguments) } : undefined;
}

/** A binding is stored when both ends survive a restart. */
function bindingRecord(v: Vhost, source: Exchange | undefined, b: Binding | undefined): JsonValue | undefined {
  if (source === undefined || b === undefined || !source.durable) return undefined;
  const durableEnd = b.destKind === "queue" ? survives(v.queues.get(b.destination)) : v.exchanges.get(b.destination)?.durable === true;
  if (!durableEnd) return undefined;
  return { source: b.source, destinationType: b.destKind, destination: b.destination, routingKey: b.routingKey, arguments: encodeArguments(b.arguments) };
}

function vhostRecord(v: Vhost | undefined): JsonValue | undefined {
  if (v === undefined) return undefined;
  // tracing is not stored: RabbitMQ's trace_on lasts until the node restarts
  const base = { name: v.name, description: v.description as JsonValue, tags: [...v.tags] };
  return v.defaultQueueType === undefined ? base : { ...base, defaultQueueType: v.defaultQueueType as JsonValue };
}

function globalRecord(broker: Broker, parts: KeyParts): JsonValue | undefined {
  if (parts.length === 0) {
    const node = broker.node;
    // an unset cluster name follows the node name, so only a different one needs keeping
    return node.clusterName === node.name ? undefined : node.clusterName;
  }
  return broker.globalParameters.get(parts[0]!) as JsonValue | undefined;
}

const parameterRecord = (broker: Broker, [vhost, component, name]: KeyParts): JsonValue | undefined =>
  broker.vhosts.get(vhost!)?.parameters.get(component!, name!) as JsonValue | undefined;

type Resolver = (broker: Broker, parts: KeyParts) => JsonValue | undefined;

const RESOLVERS: Readonly<Record<MetadataKind, Resolver>> = {
  vhost: (b, [name]) => vhostRecord(b.vhosts.get(name!)),
  user: (b, [name]) => {
    const u = b.users.get(name!);
    return u === undefined ? undefined : { name: u.name, passwordHash: u.passwordHash, hashingAlgorithm: u.hashingAlgorithm, tags: [...u.tags] };
  },
  permission: (b, [vhost, user]) => {
    const p = b.permissions.get(vhost!, user!);
    return p === undefined ? undefined : { configure: p.configure, write: p.write, read: p.read };
  },
  topicPermission: (b, [vhost, user]) => {
    const rows = b.topicPermissions.get(vhost!, user!);
    return rows.length === 0 ? undefined : rows.map((r) => ({ exchange: r.exchange, write: r.write, read: r.read }));
  },
  userLimits: (b, [user]) => {
    const limits = b.userLimits.get(user!);
    return Object.keys(limits).length === 0 ? undefined : limits;
  },
  exchange: (b, [vhost, name]) => exchangeRecord(b.vhosts.get(vhost!)?.exchanges.get(name!)),
  queue: (b, [vhost, name]) => queueRecord(b.vhosts.get(vhost!)?.queues.get(name!)),
  binding: (b, [vhost, source, id]) => {
    const v = b.vhosts.get(vhost!);
    const x = v?.exchanges.get(source!);
    return v === undefined ? undefined : bindingRecord(v, x, x?.getBinding(id!));
  },
  policy: parameterRecord,
  operatorPolicy: parameterRecord,
  parameter: parameterRecord,
  vhostLimits: parameterRecord,
  globalParameter: globalRecord,
};

/** What the definition named by kind and parts is stored as now; undefined when nothing of it should be stored. */
export const currentRecord = (broker: Broker, kind: MetadataKind, parts: KeyParts): JsonValue | undefined => RESOLVERS[kind](broker, parts);

/** Every definition the broker holds, named by kind and key parts (currentRecord decides which of them are stored). */
export function* allDefinitions(broker: Broker): Iterable<[MetadataKind, KeyParts]> {
  for (const v of broker.vhosts.values()) {
    yield ["vhost", [v.name]];
    for (const e of v.parameters.list()) yield [parameterKind(e.component), [v.name, e.component, e.name]];
    for (const x of v.exchanges.values()) {
      yield ["exchange", [v.name, x.name]];
      for (const b of x.allBindings()) yield ["binding", [v.name, x.name, b.id]];
    }
    for (const q of v.queues.values()) yield ["queue", [v.name, q.name]];
  }
  for (const name of broker.users.names()) yield ["user", [name]];
  for (const p of broker.permissions.all()) yield ["permission", [p.vhost, p.user]];
  for (const p of broker.topicPermissions.all()) yield ["topicPermission", [p.vhost, p.user]];
  for (const user of broker.userLimits.users()) yield ["userLimits", [user]];
  for (const g of broker.globalParameters.list()) yield ["globalParameter", [g.name]];
  yield ["globalParameter", CLUSTER_NAME_PARTS];
}

/** Kinds whose key starts with a vhost name: they go when their vhost does. */
export const VHOST_SCOPED: ReadonlySet<MetadataKind> = new Set(["permission", "topicPermission", "exchange", "queue", "binding", "policy", "operatorPolicy", "parameter", "vhostLimits"]);

/** Where a kind's key holds a user name: they go when their user does. */
export const USER_PART: Readonly<Partial<Record<MetadataKind, number>>> = { permission: 1, topicPermission: 1, userLimits: 0 };
