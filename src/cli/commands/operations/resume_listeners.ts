import { arity } from "../common.js";
import { nodeOperation, replyOutput, type ExtensionReply } from "../nodes/_extension.js";
import type { Command } from "../../types.js";

export const resume_listeners: Command<ExtensionReply> = {
  name: "resume_listeners",
  section: "operations",
  description: "Lets the node's client listeners accept new connections again",
  usage: "resume_listeners",
  docGuides: ["https://rabbitmq.com/upgrade.html"],
  extension: "resume_listeners",
  notes: "Needs warren's `resume_listeners` extension. Request {}; reply per the shared contract ({\"result\":\"ok\"}).",
  validate: (args) => arity(args, 0),
  banner: (_args, opts) => `Will resume client connection listeners on node ${opts.node}. The node will now accept client connections`,
  run: (_args, _opts, ctx) => nodeOperation(ctx, "resume_listeners"),
  output: replyOutput,
};
