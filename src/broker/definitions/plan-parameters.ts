// Planning global parameters, policies and runtime parameters. Values are validated by the components themselves,
// on a scratch vhost, so the texts are exactly those of PUT /api/policies and /api/parameters; the import adds
// " (vhost/name)" and escapes the whole as RabbitMQ's import does.
import { ParameterRejected, setAny, setParameter } from "../parameters/components.js";
import { isObject, type Json, sortedEntries, storedValue } from "../parameters/json.js";
import { escapeHtmlTags } from "../parameters/validation.js";
import { Vhost } from "../vhost/vhost.js";
import type { Expected, Plan } from "./plan.js";
import { noSuchVhost, rejected, stringRejected, textRejected } from "./rejection.js";
import { type DefinitionsFile, entriesOf, GlobalParameterEntry, parseEntry, ParameterEntry, PolicyEntry } from "./schema.js";

/** The vhost an entry goes to: the path's in the per-vhost import, else the entry's own ("undefined" when missing, as RabbitMQ prints it). */
export type VhostOf = (entryVhost: string | undefined) => string;

/** Runs the component's validation where it can change nothing that matters; its refusal becomes the import's. */
function validated(set: (scratch: Vhost) => void, where: string): void {
  try {
    set(new Vhost("definitions-validation"));
  } catch (e) {
    if (e instanceof ParameterRejected) throw textRejected(escapeHtmlTags(`${e.reason} (${where})`));
    throw e;
  }
}

export function planGlobalParameters(file: DefinitionsFile, plan: Plan): void {
  for (const [i, raw] of entriesOf(file, "global_parameters")) {
    const p = parseEntry(GlobalParameterEntry, "global_parameters", i, raw);
    if (!("value" in raw)) throw rejected(`global_parameters.${i}.value: Invalid input: expected a value, received undefined`);
    plan.globalParameters.push({ name: p.name, value: storedValue(p.value) });
  }
}

/** rabbit_policy:set's value: the definition as a property list (keys sorted), priority 0 and apply-to "all" when absent. */
function policyValue(p: { pattern?: unknown; definition?: unknown; priority?: unknown; "apply-to"?: unknown }): Json {
  const definition = isObject(p.definition) ? Object.fromEntries(sortedEntries(p.definition)) : p.definition;
  return { pattern: p.pattern, definition, priority: p.priority ?? 0, "apply-to": p["apply-to"] ?? "all" } as unknown as Json;
}

export function planPolicies(file: DefinitionsFile, world: Expected, plan: Plan, vhostOf: VhostOf): void {
  for (const [i, raw] of entriesOf(file, "policies")) {
    const p = parseEntry(PolicyEntry, "policies", i, raw);
    const vhost = vhostOf(p.vhost);
    if (p.name === undefined) throw stringRejected(`policy in virtual host '${vhost}' has undefined name`);
    const name = p.name;
    const value = policyValue(p);
    validated((scratch) => setAny(scratch, "policy", name, value), `${vhost}/${name}`);
    if (!world.hasVhost(vhost)) throw noSuchVhost(vhost);
    plan.policies.push({ vhost, component: "policy", name, value });
  }
}

export function planParameters(file: DefinitionsFile, world: Expected, plan: Plan, vhostOf: VhostOf): void {
  for (const [i, raw] of entriesOf(file, "parameters")) {
    const p = parseEntry(ParameterEntry, "parameters", i, raw);
    const vhost = vhostOf(p.vhost);
    // an object value is stored as a property list (so {} becomes []), anything else as it is
    const value = storedValue(p.value);
    validated((scratch) => setParameter(scratch, p.component, p.name, value), `${vhost}/${p.component}/${p.name}`);
    if (!world.hasVhost(vhost)) throw noSuchVhost(vhost);
    plan.parameters.push({ vhost, component: p.component, name: p.name, value });
  }
}
