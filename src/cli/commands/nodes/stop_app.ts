import { arity } from "../common.js";
import { nodeOperation, replyOutput, type ExtensionReply } from "./_extension.js";
import type { Command } from "../../types.js";

export const stop_app: Command<ExtensionReply> = {
  name: "stop_app",
  section: "nodes",
  description: "Stops the broker application but keeps the node's runtime up",
  usage: "stop_app",
  extension: "stop_app",
  notes: "Needs warren's `stop_app` extension. Request {}; reply per the shared contract. The node must keep serving its extension endpoints while the application is stopped, so that start_app can reach it.",
  validate: (args) => arity(args, 0),
  banner: (_args, opts) => `Stopping rabbit application on node ${opts.node} ...`,
  run: (_args, _opts, ctx) => nodeOperation(ctx, "stop_app"),
  output: replyOutput,
};
