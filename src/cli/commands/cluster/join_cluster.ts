import { qualifyNode } from "../../../api/target.js";
import { UsageError } from "../../errors.js";
import { ExitCode } from "../../exit-codes.js";
import { arity } from "../common.js";
import { nodeOperation, replyOutput, type ExtensionReply } from "../nodes/_extension.js";
import type { Command } from "../../types.js";

export const join_cluster: Command<ExtensionReply> = {
  name: "join_cluster",
  section: "cluster",
  description: "Makes a stopped node join the cluster of an existing member",
  usage: "join_cluster [--disc|--ram] <existing_cluster_member>",
  usageAdditional: [
    ["<existing_cluster_member>", "a node of the cluster to join"],
    ["--disc", "join as a disc node, which keeps the schema on disk (the default, and the recommended type)"],
    ["--ram", "join as a RAM node, which keeps the schema in memory only (rarely a good idea; see the clustering guide)"],
  ],
  docGuides: ["https://rabbitmq.com/clustering.html", "https://rabbitmq.com/cluster-formation.html"],
  switches: [
    { name: "disc", type: "boolean", description: "join as a disc node (default)" },
    { name: "ram", type: "boolean", description: "join as a RAM node" },
  ],
  extension: "join_cluster",
  notes: "Needs warren's `join_cluster` extension. Request {\"cluster_node\": \"<member, qualified like -n>\", \"node_type\": \"disc\" | \"ram\"}; reply per the shared contract (message \"The node is already a member of this cluster\" when nothing changes).",
  validate(args, opts) {
    if (opts.disc === true && opts.ram === true) return new UsageError("Bad argument: The node type must be either disc or ram.", ExitCode.dataErr);
    return arity(args, 1);
  },
  banner: (args, opts) => `Clustering node ${opts.node} with ${args[0]!}`,
  run: (args, opts, ctx) => nodeOperation(ctx, "join_cluster", { cluster_node: qualifyNode(args[0]!, opts.longnames), node_type: opts.ram === true ? "ram" : "disc" }),
  output: replyOutput,
};
