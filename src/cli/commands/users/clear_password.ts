import type { Command } from "../../types.js";
import { arity } from "../common.js";
import { getUser, noSuchUserTerm, putUser } from "./_user.js";

export const clear_password: Command<void> = {
  name: "clear_password",
  section: "users",
  description: "Removes a user's password so that the user can no longer log in with one",
  usage: "clear_password <username>",
  usageAdditional: [["<username>", "the user whose password is removed"]],
  docGuides: ["https://rabbitmq.com/access-control.html"],
  notes: "The user is rewritten whole (PUT): tags with non-Latin-1 characters or surrounding spaces do not survive the management API.",
  validate: (args) => arity(args, 1),
  banner: ([name = ""]) => `Clearing password for user "${name}" ...`,
  run: async ([name = ""], _opts, ctx) => {
    const user = await getUser(ctx, name);
    if (!user) throw noSuchUserTerm(name);
    await putUser(ctx, user, { password_hash: "" });
  },
};
