import { arity } from "../common.js";
import { nodeOperation, replyOutput, type ExtensionReply } from "../nodes/_extension.js";
import type { Command } from "../../types.js";

export const force_reset: Command<ExtensionReply> = {
  name: "force_reset",
  section: "cluster",
  description: "Wipes a stopped node's data and membership unconditionally",
  usage: "force_reset",
  docGuides: ["https://rabbitmq.com/clustering.html"],
  extension: "force_reset",
  notes: "Needs warren's `force_reset` extension. Request {}; reply per the shared contract (a running broker answers exit_code 70 with rabbitmqctl's \"Mnesia is still running\" text).",
  validate: (args) => arity(args, 0),
  banner: (_args, opts) => `Forcefully resetting node ${opts.node} ...`,
  run: (_args, _opts, ctx) => nodeOperation(ctx, "force_reset"),
  output: replyOutput,
};
