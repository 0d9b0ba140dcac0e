// What the permission commands share: telling a missing user from a missing vhost, and the regexp error.
import { p } from "../../../api/client.js";
import { ApiError } from "../../../api/errors.js";
import { CommandError } from "../../errors.js";
import { ExitCode } from "../../exit-codes.js";
import type { CommandContext, Opts } from "../../types.js";
import { isBadRequest } from "../common.js";
import { exCharlist, exString } from "../users/_terms.js";
import { getUser, jsonFailure } from "../users/_user.js";

const noUser = (opts: Opts, user: string): CommandError =>
  opts.formatter === "json" ? jsonFailure(opts, `User ${user} does not exist`) : new CommandError(ExitCode.noUser, `User ${user} does not exist`);

const noVhost = (opts: Opts, vhost: string): CommandError =>
  opts.formatter === "json" ? jsonFailure(opts, `Virtual host ${vhost} does not exist`) : new CommandError(ExitCode.unavailable, `Virtual host ${vhost} does not exist`);

/** The API only says "vhost_or_user_not_found" (or 404); rabbitmqctl names the user first, then the vhost. */
export async function missingUserOrVhost(ctx: CommandContext, opts: Opts, user: string, vhost: string): Promise<CommandError | undefined> {
  if (!(await getUser(ctx, user))) return noUser(opts, user);
  if (vhost === "" || !(await ctx.api.find(p`/api/vhosts/${vhost}`, { columns: "name" }))) return noVhost(opts, vhost);
  return undefined;
}

const codes = (v: unknown): string =>
  typeof v === "string" ? exString(v) : Array.isArray(v) ? exCharlist(v.map(Number)) : String(v);

/** `{:invalid_regexp, '(', {'missing )', 1}}` from the API's ["invalid_regexp", pattern, [message, offset]]. */
export function invalidRegexp(e: ApiError): CommandError | undefined {
  const r = e.reason;
  if (!Array.isArray(r) || r[0] !== "invalid_regexp") return undefined;
  const [msg, offset] = Array.isArray(r[2]) ? (r[2] as unknown[]) : [r[2], undefined];
  return new CommandError(ExitCode.unavailable, `{:invalid_regexp, ${codes(r[1])}, {${codes(msg)}, ${String(offset)}}}`);
}

/** A PUT of (topic) permissions: regexp errors as the server words them, else the missing user or vhost. */
export async function putPermissions(ctx: CommandContext, opts: Opts, path: string, body: unknown, user: string, vhost: string): Promise<void> {
  try {
    if (user === "" || vhost === "") throw new ApiError("PUT", path, 400, "bad_request", "vhost_or_user_not_found");
    await ctx.api.put(path, body);
  } catch (e) {
    if (!isBadRequest(e)) throw e;
    const failure = invalidRegexp(e) ?? (await missingUserOrVhost(ctx, opts, user, vhost));
    throw failure ?? e;
  }
}

/** A DELETE that is a no-op when nothing was set, but fails for a missing user or vhost. */
export async function deletePermissions(ctx: CommandContext, opts: Opts, path: string, user: string, vhost: string): Promise<void> {
  try {
    if (user === "" || vhost === "") throw new ApiError("DELETE", path, 404, "Object Not Found", "Not Found");
    await ctx.api.delete(path);
  } catch (e) {
    if (!(e instanceof ApiError && e.status === 404)) throw e;
    const failure = await missingUserOrVhost(ctx, opts, user, vhost);
    if (failure) throw failure;
  }
}
