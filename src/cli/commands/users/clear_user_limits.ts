import { p } from "../../../api/client.js";
import type { Command } from "../../types.js";
import { arity } from "../common.js";
import { ANY_TYPE, getUser, noSuchUserTerm } from "./_user.js";

export const clear_user_limits: Command<void> = {
  name: "clear_user_limits",
  section: "users",
  description: "Removes one of a user's limits, or all of them",
  usage: "clear_user_limits <username> <limit_type> | all",
  usageAdditional: [
    ["<username>", "the user whose limit goes"],
    ["<limit_type>", "max-connections or max-channels, or all"],
  ],
  docGuides: ["https://rabbitmq.com/access-control.html"],
  validate: (args) => arity(args, 2),
  banner: ([name = "", type = ""]) =>
    type === "all" ? `Clearing all limits for user "${name}" ...` : `Clearing "${type}" limit for user "${name}" ...`,
  run: async ([name = "", type = ""], _opts, ctx) => {
    const user = await getUser(ctx, name);
    if (!user) throw noSuchUserTerm(name);
    const keys = type === "all" ? Object.keys(user.limits ?? {}) : [type];
    for (const key of keys) await ctx.api.delete(p`/api/user-limits/${name}/${key}`, { headers: ANY_TYPE });
  },
};
