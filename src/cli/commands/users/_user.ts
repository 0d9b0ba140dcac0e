// What the user commands share: reading a user, rabbitmqctl's failure texts, the password prompt.
import { p } from "../../../api/client.js";
import { CommandError } from "../../errors.js";
import { ExitCode } from "../../exit-codes.js";
import type { CommandContext, CommandOutput, Opts } from "../../types.js";
import { exString } from "./_terms.js";

export interface User {
  name: string;
  password_hash: string;
  hashing_algorithm: string;
  tags: unknown;
  limits?: Record<string, unknown>;
}

/** The user, or undefined; "" is never a user here (the API path /api/users/ is the list). */
export async function getUser(ctx: CommandContext, name: string): Promise<User | undefined> {
  if (name === "") return undefined;
  return ctx.api.find<User>(p`/api/users/${name}`);
}

/** rabbitmqctl's json formatter prints a failed change as one JSON object on stderr, exit 69. */
export const jsonFailure = (opts: Opts, message: string): CommandError =>
  new CommandError(ExitCode.unavailable, { message, node: opts.node, result: "error" });

/** delete_user, change_password and set_user_tags on a missing user (json: "does not exists", sic). */
export const noSuchUser = (opts: Opts, name: string): CommandError =>
  opts.formatter === "json" ? jsonFailure(opts, `User ${name} does not exists`) : new CommandError(ExitCode.noUser, `User "${name}" does not exist`);

/** Commands that pass the server's error term through: `{:no_such_user, "name"}`, exit 69. */
export const noSuchUserTerm = (name: string): CommandError =>
  new CommandError(ExitCode.unavailable, `{:no_such_user, ${exString(name)}}`);

/** A sentence printed even with -q (authenticate_user's Success, a user's limits); csv gets a "message" column. */
export function sentence(text: string, _opts: Opts): CommandOutput {
  return { kind: "message", text };
}

/** Tag names as a list: an array keeps a comma inside a tag when the API writes it back. */
export function tagNames(tags: unknown): string[] {
  if (Array.isArray(tags)) return tags.map(String);
  return typeof tags === "string" && tags !== "" ? tags.split(",") : [];
}

/** PUT replaces the whole user: send the kept hash (or a new password) along with the tags. */
export async function putUser(ctx: CommandContext, user: User, change: { password?: string; password_hash?: string; tags?: string[] }): Promise<void> {
  const secret = change.password !== undefined
    ? { password: change.password }
    : { password_hash: change.password_hash ?? user.password_hash, hashing_algorithm: user.hashing_algorithm };
  await ctx.api.put(p`/api/users/${user.name}`, { ...secret, tags: change.tags ?? tagNames(user.tags) });
}

/** First line of a stream, or undefined at end of input with nothing read. */
function readLine(stream: NodeJS.ReadableStream | undefined): Promise<string | undefined> {
  if (!stream) return Promise.resolve(undefined);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const finish = (v: string | undefined): void => {
      stream.removeListener("data", onData);
      stream.removeListener("end", onEnd);
      stream.removeListener("error", reject);
      stream.pause(); // let the process exit with unread input left
      resolve(v);
    };
    const onData = (c: Buffer | string): void => {
      chunks.push(typeof c === "string" ? Buffer.from(c) : c);
      const text = Buffer.concat(chunks).toString("utf8");
      const nl = text.indexOf("\n");
      if (nl !== -1) finish(text.slice(0, nl));
    };
    const onEnd = (): void => {
      const all = Buffer.concat(chunks);
      finish(all.length > 0 ? all.toString("utf8") : undefined);
    };
    stream.on("data", onData);
    stream.once("end", onEnd);
    stream.once("error", reject);
    stream.resume();
  });
}

/** A password left off the command line: prompt (not with -q/-s) and read one trimmed line of stdin. */
export async function passwordFromStdin(opts: Opts, ctx: CommandContext): Promise<string | undefined> {
  // rabbitmqctl reaches the node (and prints its banner) before it prompts
  await ctx.api.raw("GET", "/api/whoami");
  const prompt = !opts.quiet && !opts.silent;
  if (prompt) ctx.io.stdout.write("Password: ");
  const line = await readLine(ctx.io.stdin);
  if (prompt) ctx.io.stdout.write("\n");
  return line?.trim();
}

/** RabbitMQ 3.10 answers 406 to user-limits PUT/DELETE that ask for JSON back. */
export const ANY_TYPE = { accept: "*/*" };

export const NO_PASSWORD = "Password is not provided via argument or stdin";
