import type { Command } from "../../types.js";
import { arity, vhostOf, withDefaultVhost } from "../common.js";
import type { RawJson } from "../parameters/_raw-json.js";
import { listPolicies, policyRows } from "./_policy.js";

export const list_operator_policies: Command<RawJson[]> = {
  name: "list_operator_policies",
  section: "policies",
  description: "Shows the operator policies of a virtual host",
  usage: "list_operator_policies [--vhost <vhost>] [--no-table-headers] [--timeout <timeout>]",
  docGuides: ["https://rabbitmq.com/parameters.html"],
  formatter: "table",
  mergeDefaults: withDefaultVhost,
  validate: (args) => arity(args, 0),
  banner: (_args, opts) => `Listing operator policy overrides for vhost "${vhostOf(opts)}" ...`,
  run: (_args, opts, ctx) => listPolicies(ctx.api, "operator-policies", opts),
  output: policyRows,
};
