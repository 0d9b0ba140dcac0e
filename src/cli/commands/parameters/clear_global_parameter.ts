import { p } from "../../../api/client.js";
import type { Command } from "../../types.js";
import { arity, isNotFound } from "../common.js";
import { parameterMissing } from "./_params.js";

export const clear_global_parameter: Command<void> = {
  name: "clear_global_parameter",
  section: "parameters",
  description: "Removes a cluster-wide runtime parameter",
  usage: "clear_global_parameter <name>",
  usageAdditional: [["<name>", "name of the parameter to remove"]],
  docGuides: ["https://rabbitmq.com/parameters.html"],
  validate: (args) => arity(args, 1),
  banner: ([name]) => `Clearing global runtime parameter "${name}" ...`,
  async run([name], _opts, ctx) {
    if (name === "") throw parameterMissing();
    await ctx.api.delete(p`/api/global-parameters/${name!}`).catch((e: unknown) => {
      throw isNotFound(e) ? parameterMissing() : e;
    });
  },
};
