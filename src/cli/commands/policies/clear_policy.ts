import type { Command } from "../../types.js";
import { arity, vhostOf, withDefaultVhost } from "../common.js";
import { clearPolicy } from "./_policy.js";

export const clear_policy: Command<void> = {
  name: "clear_policy",
  section: "policies",
  description: "Removes a policy from a virtual host",
  usage: "clear_policy [--vhost <vhost>] <name>",
  usageAdditional: [["<name>", "the policy to remove"]],
  docGuides: ["https://rabbitmq.com/parameters.html"],
  mergeDefaults: withDefaultVhost,
  validate: (args) => arity(args, 1),
  banner: ([name], opts) => `Clearing policy "${name}" on vhost "${vhostOf(opts)}" ...`,
  run: ([name], opts, ctx) => clearPolicy(ctx.api, "policies", name!, opts),
};
