import { arity } from "../common.js";
import { nodeOperation, replyOutput, type ExtensionReply } from "../nodes/_extension.js";
import type { Command } from "../../types.js";

export const suspend_listeners: Command<ExtensionReply> = {
  name: "suspend_listeners",
  section: "operations",
  description: "Stops the node's client listeners from accepting new connections; open ones stay",
  usage: "suspend_listeners",
  docGuides: ["https://rabbitmq.com/upgrade.html"],
  extension: "suspend_listeners",
  notes: "Needs warren's `suspend_listeners` extension. Request {}; reply per the shared contract ({\"result\":\"ok\"}). The management HTTP listener must keep serving so that resume_listeners can reach the node.",
  validate: (args) => arity(args, 0),
  banner: (_args, opts) => `Will suspend client connection listeners on node ${opts.node}. The node will no longer accept client connections!`,
  run: (_args, _opts, ctx) => nodeOperation(ctx, "suspend_listeners"),
  output: replyOutput,
};
