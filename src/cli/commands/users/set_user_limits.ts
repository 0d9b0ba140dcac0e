import { p } from "../../../api/client.js";
import type { Command } from "../../types.js";
import { arity } from "../common.js";
import { emptyListCrash, parseUserLimits } from "./_limits.js";
import { ANY_TYPE, getUser, noSuchUserTerm } from "./_user.js";

export const set_user_limits: Command<void> = {
  name: "set_user_limits",
  section: "users",
  description: "Sets a user's connection and channel limits; limits not named keep their values",
  usage: "set_user_limits <username> <definition>",
  usageAdditional: [
    ["<username>", "the user to limit"],
    ["<definition>", "a JSON object such as {\"max-connections\": 10, \"max-channels\": 20}"],
  ],
  docGuides: ["https://rabbitmq.com/access-control.html"],
  notes: "Each limit is written with its own request, so a failure part-way can leave earlier limits set.",
  validate: (args) => arity(args, 2),
  banner: ([name = "", def = ""]) => `Setting user limits to "${def}" for user "${name}" ...`,
  run: async ([name = "", def = ""], _opts, ctx) => {
    const limits = parseUserLimits(def);
    const user = await getUser(ctx, name);
    if (!user) throw noSuchUserTerm(name);
    if (limits === "empty-list") throw emptyListCrash(user.limits ?? {});
    for (const [key, value] of limits) await ctx.api.put(p`/api/user-limits/${name}/${key}`, { value }, ANY_TYPE);
  },
};
