import { arity } from "../common.js";
import { nodeOperation, replyOutput, type ExtensionReply } from "../nodes/_extension.js";
import type { Command } from "../../types.js";

export const forget_cluster_node: Command<ExtensionReply> = {
  name: "forget_cluster_node",
  section: "cluster",
  description: "Removes a member from the cluster the target node belongs to",
  usage: "forget_cluster_node [--offline] <existing_cluster_member_node>",
  usageAdditional: [["--offline", "change the membership data of a stopped local node directly"]],
  docGuides: ["https://rabbitmq.com/clustering.html", "https://rabbitmq.com/cluster-formation.html"],
  switches: [{ name: "offline", type: "boolean", description: "change the membership data of a stopped local node directly" }],
  extension: "forget_cluster_node",
  notes: "Needs warren's `forget_cluster_node` extension. Request {\"node\": \"<member>\", \"offline\": bool}; reply per the shared contract. Over HTTP the target node must be answering, also with --offline.",
  validate: (args) => arity(args, 1),
  banner: (args, opts) => opts.offline === true
    ? `Removing node ${args[0]!} from the cluster. Warning: quorum queues cannot be shrunk in offline mode`
    : `Removing node ${args[0]!} from the cluster`,
  run: (args, opts, ctx) => nodeOperation(ctx, "forget_cluster_node", { node: args[0], offline: opts.offline === true }),
  output: replyOutput,
};
