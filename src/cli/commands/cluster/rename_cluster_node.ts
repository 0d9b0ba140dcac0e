import { UsageError } from "../../errors.js";
import { ExitCode } from "../../exit-codes.js";
import { nodeOperation, replyOutput, type ExtensionReply } from "../nodes/_extension.js";
import type { Command } from "../../types.js";

const pairs = (args: readonly string[]): [string, string][] => {
  const out: [string, string][] = [];
  for (let i = 0; i + 1 < args.length; i += 2) out.push([args[i]!, args[i + 1]!]);
  return out;
};

export const rename_cluster_node: Command<ExtensionReply> = {
  name: "rename_cluster_node",
  section: "cluster",
  description: "Rewrites node names in a stopped node's local database",
  usage: "rename_cluster_node <oldnode1> <newnode1> [oldnode2] [newnode2] ...",
  usageAdditional: [["<oldnode>", "a node's current name"], ["<newnode>", "the name it should have"]],
  docGuides: ["https://rabbitmq.com/clustering.html"],
  extension: "rename_cluster_node",
  notes: "Needs warren's `rename_cluster_node` extension. Request {\"pairs\": [[\"<old>\", \"<new>\"], ...]}; reply per the shared contract. Over HTTP the target node must be answering.",
  validate(args) {
    if (args.length < 2) return "not enough arguments.";
    return args.length % 2 === 0 ? undefined : new UsageError("Bad argument: Argument list should contain even number of nodes", ExitCode.dataErr);
  },
  // rabbitmqctl's banner: "Renaming cluster nodes: \n " then "<old> -> <new> \n" per pair
  banner: (args) => `Renaming cluster nodes: \n ${pairs(args).map(([a, b]) => `${a} -> ${b} \n`).join("")}`,
  run: (args, _opts, ctx) => nodeOperation(ctx, "rename_cluster_node", { pairs: pairs(args) }),
  output: replyOutput,
};
