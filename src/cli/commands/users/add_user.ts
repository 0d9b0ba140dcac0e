import { p } from "../../../api/client.js";
import { CommandError, UsageError } from "../../errors.js";
import { ExitCode } from "../../exit-codes.js";
import type { Command, Opts } from "../../types.js";
import { arity } from "../common.js";
import { getUser, jsonFailure, NO_PASSWORD, passwordFromStdin } from "./_user.js";

// the hint names the program as it was invoked (rabbitmqctl's own text when run under that name)
const done = (prog: string): string => `Done. Don't forget to grant the user permissions to some virtual hosts! See '${prog} help set_permissions' to learn more.`;

const exists = (opts: Opts, name: string): CommandError =>
  opts.formatter === "json" ? jsonFailure(opts, `User ${name} already exists`) : new CommandError(ExitCode.software, `User "${name}" already exists`);

export const add_user: Command<string> = {
  name: "add_user",
  section: "users",
  description: "Creates a user in the internal database; it starts with no permissions on any virtual host",
  usage: "add_user <username> <password>",
  usageAdditional: [
    ["<username>", "name of the new user"],
    ["<password>", "the new user's password (an empty one rules out password logins); read from standard input when left out"],
  ],
  docGuides: ["https://rabbitmq.com/access-control.html"],
  secretArgs: [1],
  notes: "The management API cannot address a user whose name is empty, so such a user cannot be created.",
  validate: (args) => {
    const problem = arity(args, 1, 2);
    if (problem) return problem;
    if (args.length === 2 && args[0] === "") return new UsageError("Bad argument: user cannot be an empty string", ExitCode.dataErr);
    return undefined;
  },
  banner: ([name = ""]) => `Adding user "${name}" ...`,
  run: async ([name = "", given], opts, ctx) => {
    const password = given ?? (await passwordFromStdin(opts, ctx));
    if (password === undefined) throw new CommandError(ExitCode.dataErr, NO_PASSWORD);
    if (name === "") throw new CommandError(ExitCode.unavailable, "The management API cannot create a user with an empty name");
    if (await getUser(ctx, name)) throw exists(opts, name);
    await ctx.api.put(p`/api/users/${name}`, { password, tags: [] });
    return done(ctx.prog ?? "rabbitmqctl");
  },
  // the reminder is dropped by -q/-s, except in json, where it is the whole result
  output: (text, opts) => {
    if (opts.formatter === "json") return { kind: "message", text, json: { message: text, node: opts.node, status: "ok" } };
    if (opts.quiet || opts.silent) return { kind: "lines", lines: [] };
    return { kind: "message", text };
  },
};
