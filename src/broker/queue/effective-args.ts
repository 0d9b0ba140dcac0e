import { fromFieldValue } from "../../protocol/index.js";
import type { Queue } from "./queue.js";

/** A policy as applied to one queue or exchange: its name and definition keys. */
export interface AppliedPolicy {
  readonly name: string;
  readonly definition: Readonly<Record<string, unknown>>;
}

/** How a queue argument and a policy key combine when both are set, as RabbitMQ resolves them. */
const RESOLUTION: Readonly<Record<string, "min" | "argument">> = {
  "message-ttl": "min",
  expires: "min",
  "max-length": "min",
  "max-length-bytes": "min",
  "dead-letter-exchange": "argument",
  "dead-letter-routing-key": "argument",
  overflow: "argument",
  "queue-mode": "argument",
};

/**
 * The value in force for a queue feature, named by its policy key ("max-length"): from the x-argument,
 * the policy and the operator policy. Numeric limits take the smallest; other keys prefer the argument.
 * Keys that only exist as arguments (x-max-priority, x-single-active-consumer) read the argument alone.
 */
export function effectiveArgument(q: Pick<Queue, "arguments" | "policy" | "operatorPolicy">, key: string): unknown {
  const arg = q.arguments.get(`x-${key}`);
  const fromArg = arg === undefined ? undefined : fromFieldValue(arg);
  const resolution = RESOLUTION[key];
  if (resolution === undefined) return fromArg;
  const fromPolicy = q.policy?.definition[key];
  const fromOperator = q.operatorPolicy?.definition[key];
  if (resolution === "argument") return fromArg ?? fromPolicy ?? fromOperator;
  const numbers = [fromArg, fromPolicy, fromOperator].filter((v): v is number => typeof v === "number");
  return numbers.length === 0 ? undefined : Math.min(...numbers);
}
