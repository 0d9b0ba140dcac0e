// The runtime-parameter components a broker without plugins knows, and RabbitMQ's set/clear flow over them.
import { jsonText } from "../json/json-text.js";
import { reapplyPolicies } from "../policy/apply.js";
import { type PolicyKind, policyProblems } from "../policy/policy.js";
import type { Vhost } from "../vhost/vhost.js";
import type { Json } from "./json.js";
import { type Constraint, isInteger, NodeCrash, validateProplist, validationFailed } from "./validation.js";

/** A refused change, with RabbitMQ's text for it: a validation report or a plain refusal. */
export class ParameterRejected extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = "ParameterRejected";
  }
}

interface Component {
  /** Problems with the value, worded as RabbitMQ words them; empty when it is valid. */
  validate(name: string, value: Json): string[];
  /** Reacts to a stored change; RabbitMQ's node can crash here after storing, which NodeCrash reproduces. */
  changed(vhost: Vhost, name: string): void;
  cleared(vhost: Vhost, name: string): void;
}

const LIMIT_CONSTRAINTS: readonly Constraint[] = [
  { key: "max-connections", check: isInteger, mandatory: false },
  { key: "max-queues", check: isInteger, mandatory: false },
];

/** vhost-limits only handles the parameter named "limits"; RabbitMQ's node crashes notifying about any other, after storing it. */
function onlyLimits(_vhost: Vhost, name: string): void {
  if (name !== "limits") throw new NodeCrash(`a vhost-limits parameter named "${name}"`);
}

const policyComponent = (kind: PolicyKind): Component => ({
  validate: (name, value) => policyProblems(kind, name, value),
  changed: reapplyPolicies,
  cleared: reapplyPolicies,
});

const COMPONENTS: ReadonlyMap<string, Component> = new Map<string, Component>([
  ["policy", policyComponent("policy")],
  ["operator_policy", policyComponent("operator_policy")],
  ["vhost-limits", { validate: (name, value) => validateProplist(name, LIMIT_CONSTRAINTS, value), changed: onlyLimits, cleared: onlyLimits }],
]);

/** Validates and stores a value, telling its component when it changed (RabbitMQ's set_any). */
export function setAny(vhost: Vhost, component: string, name: string, value: Json): void {
  const c = COMPONENTS.get(component);
  if (c === undefined) throw new ParameterRejected(validationFailed([`component ${component} not found`]));
  const problems = c.validate(name, value);
  if (problems.length > 0) throw new ParameterRejected(validationFailed(problems));
  const old = vhost.parameters.put(component, name, value);
  if (old === undefined || jsonText(old) !== jsonText(value)) c.changed(vhost, name);
}

/** A change through the parameters API, which refuses to touch policies. */
export function setParameter(vhost: Vhost, component: string, name: string, value: Json): void {
  if (component === "policy") throw new ParameterRejected("policies may not be set using this method");
  setAny(vhost, component, name, value);
}

/** Removes a value and tells its component; false when there was none. */
export function clearAny(vhost: Vhost, component: string, name: string): boolean {
  if (!vhost.parameters.delete(component, name)) return false;
  COMPONENTS.get(component)?.cleared(vhost, name);
  return true;
}
