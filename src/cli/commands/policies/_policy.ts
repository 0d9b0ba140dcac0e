// Policies and operator policies share their HTTP shape; only the endpoint and wording differ.
import { p, type ManagementClient } from "../../../api/client.js";
import type { CommandOutput, Opts, Row } from "../../types.js";
import { isNotFound, noSuchVhost, vhostOf } from "../common.js";
import { badmap, jsonArgument, parameterMissing, setFailure, unaddressable } from "../parameters/_params.js";
import { itemsOf, member, strOf, type RawJson } from "../parameters/_raw-json.js";

export type PolicyKind = "policies" | "operator-policies";

export const POLICY_SWITCHES = [
  { name: "priority", type: "integer" as const, description: "priority among policies matching the same object (default 0)" },
  { name: "apply-to", type: "string" as const, description: "queues, exchanges or all (default all)" },
];

export const priorityOf = (opts: Opts): number => (typeof opts.priority === "number" ? opts.priority : 0);
const applyToOf = (opts: Opts): string => (typeof opts["apply-to"] === "string" ? opts["apply-to"] : "all");

/** PUT the policy with the user's definition text untouched, as rabbitmqctl hands it to the node. */
export async function setPolicy(api: ManagementClient, kind: PolicyKind, args: string[], opts: Opts): Promise<void> {
  const [name, pattern, definition] = args as [string, string, string];
  const vhost = vhostOf(opts);
  const def = jsonArgument(definition);
  if (def.t !== "obj") {
    const caller = kind === "policies" ? "parse_set" : "parse_set_op";
    throw badmap(def, `{:rabbit_policy, :parse_set0, 8, [file: 'rabbit_policy.erl', line: 329]}, {:rabbit_policy, :${caller}, 7, []}`);
  }
  if (name === "") throw unaddressable(kind === "policies" ? "policy" : "operator policy");
  const body = `{"pattern":${JSON.stringify(pattern)},"definition":${def.raw},"priority":${priorityOf(opts)},"apply-to":${JSON.stringify(applyToOf(opts))}}`;
  await api.request("PUT", p`/api/${kind}/${vhost}/${name}`, { json: body }).catch((e: unknown) => {
    throw setFailure(e, vhost);
  });
}

export async function clearPolicy(api: ManagementClient, kind: PolicyKind, name: string, opts: Opts): Promise<void> {
  const vhost = vhostOf(opts);
  if (name === "" || vhost === "") throw parameterMissing();
  await api.delete(p`/api/${kind}/${vhost}/${name}`).catch((e: unknown) => {
    throw isNotFound(e) ? parameterMissing() : e;
  });
}

export async function listPolicies(api: ManagementClient, kind: PolicyKind, opts: Opts): Promise<RawJson[]> {
  const vhost = vhostOf(opts);
  if (vhost === "") throw noSuchVhost(vhost);
  const res = await api.request("GET", p`/api/${kind}/${vhost}`).catch((e: unknown) => {
    throw isNotFound(e) ? noSuchVhost(vhost) : e;
  });
  return itemsOf(res.text);
}

const num = (n: RawJson | undefined): number => (n?.t === "num" ? Number(n.raw) : 0);

export const policyRows = (items: RawJson[]): CommandOutput => ({
  kind: "rows",
  columns: ["vhost", "name", "pattern", "apply-to", "definition", "priority"],
  // the definition is printed as the node encoded it
  rows: items.map((it): Row => [strOf(it, "vhost"), strOf(it, "name"), strOf(it, "pattern"), strOf(it, "apply-to"), member(it, "definition")?.raw ?? "{}", num(member(it, "priority"))]),
  stream: false,
});
