import { p } from "../../../api/client.js";
import { arity } from "../common.js";
import type { Command } from "../../types.js";
import { reasonHeader } from "./_close.js";

export const close_all_user_connections: Command<void> = {
  name: "close_all_user_connections",
  section: "operations",
  description: "Closes every client connection a user has open",
  usage: "close_all_user_connections <username> <explanation>",
  usageAdditional: [
    ["<username>", "the user whose connections are closed"],
    ["<explanation>", "the reason the clients are told (and the node logs)"],
  ],
  docGuides: ["https://rabbitmq.com/connections.html"],
  notes: "DELETE /api/connections/username/<username> with the explanation in X-Reason.",
  validate: (args) => arity(args, 2),
  banner: (args) => `Closing connections of user ${args[0]}, reason: ${args[1]}...`,
  run: async (args, _opts, ctx) => {
    await ctx.api.delete(p`/api/connections/username/${args[0]!}`, { headers: reasonHeader(args[1]!) });
  },
};
