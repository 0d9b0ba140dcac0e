import { p } from "../../../api/client.js";
import { ApiError } from "../../../api/errors.js";
import { CommandError } from "../../errors.js";
import { ExitCode } from "../../exit-codes.js";
import type { Command } from "../../types.js";
import { arity, vhostOf, withDefaultVhost } from "../common.js";
import { jsonArgument, setFailure, unaddressable, VHOST_CHECKED_FIRST } from "./_params.js";
import { exProplist, exString, type RawJson } from "./_raw-json.js";

/** The node stores a vhost-limits parameter not named "limits", then crashes notifying about it. */
function notifyCrash(vhost: string, name: string, value: RawJson): CommandError {
  return new CommandError(
    ExitCode.unavailable,
    `{:function_clause, [{:rabbit_vhost_limit, :notify, [${exString(vhost)}, "vhost-limits", ${exString(name)}, ${exProplist(value)}, "rmq-cli"], [file: 'rabbit_vhost_limit.erl', line: 40]}, {:rabbit_runtime_parameters, :set_any0, 5, [file: 'rabbit_runtime_parameters.erl', line: 144]}, {:rabbit_runtime_parameters, :set_any, 5, [file: 'rabbit_runtime_parameters.erl', line: 120]}, {:rabbit_runtime_parameters, :parse_set, 5, []}]}`,
  );
}

export const set_parameter: Command<void> = {
  name: "set_parameter",
  section: "parameters",
  description: "Stores a runtime parameter of a plugin component in a virtual host",
  usage: "set_parameter [--vhost <vhost>] <component_name> <name> <value>",
  usageAdditional: [
    ["<component_name>", "the component the parameter belongs to, such as federation-upstream"],
    ["<name>", "name the parameter is stored under"],
    ["<value>", "the value, written as JSON"],
  ],
  notes: VHOST_CHECKED_FIRST,
  docGuides: ["https://rabbitmq.com/parameters.html"],
  mergeDefaults: withDefaultVhost,
  validate: (args) => arity(args, 3),
  banner: ([component, name, value], opts) =>
    `Setting runtime parameter "${name}" for component "${component}" to "${value}" in vhost "${vhostOf(opts)}" ...`,
  async run([component, name, value], opts, ctx) {
    const vhost = vhostOf(opts);
    const parsed = jsonArgument(value!);
    if (name === "") throw unaddressable("runtime parameter");
    await ctx.api.request("PUT", p`/api/parameters/${component!}/${vhost}/${name!}`, { json: `{"value":${parsed.raw}}` }).catch((e: unknown) => {
      // a 500 here is the node failing after it stored the value, as rabbitmqctl reports it
      if (e instanceof ApiError && e.status === 500 && component === "vhost-limits") throw notifyCrash(vhost, name!, parsed);
      throw setFailure(e, vhost);
    });
  },
};
