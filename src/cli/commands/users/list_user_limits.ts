import type { Command, CommandOutput, Opts, Row } from "../../types.js";
import { arity, compactJson } from "../common.js";
import { getUser, noSuchUserTerm, sentence } from "./_user.js";

interface Limits { user: string; value: Record<string, unknown> }
type Result = { global: true; all: Limits[] } | { global: false; limits: Record<string, unknown> };

const userOf = (opts: Opts): string => (typeof opts.user === "string" ? opts.user : "guest");

export const list_user_limits: Command<Result> = {
  name: "list_user_limits",
  section: "users",
  description: "Shows the limits set on one user (guest unless --user is given) or on all users",
  usage: "list_user_limits [--user <username>] [--global]",
  usageAdditional: [
    ["--user", "the user whose limits to show (default guest)"],
    ["--global", "show the limits of every user that has some"],
  ],
  docGuides: ["https://rabbitmq.com/access-control.html"],
  formatter: "table",
  switches: [
    { name: "user", type: "string", description: "the user whose limits to show" },
    { name: "global", type: "boolean", description: "show the limits of all users" },
  ],
  validate: (args) => arity(args, 0),
  banner: (_args, opts) => (opts.global === true ? "Listing limits for all users ..." : `Listing limits for user "${userOf(opts)}" ...`),
  run: async (_args, opts, ctx): Promise<Result> => {
    if (opts.global === true) return { global: true, all: await ctx.api.get<Limits[]>("/api/user-limits") };
    const name = userOf(opts);
    const user = await getUser(ctx, name);
    if (!user) throw noSuchUserTerm(name);
    return { global: false, limits: user.limits ?? {} };
  },
  // one user's limits are a JSON sentence; --global lists rows (a plain list: empty prints an empty line)
  output: (r, opts): CommandOutput => {
    if (!r.global) return sentence(compactJson(r.limits), opts);
    return { kind: "rows", columns: ["user", "limits"], rows: r.all.map((l): Row => [l.user, compactJson(l.value)]), stream: false };
  },
};
