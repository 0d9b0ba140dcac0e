import { FIELD_TYPE_NAMES, type FieldTable, type FieldValue } from "../../protocol/index.js";
import { preconditionFailed } from "../errors.js";

const INTEGER_TYPES = new Set(["b", "B", "s", "u", "I", "i", "l", "L"]);

const asNumber = (v: FieldValue): number => Number(v.value as number | bigint);
const typeName = (v: FieldValue): string => FIELD_TYPE_NAMES[v.type];
const text = (v: FieldValue): string => (v.value as Buffer).toString("utf8");

/** RabbitMQ's longest TTL or expiry: 10 years in milliseconds. */
const MAX_EXPIRY_MS = 315_360_000_000;

/** A validator returns RabbitMQ's error term, printed as it prints it (~p), or undefined when the value is fine. */
type Check = (v: FieldValue, args: FieldTable) => string | undefined;

const integer: Check = (v) => (INTEGER_TYPES.has(v.type) ? undefined : `"expected integer, got ${typeName(v)}"`);

const nonNegative =
  (then?: (n: number) => string | undefined): Check =>
  (v, args) => {
    const bad = integer(v, args);
    if (bad !== undefined) return bad;
    const n = asNumber(v);
    return n < 0 ? `{value_negative,${n}}` : then?.(n);
  };

const expiry = (n: number): string | undefined =>
  n < 0 ? `{value_negative,${n}}` : n > MAX_EXPIRY_MS ? `{value_too_large,${n}}` : undefined;

const ttl: Check = (v, args) => integer(v, args) ?? expiry(asNumber(v));
const expires: Check = (v, args) => integer(v, args) ?? (asNumber(v) === 0 ? "{value_zero,0}" : expiry(asNumber(v)));
const positive = nonNegative((n) => (n === 0 ? "{value_zero,0}" : undefined));

/** A longstr from a fixed set; `unknown` words the refusal of any other string. */
const oneOf =
  (allowed: readonly string[], unknown: (s: string) => string): Check =>
  (v) => {
    if (v.type !== "S") return `{unacceptable_type,${typeName(v)}}`;
    return allowed.includes(text(v)) ? undefined : unknown(text(v));
  };

const longstr: Check = (v) => (v.type === "S" ? undefined : `{unacceptable_type,${typeName(v)}}`);
const bool: Check = (v) => (v.type === "t" ? undefined : `{unacceptable_type,${typeName(v)}}`);
const deadLetterKey: Check = (v, args) => longstr(v, args) ?? (args.has("x-dead-letter-exchange") ? undefined : "routing_key_but_no_dlx_defined");

function maxAge(v: FieldValue): string | undefined {
  if (v.type !== "S") return `{unacceptable_type,${typeName(v)}}`;
  const m = /^([0-9]+)([YMDhms])$/.exec(text(v));
  return m !== null && Number(m[1]) > 0 ? undefined : "invalid_max_age";
}

/** Every argument RabbitMQ 3.10 validates on declare, in the order it checks them. */
const VALIDATORS: readonly (readonly [string, Check])[] = [
  ["x-expires", expires],
  ["x-message-ttl", ttl],
  ["x-dead-letter-exchange", longstr],
  ["x-dead-letter-routing-key", deadLetterKey],
  ["x-dead-letter-strategy", oneOf(["at-most-once", "at-least-once"], () => "invalid_dlx_strategy")],
  ["x-max-length", nonNegative()],
  ["x-max-length-bytes", nonNegative()],
  ["x-max-in-memory-length", nonNegative()],
  ["x-max-in-memory-bytes", nonNegative()],
  ["x-max-priority", nonNegative((n) => (n > 255 ? `{max_value_exceeded,${n}}` : undefined))],
  ["x-overflow", oneOf(["drop-head", "reject-publish", "reject-publish-dlx"], () => "invalid_overflow")],
  ["x-queue-mode", oneOf(["default", "lazy"], (s) => `"unsupported queue mode '${s}'"`)],
  ["x-queue-version", nonNegative((n) => (n === 1 || n === 2 ? undefined : `"unsupported queue version '${n}'"`))],
  ["x-single-active-consumer", bool],
  ["x-queue-type", oneOf(["classic", "quorum", "stream"], (s) => `"unsupported queue type '${s}'"`)],
  ["x-quorum-initial-group-size", positive],
  ["x-max-age", maxAge],
  ["x-stream-max-segment-size-bytes", nonNegative()],
  ["x-initial-cluster-size", positive],
  ["x-queue-leader-locator", oneOf(["client-local", "balanced", "random", "least-leaders"], () => "invalid_queue_locator_arg")],
];

