import { p } from "../../../api/client.js";
import type { Command } from "../../types.js";
import { arity } from "../common.js";
import { jsonArgument, setFailure, unaddressable } from "./_params.js";

export const set_global_parameter: Command<void> = {
  name: "set_global_parameter",
  section: "parameters",
  description: "Stores a cluster-wide runtime parameter under a name, as a JSON value",
  usage: "set_global_parameter <name> <value>",
  usageAdditional: [
    ["<name>", "name the parameter is stored under"],
    ["<value>", "the value, written as JSON"],
  ],
  docGuides: ["https://rabbitmq.com/parameters.html"],
  validate: (args) => arity(args, 2),
  banner: ([name, value]) => `Setting global runtime parameter "${name}" to "${value}" ...`,
  async run([name, value], _opts, ctx) {
    const raw = jsonArgument(value!).raw;
    if (name === "") throw unaddressable("global parameter");
    // the user's JSON text goes out untouched, so the node decodes exactly what rabbitmqctl would send it
    await ctx.api.request("PUT", p`/api/global-parameters/${name!}`, { json: `{"value":${raw}}` }).catch((e: unknown) => {
      throw setFailure(e, "");
    });
  },
};
