import { z } from "zod";
import { DEFAULT_HASHING_ALGORITHM, decodeStrictBase64, hashPassword } from "../../auth/password-hash.js";
import { deleteUser } from "../../auth/user-lifecycle.js";
import type { UserRecord } from "../../auth/users.js";
import type { Broker } from "../../broker.js";
import { deleteRoute, noSuchUser, objectBody, parseBody, requireKeys, sortedListReply } from "../access-control-body.js";
import { badRequest } from "../http-error.js";
import { found } from "../lookup.js";
import type { Controller, RequestContext } from "../route.js";
import { created, noContent, ok } from "../route.js";

/** GET /api/users/:user and list items: name, password_hash, hashing_algorithm, tags, limits, in RabbitMQ's key order. */
export function userJson(broker: Broker, u: UserRecord): Record<string, unknown> {
  return { name: u.name, password_hash: u.passwordHash, hashing_algorithm: u.hashingAlgorithm, tags: [...u.tags], limits: broker.userLimits.get(u.name) };
}

const listUsers = (ctx: RequestContext, users: readonly UserRecord[]) => sortedListReply(ctx, users, ["name"], (u) => userJson(ctx.broker, u));

// integers of any size are tags by their digits; a float is refused
const scalar = z.union([z.string(), z.number(), z.bigint(), z.boolean()]);
const UserBody = z.object({
  password: z.string().optional(),
  password_hash: z.string().optional(),
  hashing_algorithm: z.string().optional(),
  tags: z.union([z.string(), z.array(scalar)]).optional(),
  administrator: z.unknown().optional(),
});

/** tags as "a, b" (split on commas, blanks dropped, trimmed) or a list; the legacy administrator flag when tags are absent. */
function tagsOf(body: z.infer<typeof UserBody>): string[] {
  if (body.tags !== undefined) {
    if (Array.isArray(body.tags)) return body.tags.map(String);
    return body.tags
      .split(",")
      .filter((t) => t !== "")
      .map((t) => t.trim());
  }
  const admin = body.administrator;
  if (admin === true || admin === "true") return ["administrator"];
  if (admin === false || admin === "false") return [];
  throw badRequest(["not_boolean", admin]);
}

/** The stored password from a PUT body: a fresh hash of password, a given password_hash, or "" (no password login) when neither is sent. */
function credentialsOf(body: z.infer<typeof UserBody>): Pick<UserRecord, "passwordHash" | "hashingAlgorithm"> {
  if (body.password !== undefined && body.password_hash !== undefined) throw badRequest("both_password_and_password_hash_are_provided");
  // RabbitMQ hashes a cleartext password with its own module, ignoring any hashing_algorithm sent along
  if (body.password !== undefined) return { passwordHash: hashPassword(body.password), hashingAlgorithm: DEFAULT_HASHING_ALGORITHM };
  const algorithm = body.hashing_algorithm ?? DEFAULT_HASHING_ALGORITHM;
  if (body.password_hash === undefined) return { passwordHash: "", hashingAlgorithm: algorithm };
  const decoded = decodeStrictBase64(body.password_hash);
  if (decoded === undefined) throw badRequest(["not_base64", body.password_hash]);
  return { passwordHash: decoded.toString("base64"), hashingAlgorithm: algorithm };
}

function putUser(ctx: RequestContext) {
  const raw = objectBody(ctx);
  if (!("tags" in raw) && !("administrator" in raw)) throw badRequest("tags_not_present");
  const body = parseBody(UserBody, raw);
  const tags = tagsOf(body);
  const record: UserRecord = { name: ctx.params.user!, ...credentialsOf(body), tags };
  return created(ctx.broker.users.put(record));
}

const BulkDeleteBody = z.object({ users: z.array(z.unknown()) });

/** Deletes in order and stops at the first unknown name: the users before it stay deleted (RabbitMQ's partial failure). */
function bulkDelete(ctx: RequestContext) {
  const raw = objectBody(ctx);
  requireKeys(raw, ["users"]);
  const { users } = parseBody(BulkDeleteBody, raw);
  for (const name of users) {
    if (typeof name !== "string" || !deleteUser(ctx.broker, name)) throw noSuchUser(name);
  }
  return noContent();
}

/** /api/users: administrators only, as in RabbitMQ. */
export const usersController: Controller = [
  { method: "GET", path: "/users", access: "administrator", handler: (ctx) => listUsers(ctx, ctx.broker.users.all()) },
  {
    method: "GET",
    path: "/users/without-permissions",
    access: "administrator",
    handler: (ctx) => listUsers(ctx, ctx.broker.users.all().filter((u) => ctx.broker.permissions.forUser(u.name).length === 0)),
  },
  { method: "POST", path: "/users/bulk-delete", access: "administrator", handler: bulkDelete },
  { method: "GET", path: "/users/:user", access: "administrator", handler: (ctx) => ok(userJson(ctx.broker, found(ctx.broker.users.get(ctx.params.user!)))) },
  { method: "PUT", path: "/users/:user", access: "administrator", handler: putUser },
  deleteRoute("/users/:user", (ctx) => deleteUser(ctx.broker, ctx.params.user!)),
];
