import { arity } from "../common.js";
import { nodeOperation, replyOutput, type ExtensionReply } from "./_extension.js";
import type { Command } from "../../types.js";

export const reset: Command<ExtensionReply> = {
  name: "reset",
  section: "nodes",
  description: "Returns a stopped node to a blank state and takes it out of its cluster",
  usage: "reset",
  docGuides: ["https://rabbitmq.com/clustering.html"],
  extension: "reset",
  notes: "Needs warren's `reset` extension. Request {}; reply per the shared contract (a running broker answers exit_code 70 with rabbitmqctl's \"Mnesia is still running\" text).",
  validate: (args) => arity(args, 0),
  banner: (_args, opts) => `Resetting node ${opts.node} ...`,
  run: (_args, _opts, ctx) => nodeOperation(ctx, "reset"),
  output: replyOutput,
};
