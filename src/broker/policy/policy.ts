// Policies and operator policies as RabbitMQ keeps them: runtime parameters of the "policy" and
// "operator_policy" components whose value holds pattern, definition, priority and apply-to.
import { isJsonNumber, numberOf } from "../json/json-value.js";
import { formatTerm, fromJson } from "../parameters/erlang-term.js";
import { isObject, type Json, sortedEntries } from "../parameters/json.js";
import { type Check, type Constraint, isNumber, isRegex, NodeCrash, validateProplist, withTerm } from "../parameters/validation.js";
import { definitionProblem } from "./definition-keys.js";
import { compileRegex } from "../auth/regex.js";

export type PolicyKind = "policy" | "operator_policy";

/** A stored policy, ready to match names. */
export interface Policy {
  readonly name: string;
  readonly pattern: string;
  readonly applyTo: unknown;
  readonly definition: Readonly<Record<string, Json>>;
  readonly priority: number;
  readonly regex: RegExp | undefined;
}

const applyTo: Check = (_key, v) => {
  if (v === "all" || v === "exchanges" || v === "queues") return undefined;
  // the message formats the value with ~s, which crashes RabbitMQ's node on anything but text and atoms
  if (isJsonNumber(v) || (typeof v === "object" && v !== null)) throw new NodeCrash("an apply-to that is not text");
  return `apply-to '${String(v)}' unrecognised; should be 'queues', 'exchanges' or 'all'`;
};

const definition =
  (kind: PolicyKind): Check =>
  (key, v) => {
    if (isObject(v)) {
      const entries = sortedEntries(v);
      return entries.length === 0 ? "no policy provided" : definitionProblem(entries, kind);
    }
    if (Array.isArray(v)) return v.length === 0 ? "no policy provided" : withTerm("definition must be a dictionary: ", fromJson(v));
    return `${withTerm(`parse error while reading policy ${key}: `, fromJson(v))}. Validator: ${formatTerm({ t: "atom", v: `${kind}_validator` })}.`;
  };

const constraints = (kind: PolicyKind): readonly Constraint[] => [
  { key: "priority", check: isNumber, mandatory: true },
  { key: "pattern", check: isRegex, mandatory: true },
  { key: "apply-to", check: applyTo, mandatory: false },
  { key: "definition", check: definition(kind), mandatory: true },
];

/** Problems with a policy value, in RabbitMQ's order and wording (empty when it is valid). */
export const policyProblems = (kind: PolicyKind, name: string, value: Json): string[] => validateProplist(name, constraints(kind), value);

/** The stored value the management API's PUT builds: omitted priority and apply-to become 0 and "all". */
export function policyValue(pattern: unknown, def: Readonly<Record<string, unknown>>, priority: unknown, apply: unknown): Json {
  return {
    pattern: pattern as Json,
    definition: Object.fromEntries(sortedEntries(def)) as Json,
    priority: (priority ?? 0) as Json,
    "apply-to": (apply ?? "all") as Json,
  };
}

/** Stored policies were validated, so this only fails for values stored some other way. */
function compiles(pattern: string): RegExp | undefined {
  try {
    return compileRegex(pattern);
  } catch {
    return undefined;
  }
}

const parsed = new WeakMap<object, Policy>();

/** The policy a stored value describes; compiled once per stored value. */
export function toPolicy(name: string, value: Json): Policy {
  const v = isObject(value) ? value : {};
  const hit = parsed.get(v);
  if (hit !== undefined && hit.name === name) return hit;
  const pattern = typeof v.pattern === "string" ? v.pattern : "";
  const p: Policy = {
    name,
    pattern,
    applyTo: v["apply-to"],
    definition: isObject(v.definition) ? v.definition : {},
    // RabbitMQ ranks by any number, 1.5 and 2^64 included
    priority: numberOf(v.priority) ?? 0,
    regex: compiles(pattern),
  };
  parsed.set(v, p);
  return p;
}

/** A policy as the management API lists it. */
export function policyItem(vhost: string, name: string, value: Json): Record<string, unknown> {
  const v = isObject(value) ? value : {};
  return { vhost, name, pattern: v.pattern ?? null, "apply-to": v["apply-to"] ?? null, definition: v.definition ?? null, priority: v.priority ?? null };
}
