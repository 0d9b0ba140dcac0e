import { UsageError } from "../../errors.js";
import { ExitCode } from "../../exit-codes.js";
import { nodeOperation, replyOutput, type ExtensionReply } from "../nodes/_extension.js";
import type { Command } from "../../types.js";

const TYPES: Record<string, string> = { disc: "disc", disk: "disc", ram: "ram" };

export const change_cluster_node_type: Command<ExtensionReply> = {
  name: "change_cluster_node_type",
  section: "cluster",
  description: "Switches a stopped node between disc and RAM membership",
  usage: "change_cluster_node_type <disc | ram>",
  usageAdditional: [["<disc | ram>", "the membership type the node should have"]],
  docGuides: ["https://rabbitmq.com/clustering.html"],
  extension: "change_cluster_node_type",
  notes: "Needs warren's `change_cluster_node_type` extension. Request {\"node_type\": \"disc\" | \"ram\"} (disk is sent as disc); reply per the shared contract, with message \"Node type is already <type>\" when nothing changes.",
  validate(args) {
    if (args.length === 0) return "not enough arguments.";
    if (args.length > 1) return "too many arguments.";
    return TYPES[args[0]!] ? undefined : new UsageError("Bad argument: The node type must be either disc or ram.", ExitCode.dataErr);
  },
  banner: (args, opts) => `Turning ${opts.node} into a ${args[0]!} node`,
  run: (args, _opts, ctx) => nodeOperation(ctx, "change_cluster_node_type", { node_type: TYPES[args[0]!] }),
  output: replyOutput,
};
