import { p } from "../../../api/client.js";
import { ApiError } from "../../../api/errors.js";
import { CommandError } from "../../errors.js";
import { ExitCode } from "../../exit-codes.js";
import type { Command } from "../../types.js";
import { arity, isNotFound, vhostOf, withDefaultVhost } from "../common.js";
import { parameterMissing } from "./_params.js";
import { exString } from "./_raw-json.js";

export const clear_parameter: Command<void> = {
  name: "clear_parameter",
  section: "parameters",
  description: "Removes a runtime parameter of a plugin component from a virtual host",
  usage: "clear_parameter [--vhost <vhost>] <component_name> <name>",
  usageAdditional: [
    ["<component_name>", "the component the parameter belongs to"],
    ["<name>", "name of the parameter to remove"],
  ],
  docGuides: ["https://rabbitmq.com/parameters.html"],
  mergeDefaults: withDefaultVhost,
  validate: (args) => arity(args, 2),
  banner: ([component, name], opts) => `Clearing runtime parameter "${name}" for component "${component}" on vhost "${vhostOf(opts)}" ...`,
  async run([component, name], opts, ctx) {
    const vhost = vhostOf(opts);
    if (component === "policy") throw new CommandError(ExitCode.unavailable, "policies may not be cleared using this method");
    if (name === "" || vhost === "") throw parameterMissing();
    await ctx.api.delete(p`/api/parameters/${component!}/${vhost}/${name!}`).catch((e: unknown) => {
      if (isNotFound(e)) throw parameterMissing();
      // the node removes such a vhost-limits parameter, then crashes notifying about it
      if (e instanceof ApiError && e.status === 500 && component === "vhost-limits") {
        throw new CommandError(
          ExitCode.unavailable,
          `{:function_clause, [{:rabbit_vhost_limit, :notify_clear, [${exString(vhost)}, "vhost-limits", ${exString(name!)}, "rmq-cli"], [file: 'rabbit_vhost_limit.erl', line: 46]}, {:rabbit_runtime_parameters, :clear, 4, []}]}`,
        );
      }
      throw e;
    });
  },
};
