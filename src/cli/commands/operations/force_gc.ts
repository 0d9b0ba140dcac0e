import { arity } from "../common.js";
import { nodeOperation, replyOutput, type ExtensionReply } from "../nodes/_extension.js";
import type { Command } from "../../types.js";

export const force_gc: Command<ExtensionReply> = {
  name: "force_gc",
  section: "operations",
  description: "Asks the node to run a full garbage collection in every process",
  usage: "force_gc [--timeout <timeout>]",
  docGuides: ["https://rabbitmq.com/memory-use.html"],
  extension: "force_gc",
  notes: "Needs warren's `force_gc` extension. Request {}; reply per the shared contract ({\"result\":\"ok\"}).",
  validate: (args) => arity(args, 0),
  banner: (_args, opts) => `Will ask all processes on node ${opts.node} to schedule a full sweep GC`,
  run: (_args, _opts, ctx) => nodeOperation(ctx, "force_gc"),
  output: replyOutput,
};
