import { qualifyNode } from "../../../api/target.js";
import { arity } from "../common.js";
import { nodeOperation, replyOutput, type ExtensionReply } from "../nodes/_extension.js";
import type { Command } from "../../types.js";

export const update_cluster_nodes: Command<ExtensionReply> = {
  name: "update_cluster_nodes",
  section: "cluster",
  description: "Makes a stopped member refresh its list of cluster members from <seed_node>",
  usage: "update_cluster_nodes <seed_node>",
  usageAdditional: [["<seed_node>", "the cluster member to copy the membership list from"]],
  docGuides: ["https://rabbitmq.com/clustering.html"],
  extension: "update_cluster_nodes",
  notes: "Needs warren's `update_cluster_nodes` extension. Request {\"seed_node\": \"<node, qualified like -n>\"}; reply per the shared contract.",
  validate: (args) => arity(args, 1),
  banner: (args, opts) => `Will seed ${opts.node} from ${args[0]!} on next start`,
  run: (args, opts, ctx) => nodeOperation(ctx, "update_cluster_nodes", { seed_node: qualifyNode(args[0]!, opts.longnames) }),
  output: replyOutput,
};
