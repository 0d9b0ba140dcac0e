// Vhost limits (max-connections, max-queues): stored as the runtime parameter vhost-limits/<vhost>/limits, enforced on
// connection.open and queue creation as RabbitMQ enforces them.
import type { Broker } from "../broker.js";
import { notAllowed, preconditionFailed } from "../errors.js";
import { setAny } from "../parameters/components.js";
import { isObject, type Json } from "../parameters/json.js";
import { NodeCrash } from "../parameters/validation.js";
import type { Vhost } from "./vhost.js";

export const LIMITS_COMPONENT = "vhost-limits";
export const LIMITS_NAME = "limits";

/** The vhost's limits as stored (an object, or [] once every limit was removed), or undefined when none were set. */
export const storedLimits = (vhost: Vhost): Json | undefined => vhost.parameters.get(LIMITS_COMPONENT, LIMITS_NAME);

/** A limit in force: a non-negative integer; negative values and other types mean no limit, as in RabbitMQ. */
export function limitOf(vhost: Vhost, key: "max-connections" | "max-queues"): number | undefined {
  const limits = storedLimits(vhost);
  const v = isObject(limits) ? limits[key] : undefined;
  return typeof v === "number" && Number.isInteger(v) && v >= 0 ? v : undefined;
}

/** Before creating a queue: 406 when the vhost already holds max-queues queues. */
export function checkQueueLimit(vhost: Vhost, queueName: string): void {
  const limit = limitOf(vhost, "max-queues");
  if (limit !== undefined && vhost.queues.size + 1 > limit) {
    throw preconditionFailed(`cannot declare queue '${queueName}': queue limit in vhost '${vhost.name}' (${limit}) is reached`);
  }
}

/** connection.open, before any other check: 530 when the vhost already has max-connections open connections. */
export function checkConnectionLimit(broker: Broker, vhostName: string, user: string): void {
  const vhost = broker.vhosts.get(vhostName);
  if (vhost === undefined) return;
  const limit = limitOf(vhost, "max-connections");
  if (limit === undefined) return;
  let open = 0;
  for (const c of broker.connections) if (c.state === "opened" && c.vhost === vhost) open++;
  if (open >= limit) throw notAllowed(`access to vhost '${vhostName}' refused for user '${user}': connection limit (${limit}) is reached`);
}

/** The limits other than `key`; RabbitMQ's node crashes here when the vhost has a second vhost-limits parameter. */
function otherLimits(vhost: Vhost, key: string): [string, Json][] {
  if (vhost.parameters.list(LIMITS_COMPONENT).length > 1) throw new NodeCrash("a vhost with two vhost-limits parameters");
  const old = storedLimits(vhost);
  return isObject(old) ? Object.entries(old).filter(([k]) => k !== key) : [];
}

/** Sets one limit, keeping the others: the new entry goes first, as RabbitMQ's update_limit writes it. */
export function updateLimit(vhost: Vhost, key: string, value: Json): void {
  setAny(vhost, LIMITS_COMPONENT, LIMITS_NAME, Object.fromEntries([[key, value], ...otherLimits(vhost, key)]));
}

/** Removes one limit; the parameter stays, possibly empty ([]), as in RabbitMQ. */
export function clearLimit(vhost: Vhost, key: string): void {
  const rest = otherLimits(vhost, key);
  setAny(vhost, LIMITS_COMPONENT, LIMITS_NAME, rest.length === 0 ? [] : Object.fromEntries(rest));
}
