import { p } from "../../../api/client.js";
import type { Command } from "../../types.js";
import { arity, isNotFound } from "../common.js";
import { noSuchUser } from "./_user.js";

export const delete_user: Command<void> = {
  name: "delete_user",
  section: "users",
  description: "Removes a user from the internal database (users of external backends such as LDAP are untouched)",
  usage: "delete_user <username>",
  usageAdditional: [["<username>", "the user to remove"]],
  docGuides: ["https://rabbitmq.com/access-control.html"],
  validate: (args) => arity(args, 1),
  banner: ([name = ""]) => `Deleting user "${name}" ...`,
  run: async ([name = ""], opts, ctx) => {
    if (name === "") throw noSuchUser(opts, name);
    try {
      await ctx.api.delete(p`/api/users/${name}`);
    } catch (e) {
      throw isNotFound(e) ? noSuchUser(opts, name) : e;
    }
  },
};
