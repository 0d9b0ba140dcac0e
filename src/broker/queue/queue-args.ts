import { FIELD_TYPE_NAMES, type FieldTable, type FieldValue } from "../../protocol/index.js";
import { preconditionFailed } from "../errors.js";

const INTEGER_TYPES = new Set(["b", "B", "s", "u", "I", "i", "l", "L"]);

const asNumber = (v: FieldValue): number => Number(v.value as number | bigint);

type Check = (v: FieldValue) => string | undefined;

const integer =
  (min: "non-negative" | "positive"): Check =>
  (v) => {
    if (!INTEGER_TYPES.has(v.type)) return `"expected integer, got ${FIELD_TYPE_NAMES[v.type]}"`;
    const n = asNumber(v);
    if (n < 0) return `{value_negative,${n}}`;
    if (min === "positive" && n === 0) return `{value_zero,0}`;
    return undefined;
  };

const longstr: Check = (v) => (v.type === "S" ? undefined : `"expected longstr, got ${FIELD_TYPE_NAMES[v.type]}"`);
const bool: Check = (v) => (v.type === "t" ? undefined : `"expected bool, got ${FIELD_TYPE_NAMES[v.type]}"`);
const oneOf =
  (...allowed: string[]): Check =>
  (v) => {
    if (v.type !== "S") return `"expected longstr, got ${FIELD_TYPE_NAMES[v.type]}"`;
    const s = v.value.toString("utf8");
    return allowed.includes(s) ? undefined : `<<"${s}">>`;
  };

/** Queue arguments RabbitMQ 3.10 validates on declare, and compares when a queue is redeclared. */
const QUEUE_ARGS: Readonly<Record<string, Check>> = {
  "x-expires": integer("positive"),
  "x-message-ttl": integer("non-negative"),
  "x-dead-letter-exchange": longstr,
  "x-dead-letter-routing-key": longstr,
  "x-max-length": integer("non-negative"),
  "x-max-length-bytes": integer("non-negative"),
  "x-max-priority": integer("non-negative"),
  "x-overflow": oneOf("drop-head", "reject-publish", "reject-publish-dlx"),
  "x-queue-mode": oneOf("default", "lazy"),
  "x-queue-type": oneOf("classic", "quorum", "stream"),
  "x-single-active-consumer": bool,
  "x-queue-master-locator": longstr,
  "x-queue-leader-locator": longstr,
  "x-delivery-limit": integer("non-negative"),
};

/** Rejects badly typed or out-of-range arguments with RabbitMQ's 406 text. */
export function validateQueueArgs(args: FieldTable, resource: string): void {
  for (const [key, value] of args) {
    const check = QUEUE_ARGS[key];
    const problem = check?.(value);
    if (problem !== undefined) throw preconditionFailed(`invalid arg '${key}' for ${resource}: ${problem}`);
  }
}

function show(v: FieldValue): string {
  if (v.type === "S") return v.value.toString("utf8");
  return String(v.value);
}

/** Integers of different widths are the same value to RabbitMQ's comparison. */
function equivalent(a: FieldValue, b: FieldValue): boolean {
  if (INTEGER_TYPES.has(a.type) && INTEGER_TYPES.has(b.type)) return asNumber(a) === asNumber(b);
  if (a.type !== b.type) return false;
  if (a.type === "S" || a.type === "x") return (a.value as Buffer).equals(b.value as Buffer);
  return a.value === b.value;
}

/** A redeclare must carry the same values for the arguments RabbitMQ compares (406 inequivalent arg). */
export function assertArgsEquivalent(received: FieldTable, current: FieldTable, keys: readonly string[], resource: string): void {
  for (const key of keys) {
    const r = received.get(key);
    const c = current.get(key);
    if (r === undefined && c === undefined) continue;
    if (r !== undefined && c !== undefined && equivalent(r, c)) continue;
    const rs = r === undefined ? "none" : c !== undefined && r.type === c.type ? `'${show(r)}'` : `the value '${show(r)}' of type '${FIELD_TYPE_NAMES[r.type]}'`;
    const cs = c === undefined ? "none" : r !== undefined && r.type === c.type ? `'${show(c)}'` : `the value '${show(c)}' of type '${FIELD_TYPE_NAMES[c.type]}'`;
    throw preconditionFailed(`inequivalent arg '${key}' for ${resource}: received ${rs} but current is ${cs}`);
  }
}

export const QUEUE_EQUIVALENCE_KEYS: readonly string[] = Object.keys(QUEUE_ARGS).filter((k) => !k.endsWith("-locator"));

/** A flag mismatch (durable, auto_delete, ...) worded as RabbitMQ words it. */
export function assertFlag(name: string, received: boolean, current: boolean, resource: string): void {
  if (received !== current) throw preconditionFailed(`inequivalent arg '${name}' for ${resource}: received '${received}' but current is '${current}'`);
}
