// Applying policies as RabbitMQ does: at once, whenever a policy changes or a queue or exchange is created.
import { Exchange } from "../exchange/exchange.js";
import { queueTypeOf } from "../queue/effective-args.js";
import type { Queue } from "../queue/queue.js";
import type { Vhost } from "../vhost/vhost.js";
import { type Policy, type PolicyKind, toPolicy } from "./policy.js";

/** Keys a queue type cannot take: a policy holding any of them does not match queues of that type at all. */
const UNSUPPORTED: Readonly<Record<string, readonly string[]>> = {
  classic: ["max-age", "stream-max-segment-size-bytes", "queue-leader-locator", "initial-cluster-size", "delivery-limit", "dead-letter-strategy"],
  quorum: [
    "max-priority", "queue-mode", "single-active-consumer", "ha-mode", "ha-params", "ha-sync-mode", "ha-promote-on-shutdown",
    "ha-promote-on-failure", "queue-master-locator", "max-age", "stream-max-segment-size-bytes", "initial-cluster-size",
  ],
  stream: [
    "expires", "message-ttl", "dead-letter-exchange", "dead-letter-routing-key", "max-length", "max-in-memory-length", "max-in-memory-bytes",
    "max-priority", "overflow", "queue-mode", "single-active-consumer", "delivery-limit", "ha-mode", "ha-params", "ha-sync-mode",
    "ha-promote-on-shutdown", "ha-promote-on-failure", "queue-master-locator", "dead-letter-strategy",
  ],
};

/** A vhost's policies of one kind, highest priority first; equal priorities keep the order they were first set in. */
const ranked = (vhost: Vhost, kind: PolicyKind): Policy[] =>
  vhost.parameters
    .list(kind)
    .map((e) => toPolicy(e.name, e.value))
    .sort((a, b) => b.priority - a.priority);

function matches(obj: Queue | Exchange, p: Policy): boolean {
  const isExchange = obj instanceof Exchange;
  if (p.applyTo !== "all" && p.applyTo !== (isExchange ? "exchanges" : "queues")) return false;
  if (!isExchange) {
    const unsupported = UNSUPPORTED[queueTypeOf(obj)] ?? [];
    if (Object.keys(p.definition).some((k) => unsupported.includes(k))) return false;
  }
  return p.regex?.test(obj.name) ?? false;
}

const pick = (obj: Queue | Exchange, policies: readonly Policy[]): Policy | undefined => policies.find((p) => matches(obj, p));

/** Queues may react to new limits and TTLs; the queue implementation offers policyChanged() for that. */
function notifyQueue(q: Queue): void {
  const hook = (q as unknown as { policyChanged?: () => void }).policyChanged;
  if (typeof hook === "function") hook.call(q);
}

function applyWith(obj: Queue | Exchange, policies: readonly Policy[], operatorPolicies: readonly Policy[]): void {
  const policy = pick(obj, policies);
  const operatorPolicy = pick(obj, operatorPolicies);
  if (obj.policy === policy && obj.operatorPolicy === operatorPolicy) return;
  obj.policy = policy;
  obj.operatorPolicy = operatorPolicy;
  if (!(obj instanceof Exchange)) notifyQueue(obj);
}

/** Sets the policy and operator policy that match one queue or exchange of the vhost. */
export function applyPolicies(vhost: Vhost, obj: Queue | Exchange): void {
  applyWith(obj, ranked(vhost, "policy"), ranked(vhost, "operator_policy"));
}

/** Re-matches every queue and exchange of the vhost, after a policy changed. */
export function reapplyPolicies(vhost: Vhost): void {
  const policies = ranked(vhost, "policy");
  const operatorPolicies = ranked(vhost, "operator_policy");
  for (const x of vhost.exchanges.values()) applyWith(x, policies, operatorPolicies);
  for (const q of vhost.queues.values()) applyWith(q, policies, operatorPolicies);
}
