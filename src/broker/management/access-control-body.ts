import type { z } from "zod";
import { InvalidRegexError } from "../auth/regex.js";
import { FLOATS_AS_NUMBERS, isJsonNumber } from "../json/json-value.js";
import { formatTerm, fromJson } from "../parameters/erlang-term.js";
import { badRequest, HttpError, keysMissing, objectNotFound } from "./http-error.js";
import { listReply } from "./listing.js";
import { found, requireVhost } from "./lookup.js";
import { created, noContent, type Reply, type RequestContext, type Route } from "./route.js";

/** The JSON body as an object (an empty body is {}); RabbitMQ answers anything else, arrays included, with not_json. */
export function objectBody(ctx: RequestContext): Record<string, unknown> {
  const b = ctx.body;
  if (b === undefined) return {};
  // a float arrives as an object (ErlangFloat) but is no body
  if (b === null || typeof b !== "object" || Array.isArray(b) || isJsonNumber(b)) throw badRequest("not_json");
  return b as Record<string, unknown>;
}

/** 400 [{key_missing,k},...] for the mandatory keys the body lacks, in the order given. */
export function requireKeys(body: Record<string, unknown>, keys: readonly string[]): void {
  const missing = keys.filter((k) => !(k in body));
  if (missing.length > 0) throw keysMissing(missing);
}

/** Validates a body with zod; a wrong type is a 400 naming the field (RabbitMQ itself crashes with an empty 500 there). */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
  const r = schema.safeParse(body, FLOATS_AS_NUMBERS);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const where = issue?.path.join(".") ?? "";
  throw badRequest(where === "" ? (issue?.message ?? "invalid body") : `${where}: ${issue?.message ?? "invalid"}`);
}

/** An administrator's DELETE: 204 when remove found something, RabbitMQ's 404 otherwise. */
export const deleteRoute = (path: string, remove: (ctx: RequestContext) => boolean): Route => ({
  method: "DELETE",
  path,
  access: "administrator",
  handler: (ctx) => {
    if (!remove(ctx)) throw objectNotFound();
    return noContent();
  },
});

/** RabbitMQ's 400 for an operation naming a user that does not exist (bulk-delete, user limits). */
export const noSuchUser = (name: unknown): HttpError => new HttpError(400, "bad_request", ["no_such_user", name]);

