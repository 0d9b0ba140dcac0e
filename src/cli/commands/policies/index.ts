// The commands of rabbitmqctl's "policies" help section.
import type { AnyCommand } from "../../types.js";
import { clear_operator_policy } from "./clear_operator_policy.js";
import { clear_policy } from "./clear_policy.js";
import { list_operator_policies } from "./list_operator_policies.js";
import { list_policies } from "./list_policies.js";
import { set_operator_policy } from "./set_operator_policy.js";
import { set_policy } from "./set_policy.js";

export const policiesCommands: AnyCommand[] = [
  clear_operator_policy,
  clear_policy,
  list_operator_policies,
  list_policies,
  set_operator_policy,
  set_policy,
];
