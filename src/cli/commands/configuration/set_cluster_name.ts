import { arity } from "../common.js";
import type { Command } from "../../types.js";

export const set_cluster_name: Command<void> = {
  name: "set_cluster_name",
  section: "configuration",
  description: "Gives the cluster a new name",
  usage: "set_cluster_name <name>",
  usageAdditional: [["<name>", "the name to give the cluster"]],
  docGuides: ["https://rabbitmq.com/virtual-hosts.html", "https://rabbitmq.com/access-control.html"],
  validate: (args) => arity(args, 1),
  banner: (args) => `Setting cluster name to ${args[0]} ...`,
  run: async (args, _opts, ctx) => {
    await ctx.api.put("/api/cluster-name", { name: args[0] });
  },
};
