import { arity } from "../common.js";
import { nodeOperation, replyOutput, type ExtensionReply } from "./_extension.js";
import type { Command } from "../../types.js";

export const start_app: Command<ExtensionReply> = {
  name: "start_app",
  section: "nodes",
  description: "Starts the broker application inside an already running node",
  usage: "start_app",
  extension: "start_app",
  notes: "Needs warren's `start_app` extension. Request {}; reply per the shared contract.",
  validate: (args) => arity(args, 0),
  banner: (_args, opts) => `Starting node ${opts.node} ...`,
  run: (_args, _opts, ctx) => nodeOperation(ctx, "start_app"),
  output: replyOutput,
};
