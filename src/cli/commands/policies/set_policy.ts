import { VHOST_CHECKED_FIRST } from "../parameters/_params.js";
import type { Command } from "../../types.js";
import { arity, vhostOf, withDefaultVhost } from "../common.js";
import { POLICY_SWITCHES, priorityOf, setPolicy } from "./_policy.js";

export const set_policy: Command<void> = {
  name: "set_policy",
  section: "policies",
  description: "Creates or replaces a policy: a definition applied to the queues and/or exchanges whose names match a pattern",
  usage: "set_policy [--vhost <vhost>] [--priority <priority>] [--apply-to <apply-to>] <name> <pattern> <definition>",
  usageAdditional: [
    ["<name>", "the policy's name"],
    ["<pattern>", "regular expression matched against queue and exchange names"],
    ["<definition>", "the policy's keys and values, as a JSON object"],
    ["--priority <priority>", "when several policies match, the highest priority wins"],
    ["--apply-to <queues | exchanges | all>", "which kind of object the policy may match"],
  ],
  notes: VHOST_CHECKED_FIRST,
  docGuides: ["https://rabbitmq.com/parameters.html"],
  switches: POLICY_SWITCHES,
  mergeDefaults: withDefaultVhost,
  validate: (args) => arity(args, 3),
  banner: ([name, pattern, definition], opts) =>
    `Setting policy "${name}" for pattern "${pattern}" to "${definition}" with priority "${priorityOf(opts)}" for vhost "${vhostOf(opts)}" ...`,
  run: (args, opts, ctx) => setPolicy(ctx.api, "policies", args, opts),
};
