import type { Command } from "../../types.js";
import { arity, vhostOf, withDefaultVhost } from "../common.js";
import { clearPolicy } from "./_policy.js";

export const clear_operator_policy: Command<void> = {
  name: "clear_operator_policy",
  section: "policies",
  description: "Removes an operator policy from a virtual host",
  usage: "clear_operator_policy [--vhost <vhost>] <name>",
  usageAdditional: [["<name>", "the operator policy to remove"]],
  docGuides: ["https://rabbitmq.com/parameters.html"],
  mergeDefaults: withDefaultVhost,
  validate: (args) => arity(args, 1),
  banner: ([name], opts) => `Clearing operator policy "${name}" on vhost "${vhostOf(opts)}" ...`,
  run: ([name], opts, ctx) => clearPolicy(ctx.api, "operator-policies", name!, opts),
};
