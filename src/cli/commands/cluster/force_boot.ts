import { arity } from "../common.js";
import { nodeOperation, replyOutput, type ExtensionReply } from "../nodes/_extension.js";
import type { Command } from "../../types.js";

export const force_boot: Command<ExtensionReply> = {
  name: "force_boot",
  section: "cluster",
  description: "Makes the node boot next time without waiting for the peers it last knew",
  usage: "force_boot",
  docGuides: ["https://rabbitmq.com/clustering.html"],
  extension: "force_boot",
  notes: "Needs warren's `force_boot` extension. Request {}; reply per the shared contract. rabbitmqctl can also mark a stopped local node by writing into its data directory; over HTTP the node must be answering.",
  validate: (args) => arity(args, 0),
  run: (_args, _opts, ctx) => nodeOperation(ctx, "force_boot"),
  output: replyOutput,
};
