import { fromFieldValue } from "../../protocol/index.js";
import type { Queue } from "./queue.js";

export type { AppliedPolicy } from "../policy/applied-policy.js";

export type QueueType = "classic" | "quorum" | "stream";

/** The queue's type as declared (x-queue-type); classic unless said otherwise. */
export function queueTypeOf(q: Pick<Queue, "arguments">): QueueType {
  const t = q.arguments.get("x-queue-type");
  const name = t?.type === "S" ? t.value.toString("utf8") : "classic";
  return name === "quorum" || name === "stream" ? name : "classic";
}

/** How a queue argument and the policy value combine when both are set: the smaller, the argument, or the policy. */
type Resolution = "min" | "argument" | "policy";

/** Per queue type, the keys that read a policy and how they resolve against the x-argument, as RabbitMQ 3.10's queue types do. */
const RESOLUTION: Readonly<Record<QueueType, Readonly<Record<string, Resolution>>>> = {
  classic: {
    expires: "min",
    "message-ttl": "min",
    "max-length": "min",
    "max-length-bytes": "min",
    "dead-letter-exchange": "argument",
    "dead-letter-routing-key": "argument",
    overflow: "argument",
    "queue-mode": "argument",
    "queue-version": "argument",
  },
  quorum: {
    expires: "policy",
    "message-ttl": "min",
    "max-length": "min",
    "max-length-bytes": "min",
    "max-in-memory-length": "min",
    "max-in-memory-bytes": "min",
    "delivery-limit": "min",
    overflow: "policy",
    "dead-letter-exchange": "argument",
    "dead-letter-routing-key": "argument",
    "dead-letter-strategy": "argument",
    "queue-leader-locator": "policy",
  },
  stream: {
    "max-length-bytes": "policy",
    "max-age": "policy",
    "stream-max-segment-size-bytes": "policy",
    "initial-cluster-size": "policy",
    "queue-leader-locator": "policy",
  },
};

/** Keys where an operator policy and a policy both set a value: the smaller wins. */
const MERGED_BY_MIN = new Set(["expires", "message-ttl", "max-length", "max-length-bytes", "max-in-memory-length", "max-in-memory-bytes", "delivery-limit"]);

/** The policy-side value of a key: the policy's, the operator policy's, or (both set) their merge. */
function policyValue(q: Pick<Queue, "policy" | "operatorPolicy">, key: string): unknown {
  const fromPolicy = q.policy?.definition[key];
  const fromOperator = q.operatorPolicy?.definition[key];
  if (fromPolicy === undefined) return fromOperator;
  if (fromOperator === undefined) return fromPolicy;
  if (MERGED_BY_MIN.has(key) && typeof fromPolicy === "number" && typeof fromOperator === "number") return Math.min(fromPolicy, fromOperator);
  // RabbitMQ lets the operator's value win for booleans
  return typeof fromPolicy === "boolean" && typeof fromOperator === "boolean" ? fromOperator : fromPolicy;
}

/**
 * The value in force for a queue feature, named by its policy key ("max-length"): from the x-argument and the
 * (merged) policy value, resolved the way the queue's type resolves it. Keys a type never reads from policies
 * (x-max-priority, x-single-active-consumer) come from the argument alone.
 */
export function effectiveArgument(q: Pick<Queue, "arguments" | "policy" | "operatorPolicy">, key: string): unknown {
  const arg = q.arguments.get(`x-${key}`);
  const fromArg = arg === undefined ? undefined : fromFieldValue(arg);
  const resolution = RESOLUTION[queueTypeOf(q)][key];
  if (resolution === undefined) return fromArg;
  const fromPolicy = policyValue(q, key);
  if (fromPolicy === undefined) return fromArg;
  if (fromArg === undefined) return fromPolicy;
  if (resolution === "policy") return fromPolicy;
  if (resolution === "argument") return fromArg;
  const a = typeof fromArg === "bigint" ? Number(fromArg) : fromArg;
  return typeof a === "number" && typeof fromPolicy === "number" ? Math.min(a, fromPolicy) : fromArg;
}
