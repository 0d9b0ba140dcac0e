// Rebuilding the broker's definitions from a stored snapshot at start. Each record is checked at this boundary; one
// that does not fit (or whose vhost, source or destination is gone) is skipped with a warning, never fatal.
import { z } from "zod";
import { isUserLimitName } from "../auth/user-limits.js";
import type { Broker } from "../broker.js";
import { createExchange, isExchangeType } from "../exchange/types.js";
import type { Json } from "../parameters/json.js";
import { Queue } from "../queue/queue.js";
import { METADATA_KINDS, type JsonValue, type MetadataKind, type MetadataSnapshot } from "../store/index.js";
import { bindingOf } from "../vhost/bind.js";
import { setDeclaringUser } from "../vhost/declare-exchange.js";
import { addVhost } from "../vhost/vhost-registry.js";
import type { Vhost } from "../vhost/vhost.js";
import { decodeArguments, isBuiltInExchange, type KeyParts } from "./metadata-records.js";

const Parts = z.array(z.string());
const VhostRecord = z.object({ name: z.string(), description: z.unknown(), tags: z.array(z.string()), defaultQueueType: z.unknown().optional() });
const UserRecord = z.object({ name: z.string(), passwordHash: z.string(), hashingAlgorithm: z.string(), tags: z.array(z.string()) });
const PermissionRecord = z.object({ configure: z.string(), write: z.string(), read: z.string() });
const TopicPermissionRecord = z.array(z.object({ exchange: z.string(), write: z.string(), read: z.string() }));
const UserLimitsRecord = z.record(z.string(), z.union([z.number(), z.bigint()]));
const ExchangeRecord = z.object({ name: z.string(), type: z.string(), autoDelete: z.boolean(), internal: z.boolean(), arguments: z.string(), declaredBy: z.string().optional() });
const QueueRecord = z.object({ name: z.string(), autoDelete: z.boolean(), arguments: z.string() });
const BindingRecord = z.object({ source: z.string(), destinationType: z.enum(["queue", "exchange"]), destination: z.string(), routingKey: z.string(), arguments: z.string() });

function vhostIn(broker: Broker, name: string | undefined): Vhost {
  const v = name === undefined ? undefined : broker.vhosts.get(name);
  if (v === undefined) throw new Error(`its vhost '${name}' is not stored`);
  return v;
}

function restoreExchange(v: Vhost, value: JsonValue): void {
  const r = ExchangeRecord.parse(value);
  if (isBuiltInExchange(r.name)) throw new Error("every vhost makes that exchange itself");
  if (!isExchangeType(r.type)) throw new Error(`unknown exchange type '${r.type}'`);
  const x = createExchange(r.type, { name: r.name, durable: true, autoDelete: r.autoDelete, internal: r.internal, arguments: decodeArguments(r.arguments) });
  v.exchanges.set(r.name, x);
  if (r.declaredBy !== undefined) setDeclaringUser(x, r.declaredBy);
  v.applyPolicies(x);
}

function restoreQueue(v: Vhost, value: JsonValue): void {
  const r = QueueRecord.parse(value);
  // recovery declares nothing: limits and argument checks applied when the queue was first declared
  const q = new Queue({ name: r.name, durable: true, exclusiveOwner: undefined, autoDelete: r.autoDelete, arguments: decodeArguments(r.arguments), vhost: v });
  v.queues.set(r.name, q);
  v.applyPolicies(q);
}

function restoreBinding(v: Vhost, value: JsonValue): void {
  const r = BindingRecord.parse(value);
  const source = v.exchanges.get(r.source);
  const destination = r.destinationType === "queue" ? v.queues.get(r.destination) : v.exchanges.get(r.destination);
  if (source === undefined || destination === undefined) throw new Error("one of its ends is not stored");
  v.bind(source, bindingOf(source, { destKind: r.destinationType, destination: r.destination, routingKey: r.routingKey, arguments: decodeArguments(r.arguments) }));
}

type Restorer = (broker: Broker, parts: KeyParts, value: JsonValue) => void;

