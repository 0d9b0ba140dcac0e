import type { Command } from "../../types.js";
import { arity, vhostOf, withDefaultVhost } from "../common.js";
import type { RawJson } from "../parameters/_raw-json.js";
import { listPolicies, policyRows } from "./_policy.js";

export const list_policies: Command<RawJson[]> = {
  name: "list_policies",
  section: "policies",
  description: "Shows the policies of a virtual host",
  usage: "list_policies [--vhost <vhost>] [--no-table-headers] [--timeout <timeout>]",
  docGuides: ["https://rabbitmq.com/parameters.html"],
  formatter: "table",
  mergeDefaults: withDefaultVhost,
  validate: (args) => arity(args, 0),
  banner: (_args, opts) => `Listing policies for vhost "${vhostOf(opts)}" ...`,
  run: (_args, opts, ctx) => listPolicies(ctx.api, "policies", opts),
  output: policyRows,
};
