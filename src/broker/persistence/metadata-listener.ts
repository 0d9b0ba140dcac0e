// The one hook between the broker's domain objects and whatever persists them (src/broker/persistence).
import type { MetadataKind } from "../store/index.js";

/**
 * Told that the definition named by `parts` (a vhost and queue name, a user, ...) may have changed. It carries no
 * value: the listener reads the current state itself, so a call may come before or after the change, and several
 * calls in one turn cost one write.
 */
export type MetadataListener = (kind: MetadataKind, ...parts: string[]) => void;

/** Which kind a vhost's runtime parameter persists as: policies, operator policies and limits are parameters of their own components. */
export function parameterKind(component: string): MetadataKind {
  if (component === "policy") return "policy";
  if (component === "operator_policy") return "operatorPolicy";
  if (component === "vhost-limits") return "vhostLimits";
  return "parameter";
}