/** PUT bodies of some RabbitMQ resources (user limits) must say application/json; others take anything. */
export function requireJsonContentType(ctx: RequestContext): void {
  const type = (ctx.req.headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase();
  if (type !== "application/json") throw new HttpError(415, undefined);
}

const codes = (s: string): number[] => [...Buffer.from(s, "utf8")];

/**
 * RabbitMQ's reason for a bad permission regex: ["invalid_regexp", pattern, [message, offset]] with the message as
 * an Erlang string (a list of character codes). Vhost permissions also give the pattern as codes, topic permissions as text.
 */
function invalidRegexReason(e: InvalidRegexError, patternAs: "codes" | "text"): unknown {
  return ["invalid_regexp", patternAs === "codes" ? codes(e.pattern) : e.pattern, [codes(e.pcreMessage), e.offset]];
}

/** The (vhost, user) pair a permission PUT names; either missing is RabbitMQ's 400 vhost_or_user_not_found. */
function requirePair(ctx: RequestContext): { vhost: string; user: string } {
  const vhost = ctx.params.vhost!;
  const user = ctx.params.user!;
  if (!ctx.broker.vhosts.has(vhost) || !ctx.broker.users.has(user)) throw badRequest("vhost_or_user_not_found");
  return { vhost, user };
}

/**
 * PUT of a permission-like entry, checked in RabbitMQ's order: a JSON object, an existing vhost and user, the
 * mandatory keys, their types, then the patterns (an invalid one is RabbitMQ's invalid_regexp 400). 201 when new.
 */
export function putPatterns<S extends z.ZodType>(
  ctx: RequestContext,
  keys: readonly string[],
  schema: S,
  set: (vhost: string, user: string, body: z.infer<S>) => boolean,
  patternAs: "codes" | "text",
): Reply {
  const raw = objectBody(ctx);
  const { vhost, user } = requirePair(ctx);
  requireKeys(raw, keys);
  const body = parseBody(schema, raw);
  try {
    return created(set(vhost, user, body));
  } catch (e) {
    if (e instanceof InvalidRegexError) throw badRequest(invalidRegexReason(e, patternAs));
    throw e;
  }
}

/** A decoded JSON value printed as Erlang's ~p prints the term RabbitMQ decodes it to (for its validation messages). */
export function erlangTerm(v: unknown): string {
  if (v === null) return "null";
  if (typeof v === "boolean") return String(v);
  if (isJsonNumber(v)) return formatTerm(fromJson(v));
  if (typeof v === "string") return erlangBinary(v);
  if (Array.isArray(v)) return `[${v.map(erlangTerm).join(",")}]`;
  if (typeof v === "object") {
    const entries = Object.entries(v as Record<string, unknown>).sort(([a], [b]) => compareBytes(a, b));
    return `#{${entries.map(([k, x]) => `${erlangBinary(k)} => ${erlangTerm(x)}`).join(",")}}`;
  }
  return String(v);
}

function erlangBinary(s: string): string {
  if (/^[\x20-\x7e]*$/.test(s)) return `<<"${s.replace(/[\\"]/g, "\\$&")}">>`;
  return `<<${codes(s).join(",")}>>`;
}

/** Erlang compares binaries byte by byte. */
export const compareBytes = (a: string, b: string): number => Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8"));

/** RabbitMQ's default list order for these resources: by the given keys in turn, compared as binaries. */
export function sortedBy<T extends object>(rows: readonly T[], keys: readonly (keyof T & string)[]): T[] {
  return [...rows].sort((a, b) => {
    for (const k of keys) {
      const c = compareBytes(String(a[k]), String(b[k]));
      if (c !== 0) return c;
    }
    return 0;
  });
}

interface AccessRow {
  readonly vhost: string;
  readonly user: string;
}

/** A permission store's per-vhost and per-user views. */
interface AccessStore<R extends AccessRow> {
  forVhost(vhost: string): R[];
  forUser(user: string): R[];
}

/**
 * GET /api/vhosts/:vhost/<resource> (vhost first in each item) and /api/users/:user/<resource> (user first),
 * sorted as RabbitMQ sorts them; an unknown vhost or user is a 404. Administrators only.
 */
export function perVhostAndUserListings<R extends AccessRow>(
  resource: string,
  store: (ctx: RequestContext) => AccessStore<R>,
  sortKeys: readonly (keyof R & string)[],
  shapes: { readonly vhostFirst: (r: R) => Record<string, unknown>; readonly userFirst: (r: R) => Record<string, unknown> },
): Route[] {
  return [
    {
      method: "GET",
      path: `/vhosts/:vhost/${resource}`,
      access: "administrator",
      handler: (ctx) => sortedListReply(ctx, store(ctx).forVhost(requireVhost(ctx).name), sortKeys, shapes.vhostFirst),
    },
    {
      method: "GET",
      path: `/users/:user/${resource}`,
      access: "administrator",
      handler: (ctx) => sortedListReply(ctx, store(ctx).forUser(found(ctx.broker.users.get(ctx.params.user!)).name), sortKeys, shapes.userFirst),
    },
  ];
}

/** A list reply in RabbitMQ's default order (users, permissions and limits are never paged). */
export function sortedListReply<R extends object>(ctx: RequestContext, rows: readonly R[], sortKeys: readonly (keyof R & string)[], shape: (r: R) => Record<string, unknown>): Reply {
  return listReply(ctx, sortedBy(rows, sortKeys).map(shape), { pageable: false });
}
