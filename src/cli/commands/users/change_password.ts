import { CommandError } from "../../errors.js";
import { ExitCode } from "../../exit-codes.js";
import type { Command } from "../../types.js";
import { arity } from "../common.js";
import { getUser, NO_PASSWORD, noSuchUser, passwordFromStdin, putUser } from "./_user.js";

export const change_password: Command<void> = {
  name: "change_password",
  section: "users",
  description: "Sets a new password for a user",
  usage: "change_password <username> <password>",
  usageAdditional: [
    ["<username>", "the user whose password changes"],
    ["<password>", "the new password; read from standard input when left out"],
  ],
  docGuides: ["https://rabbitmq.com/access-control.html"],
  secretArgs: [1],
  notes: "The user is rewritten whole (PUT): tags with non-Latin-1 characters or surrounding spaces do not survive the management API.",
  validate: (args) => arity(args, 1, 2),
  banner: ([name = ""]) => `Changing password for user "${name}" ...`,
  run: async ([name = "", given], opts, ctx) => {
    const password = given ?? (await passwordFromStdin(opts, ctx));
    if (password === undefined) throw new CommandError(ExitCode.software, NO_PASSWORD);
    const user = await getUser(ctx, name);
    if (!user) throw noSuchUser(opts, name);
    await putUser(ctx, user, { password });
  },
};