const restoreParameter: Restorer = (broker, [vhost, component, name], value) => {
  // stored values were validated when set; the policies they hold apply as exchanges and queues come back
  vhostIn(broker, vhost).parameters.put(component!, name!, value as Json);
};

const RESTORERS: Readonly<Record<MetadataKind, Restorer>> = {
  vhost: (broker, _parts, value) => {
    const r = VhostRecord.parse(value);
    addVhost(broker, r.name, { description: r.description, tags: r.tags, defaultQueueType: r.defaultQueueType });
  },
  user: (broker, _parts, value) => void broker.users.put(UserRecord.parse(value)),
  permission: (broker, [vhost, user], value) => void broker.permissions.set(vhost!, user!, PermissionRecord.parse(value)),
  topicPermission: (broker, [vhost, user], value) => {
    for (const p of TopicPermissionRecord.parse(value)) broker.topicPermissions.set(vhost!, user!, p);
  },
  userLimits: (broker, [user], value) => {
    for (const [name, limit] of Object.entries(UserLimitsRecord.parse(value))) if (isUserLimitName(name)) broker.userLimits.set(user!, name, limit);
  },
  globalParameter: (broker, parts, value) => {
    if (parts.length === 0) broker.node.clusterName = z.string().parse(value);
    else broker.globalParameters.set(parts[0]!, value as Json);
  },
  policy: restoreParameter,
  operatorPolicy: restoreParameter,
  parameter: restoreParameter,
  vhostLimits: restoreParameter,
  exchange: (broker, [vhost], value) => restoreExchange(vhostIn(broker, vhost), value),
  queue: (broker, [vhost], value) => restoreQueue(vhostIn(broker, vhost), value),
  binding: (broker, [vhost], value) => restoreBinding(vhostIn(broker, vhost), value),
};

/** How many parts each kind's key has (a global parameter has one, the cluster name none). */
const ARITY: Readonly<Record<MetadataKind, readonly number[]>> = {
  vhost: [1], user: [1], permission: [2], topicPermission: [2], userLimits: [1], globalParameter: [0, 1],
  policy: [3], operatorPolicy: [3], parameter: [3], vhostLimits: [3], exchange: [2], queue: [2], binding: [3],
};

function keyParts(kind: MetadataKind, key: string): KeyParts {
  const parts = Parts.parse(JSON.parse(key));
  if (!ARITY[kind].includes(parts.length)) throw new Error("its key is malformed");
  return parts;
}

/** Parameters (policies among them) before exchanges and queues, so those get their policies as they come back; bindings last. */
const ORDER: readonly MetadataKind[] = [
  "vhost", "user", "permission", "topicPermission", "userLimits", "globalParameter",
  "policy", "operatorPolicy", "parameter", "vhostLimits", "exchange", "queue", "binding",
];

/** Whether nothing at all is stored: the node's first start. */
export const isFirstStart = (snapshot: MetadataSnapshot): boolean => METADATA_KINDS.every((k) => snapshot[k].size === 0);

/** What a fresh Broker starts with (the default user and vhost, a new cluster id): gone when stored definitions exist. */
function clearFirstStartState(broker: Broker): void {
  for (const name of broker.users.names()) broker.users.delete(name);
  for (const p of [...broker.permissions.all()]) broker.permissions.delete(p.vhost, p.user);
  for (const g of broker.globalParameters.list()) broker.globalParameters.delete(g.name);
  broker.vhosts.clear();
}

/** Replaces the broker's first-start definitions with the stored ones. */
export function restoreDefinitions(broker: Broker, snapshot: MetadataSnapshot, warn: (message: string) => void): void {
  clearFirstStartState(broker);
  for (const kind of ORDER) {
    for (const [key, value] of snapshot[kind]) {
      try {
        RESTORERS[kind](broker, keyParts(kind, key), value);
      } catch (e) {
        const why = e instanceof z.ZodError ? "it is malformed" : (e as Error).message;
        warn(`metadata store: skipped the stored ${kind} ${key}: ${why}`);
      }
    }
  }
}
