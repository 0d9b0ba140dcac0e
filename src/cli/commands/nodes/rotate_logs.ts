import { arity } from "../common.js";
import { nodeOperation, replyOutput, type ExtensionReply } from "./_extension.js";
import type { Command } from "../../types.js";

export const rotate_logs: Command<ExtensionReply> = {
  name: "rotate_logs",
  section: "nodes",
  description: "Kept for compatibility; rotating logs is left to the node (deprecated)",
  usage: "rotate_logs",
  docGuides: ["https://rabbitmq.com/logging.html"],
  extension: "rotate_logs",
  notes: "Needs warren's `rotate_logs` extension. Request {}; reply per the shared contract (RabbitMQ 3.10 itself only answers exit 69 \"This command does not rotate logs anymore [deprecated]\").",
  validate: (args) => arity(args, 0),
  run: (_args, _opts, ctx) => nodeOperation(ctx, "rotate_logs"),
  output: replyOutput,
};
