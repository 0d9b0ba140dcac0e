// The keys a policy definition may hold, checked as RabbitMQ 3.10's validator modules check them, in their order.
import { ErlangFloat, isJsonInteger } from "../json/json-value.js";
import { formatTerm, fromJson, list, proplist } from "../parameters/erlang-term.js";
import { NodeCrash, showJson, withTerm } from "../parameters/validation.js";

export type Entry = readonly [key: string, value: unknown];

/** One of RabbitMQ's validator modules: the keys it owns and its check of the definition's entries among them. */
interface KeyGroup {
  readonly keys: readonly string[];
  validate(scope: readonly Entry[]): string | undefined;
}

/** is_integer within bounds: floats such as 5.0 never pass, integers of any size do. */
const isInt = (v: unknown, min: number, max = Infinity): boolean => isJsonInteger(v) && v >= min && v <= max;
const oneOf = (...allowed: unknown[]) => (v: unknown): boolean => allowed.includes(v);
const STREAM_MAX_SEGMENT_SIZE = 3_000_000_000;
const MAX_AGE_UNITS = ["Y", "M", "D", "h", "m", "s"];

/** max-age is "<positive integer><unit>"; RabbitMQ's node crashes on a non-string or a value without digits. */
function validMaxAge(v: unknown): boolean {
  if (typeof v !== "string") throw new NodeCrash("a non-string max-age");
  const m = /^([0-9]*)(.*)$/s.exec(v)!;
  if (m[1] === "") throw new NodeCrash("a max-age without digits");
  return Number(m[1]) > 0 && MAX_AGE_UNITS.includes(m[2]!);
}

/** rabbit_policies: each key's test and what its value "is not a valid ...". */
const CORE: Readonly<Record<string, readonly [test: (v: unknown) => boolean, what: string]>> = {
  "alternate-exchange": [(v) => typeof v === "string", "alternate exchange name"],
  "dead-letter-exchange": [(v) => typeof v === "string", "dead letter exchange name"],
  "dead-letter-routing-key": [(v) => typeof v === "string", "dead letter routing key"],
  "dead-letter-strategy": [oneOf("at-most-once", "at-least-once"), "dead letter strategy"],
  "message-ttl": [(v) => isInt(v, 0), "message TTL"],
  expires: [(v) => isInt(v, 1), "queue expiry"],
  "max-length": [(v) => isInt(v, 0), "maximum length"],
  "max-length-bytes": [(v) => isInt(v, 0), "maximum length in bytes"],
  "max-in-memory-length": [(v) => isInt(v, 0), "maximum memory in bytes"],
  "max-in-memory-bytes": [(v) => isInt(v, 0), "maximum memory in bytes"],
  "queue-mode": [oneOf("default", "lazy"), "queue-mode value"],
  "queue-version": [oneOf(1, 2), "queue-version value"],
  overflow: [oneOf("drop-head", "reject-publish", "reject-publish-dlx"), "overflow value"],
  "delivery-limit": [(v) => isInt(v, 0), "delivery limit"],
  "max-age": [validMaxAge, "max age"],
  "stream-max-segment-size-bytes": [(v) => isInt(v, 0, STREAM_MAX_SEGMENT_SIZE), "segment size"],
  "queue-leader-locator": [oneOf("client-local", "balanced", "random", "least-leaders"), "queue leader locator value"],
  "initial-cluster-size": [(v) => isInt(v, 0), "cluster size"],
};

/** The keys operator policies accept: the numeric limits, which merge with a policy's by taking the smaller. */
export const OPERATOR_KEYS: readonly string[] = ["expires", "message-ttl", "max-length", "max-length-bytes", "max-in-memory-length", "max-in-memory-bytes", "delivery-limit"];

const coreGroup = (keys: readonly string[]): KeyGroup => ({
  keys,
  validate(scope) {
    for (const [key, value] of scope) {
      const [test, what] = CORE[key]!;
      if (!test(value)) return `${showJson(value)} is not a valid ${what}`;
    }
    return undefined;
  },
});

const LOCATORS = ["client-local", "min-masters", "random"];