/** The arguments each queue type takes (RabbitMQ's queue_arguments capability) and its module name for error texts. */
const QUEUE_TYPES: Readonly<Record<string, { module: string; args: readonly string[] }>> = {
  classic: {
    module: "rabbit_classic_queue",
    args: ["x-expires", "x-message-ttl", "x-dead-letter-exchange", "x-dead-letter-routing-key", "x-max-length", "x-max-length-bytes",
      "x-max-priority", "x-overflow", "x-queue-mode", "x-queue-version", "x-single-active-consumer", "x-queue-type", "x-queue-master-locator"],
  },
  quorum: {
    module: "rabbit_quorum_queue",
    args: ["x-dead-letter-exchange", "x-dead-letter-routing-key", "x-dead-letter-strategy", "x-expires", "x-max-length", "x-max-length-bytes",
      "x-max-in-memory-length", "x-max-in-memory-bytes", "x-overflow", "x-single-active-consumer", "x-queue-type", "x-quorum-initial-group-size",
      "x-delivery-limit", "x-message-ttl", "x-queue-leader-locator"],
  },
  stream: {
    module: "rabbit_stream_queue",
    args: ["x-max-length-bytes", "x-queue-type", "x-max-age", "x-stream-max-segment-size-bytes", "x-initial-cluster-size", "x-queue-leader-locator"],
  },
};

const ALL_TYPE_ARGS = new Set(Object.values(QUEUE_TYPES).flatMap((t) => t.args));

function queueTypeOf(args: FieldTable): (typeof QUEUE_TYPES)[string] {
  const t = args.get("x-queue-type");
  return (t?.type === "S" ? QUEUE_TYPES[text(t)] : undefined) ?? QUEUE_TYPES.classic!;
}

/**
 * Rejects a new queue's arguments as RabbitMQ 3.10 does, with its 406 texts and in its order: a non-string
 * dead-letter exchange, then x-queue-type, then the type's own validators, then arguments of other queue types.
 */
export function validateQueueArgs(args: FieldTable, resource: string): void {
  const dlx = args.get("x-dead-letter-exchange");
  if (dlx !== undefined && dlx.type !== "S") throw preconditionFailed(`invalid type '${typeName(dlx)}' for arg 'x-dead-letter-exchange' in ${resource}`);
  const fail = (key: string, problem: string | undefined): void => {
    if (problem !== undefined) throw preconditionFailed(`invalid arg '${key}' for ${resource}: ${problem}`);
  };
  const qt = args.get("x-queue-type");
  if (qt !== undefined) fail("x-queue-type", VALIDATORS.find(([k]) => k === "x-queue-type")![1](qt, args));
  const type = queueTypeOf(args);
  for (const [key, check] of VALIDATORS) {
    const v = args.get(key);
    if (v !== undefined && type.args.includes(key)) fail(key, check(v, args));
  }
  for (const key of args.keys()) {
    if (ALL_TYPE_ARGS.has(key) && !type.args.includes(key)) throw preconditionFailed(`invalid arg '${key}' for ${resource} of queue type ${type.module}`);
  }
}

/** basic.consume arguments a classic queue takes (x-credit is accepted unchecked), and those only other queue types take. */
const CONSUMER_VALIDATORS: readonly (readonly [string, Check])[] = [
  ["x-priority", integer],
  ["x-cancel-on-ha-failover", bool],
];
const OTHER_TYPES_CONSUMER_ARGS = new Set(["x-stream-offset"]);

/** Rejects basic.consume arguments as RabbitMQ 3.10 does for a classic queue (406). */
export function validateConsumerArgs(args: FieldTable, resource: string): void {
  for (const [key, check] of CONSUMER_VALIDATORS) {
    const v = args.get(key);
    const problem = v === undefined ? undefined : check(v, args);
    if (problem !== undefined) throw preconditionFailed(`invalid arg '${key}' for ${resource}: ${problem}`);
  }
  for (const key of args.keys()) {
    if (OTHER_TYPES_CONSUMER_ARGS.has(key)) throw preconditionFailed(`invalid arg '${key}' for ${resource} of queue type rabbit_classic_queue`);
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

/** What a classic queue's redeclare compares: its queue arguments (x-queue-type is compared by the declare code). */
export const QUEUE_EQUIVALENCE_KEYS: readonly string[] = QUEUE_TYPES.classic!.args;

/** A flag mismatch (durable, auto_delete, ...) worded as RabbitMQ words it. */
export function assertFlag(name: string, received: boolean, current: boolean, resource: string): void {
  if (received !== current) throw preconditionFailed(`inequivalent arg '${name}' for ${resource}: received '${received}' but current is '${current}'`);
}
