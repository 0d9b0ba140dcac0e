import { VHOST_CHECKED_FIRST } from "../parameters/_params.js";
import type { Command } from "../../types.js";
import { arity, vhostOf, withDefaultVhost } from "../common.js";
import { POLICY_SWITCHES, priorityOf, setPolicy } from "./_policy.js";

export const set_operator_policy: Command<void> = {
  name: "set_operator_policy",
  section: "policies",
  description: "Creates or replaces an operator policy, whose limits override those of user policies",
  usage: "set_operator_policy [--vhost <vhost>] [--priority <priority>] [--apply-to <apply-to>] <name> <pattern> <definition>",
  usageAdditional: [
    ["<name>", "the operator policy's name"],
    ["<pattern>", "regular expression matched against queue and exchange names"],
    ["<definition>", "the limits to enforce, as a JSON object"],
    ["--priority <priority>", "when several operator policies match, the highest priority wins"],
    ["--apply-to <queues | exchanges | all>", "which kind of object the operator policy may match"],
  ],
  notes: VHOST_CHECKED_FIRST,
  docGuides: ["https://rabbitmq.com/parameters.html"],
  switches: POLICY_SWITCHES,
  mergeDefaults: withDefaultVhost,
  validate: (args) => arity(args, 3),
  banner: ([name, pattern, definition], opts) =>
    `Setting operator policy override "${name}" for pattern "${pattern}" to "${definition}" with priority "${priorityOf(opts)}" for vhost "${vhostOf(opts)}" ...`,
  run: (args, opts, ctx) => setPolicy(ctx.api, "operator-policies", args, opts),
};