const locationGroup: KeyGroup = {
  keys: ["queue-master-locator"],
  validate(scope) {
    const value = scope[0]?.[1];
    if (typeof value === "object" && value !== null && !Array.isArray(value)) throw new NodeCrash(value instanceof ErlangFloat ? "a float queue-master-locator" : "a queue-master-locator object");
    return typeof value === "string" && LOCATORS.includes(value) ? undefined : `${showJson(value)} invalid queue-master-locator value`;
  },
};

const HA_KEYS = ["ha-mode", "ha-params", "ha-sync-mode", "ha-sync-batch-size", "ha-promote-on-shutdown", "ha-promote-on-failure"];
const NONE = Symbol("none");

/** What ~p prints for a value, with RabbitMQ's `none` for an absent one. */
const show = (v: unknown): string => (v === NONE ? "none" : showJson(v));

function haParams(mode: string, params: unknown): string | undefined {
  if (mode === "all") return params === NONE ? undefined : 'ha-mode="all" does not take parameters';
  if (mode === "exactly") return isInt(params, 1) ? undefined : `ha-mode="exactly" takes an integer, ${show(params)} given`;
  if (!Array.isArray(params)) return `ha-mode="nodes" takes a list, ${show(params)} given`;
  if (params.length === 0) return 'ha-mode="nodes" list must be non-empty';
  const invalid = params.filter((p) => typeof p !== "string");
  return invalid.length === 0 ? undefined : withTerm('ha-mode="nodes" takes a list of strings, ', list(invalid.map(fromJson)), " was not a string");
}

const promote = (key: string) => (v: unknown): string | undefined =>
  v === NONE || v === "always" || v === "when-synced" ? undefined : `${key} must be "always" or "when-synced", got ${show(v)}`;

/** rabbit_mirror_queue_misc: the classic mirroring keys, checked together. */
const mirrorGroup: KeyGroup = {
  keys: HA_KEYS,
  validate(scope) {
    const get = (k: string): unknown => {
      const entry = scope.find(([key]) => key === k);
      return entry === undefined ? NONE : entry[1];
    };
    const [mode, params, syncMode, batch] = HA_KEYS.map(get) as [unknown, unknown, unknown, unknown];
    if (mode === NONE) return "ha-mode must be specified to specify ha-params, ha-sync-mode or ha-promote-on-shutdown";
    if (typeof mode !== "string") throw new NodeCrash("a non-string ha-mode");
    if (!["all", "exactly", "nodes"].includes(mode)) return `${showJson(mode)} is not a valid ha-mode value`;
    return (
      haParams(mode, params) ??
      (syncMode === NONE || syncMode === "automatic" || syncMode === "manual" ? undefined : `ha-sync-mode must be "manual" or "automatic", got ${show(syncMode)}`) ??
      (batch === NONE || isInt(batch, 1) ? undefined : `ha-sync-batch-size takes an integer greater than 0, ${show(batch)} given`) ??
      promote("ha-promote-on-shutdown")(get("ha-promote-on-shutdown")) ??
      promote("ha-promote-on-failure")(get("ha-promote-on-failure"))
    );
  },
};

/** The validator modules in the order RabbitMQ 3.10 runs them (observed: locator, then core keys, then mirroring). */
const POLICY_GROUPS: readonly KeyGroup[] = [locationGroup, coreGroup(Object.keys(CORE)), mirrorGroup];
const OPERATOR_GROUPS: readonly KeyGroup[] = [coreGroup(OPERATOR_KEYS)];

/**
 * Checks a definition's entries (in term order) as rabbit_policy's validation does: each module checks its own
 * keys and the first problem stops the rest; keys no module owns are reported together.
 */
export function definitionProblem(entries: readonly Entry[], kind: "policy" | "operator_policy"): string | undefined {
  let left = [...entries];
  for (const group of kind === "policy" ? POLICY_GROUPS : OPERATOR_GROUPS) {
    const scope = left.filter(([k]) => group.keys.includes(k));
    if (scope.length === 0) continue;
    left = left.filter(([k]) => !group.keys.includes(k));
    const problem = group.validate(scope);
    if (problem !== undefined) return problem;
  }
  return left.length === 0 ? undefined : `${formatTerm(proplist(left))} are not recognised policy settings`;
}
