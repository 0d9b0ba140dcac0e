// Applying a validated plan, in RabbitMQ 3.10.8's import order: users, vhosts, permissions, topic permissions,
// exchanges, global parameters, policies, parameters, queues, bindings. Nothing here should fail: the plan was
// checked against the state these steps produce.
import { DEFAULT_HASHING_ALGORITHM, hashPassword } from "../auth/password-hash.js";
import type { UserRecord } from "../auth/users.js";
import type { Broker } from "../broker.js";
import { setAny, setParameter } from "../parameters/components.js";
import { bind } from "../vhost/bind.js";
import { declareExchange } from "../vhost/declare-exchange.js";
import { declareQueue } from "../vhost/declare-queue.js";
import { LIMITS_COMPONENT } from "../vhost/limits.js";
import type { Vhost } from "../vhost/vhost.js";
import type { Plan, UserChange, VhostChange } from "./plan.js";

/** The vhost a planned change names; the plan only names vhosts that exist by the time it is applied. */
function vhostOf(broker: Broker, name: string): Vhost {
  const v = broker.vhosts.get(name);
  if (v === undefined) throw new Error(`definitions plan names vhost '${name}', which does not exist`);
  return v;
}

/** put_user: a new user gets their credentials and limits; an existing one too, unless the entry has no password at all. */
function applyUser(broker: Broker, u: UserChange): void {
  const existing = broker.users.get(u.name);
  const c = u.credentials;
  let record: UserRecord;
  if (c.kind === "password") record = { name: u.name, passwordHash: hashPassword(c.password), hashingAlgorithm: DEFAULT_HASHING_ALGORITHM, tags: u.tags };
  else if (c.kind === "hash") record = { name: u.name, passwordHash: c.hash, hashingAlgorithm: c.algorithm, tags: u.tags };
  // clear_password empties the hash and resets the module; a new user gets a hash of the empty password
  else record = { name: u.name, passwordHash: existing === undefined ? hashPassword("") : "", hashingAlgorithm: DEFAULT_HASHING_ALGORITHM, tags: u.tags };
  broker.users.put(record);
  // RabbitMQ merges the given limits into the user's; clearing a password leaves them alone
  if (existing !== undefined && c.kind === "none") return;
  for (const [name, value] of u.limits ?? []) broker.userLimits.set(u.name, name, value);
}

/** put_vhost: an existing vhost gets the description and tags (absent ones become empty); a new one grants its creator full access. */
function applyVhost(broker: Broker, v: VhostChange, actingUser: string): void {
  const existing = broker.vhosts.get(v.name);
  if (existing !== undefined) {
    existing.description = v.description;
    existing.tags = v.tags;
    if (v.tracing !== undefined) existing.tracing = v.tracing;
    return;
  }
  broker.addVhost(v.name, { description: v.description, tags: v.tags, defaultQueueType: v.defaultQueueType, tracing: v.tracing ?? false });
  if (broker.users.has(actingUser)) broker.permissions.set(v.name, actingUser, { configure: ".*", write: ".*", read: ".*" });
}

export function applyPlan(broker: Broker, plan: Plan, actingUser: string): void {
  for (const u of plan.users) applyUser(broker, u);
  for (const v of plan.vhosts) applyVhost(broker, v, actingUser);
  for (const p of plan.permissions) broker.permissions.set(p.vhost, p.user, p.permission);
  for (const p of plan.topicPermissions) broker.topicPermissions.set(p.vhost, p.user, p.permission);
  for (const x of plan.exchanges) declareExchange(vhostOf(broker, x.vhost), x.declaration);
  for (const g of plan.globalParameters) broker.globalParameters.set(g.name, g.value);
  for (const p of plan.policies) setAny(vhostOf(broker, p.vhost), p.component, p.name, p.value);
  // vhost limits go in after the queues: RabbitMQ checked max-queues up front and does not again per queue, while
  // warren's declare does; nothing can observe the difference within one import
  const [limits, others] = partition(plan.parameters, (p) => p.component === LIMITS_COMPONENT);
  for (const p of others) setParameter(vhostOf(broker, p.vhost), p.component, p.name, p.value);
  for (const q of plan.queues) declareQueue(vhostOf(broker, q.vhost), undefined, q.declaration);
  for (const b of plan.bindings) {
    const v = vhostOf(broker, b.vhost);
    const source = v.exchanges.get(b.source);
    if (source !== undefined) bind(v, source, b.spec);
  }
  for (const p of limits) setParameter(vhostOf(broker, p.vhost), p.component, p.name, p.value);
}

function partition<T>(items: readonly T[], test: (t: T) => boolean): [T[], T[]] {
  const yes: T[] = [];
  const no: T[] = [];
  for (const t of items) (test(t) ? yes : no).push(t);
  return [yes, no];
}
