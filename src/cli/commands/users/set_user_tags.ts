import type { Command } from "../../types.js";
import { arity } from "../common.js";
import { getUser, noSuchUser, putUser } from "./_user.js";

export const set_user_tags: Command<void> = {
  name: "set_user_tags",
  section: "users",
  description: "Replaces a user's tags (administrator, management, monitoring, policymaker or any custom tag)",
  usage: "set_user_tags <username> <tag> [...]",
  usageAdditional: [
    ["<username>", "the user to tag"],
    ["<tags>", "the new tags, separated by spaces; none removes them all"],
  ],
  docGuides: ["https://rabbitmq.com/management.html", "https://rabbitmq.com/access-control.html"],
  notes: "RabbitMQ 3.10's management API trims spaces around tags and garbles tags with non-ASCII characters.",
  validate: (args) => arity(args, 1, Infinity),
  banner: ([name = "", ...tags]) => `Setting tags for user "${name}" to [${tags.join(", ")}] ...`,
  run: async ([name = "", ...tags], opts, ctx) => {
    const user = await getUser(ctx, name);
    if (!user) throw noSuchUser(opts, name);
    await putUser(ctx, user, { tags });
  },
};
