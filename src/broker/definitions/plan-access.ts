// Planning users, vhosts, permissions and topic permissions, checked as RabbitMQ 3.10.8 checks them on import.
import { compilePermission } from "../auth/permissions.js";
import { DEFAULT_HASHING_ALGORITHM, decodeStrictBase64 } from "../auth/password-hash.js";
import { InvalidRegexError } from "../auth/regex.js";
import { isUserLimitName, type UserLimitName, type UserLimitValue } from "../auth/user-limits.js";
import { isInteger, validateProplist, validationFailed } from "../parameters/validation.js";
import { parseTags } from "../management/controllers/vhosts.js";
import type { Credentials, Expected, Plan, UserChange } from "./plan.js";
import { charCodes, noSuchUser, noSuchVhost, rejected } from "./rejection.js";
import { type DefinitionsFile, entriesOf, parseEntry, PermissionEntry, TopicPermissionEntry, UserEntry, VhostEntry } from "./schema.js";

const USER_LIMIT_CONSTRAINTS = [
  { key: "max-connections", check: isInteger, mandatory: false },
  { key: "max-channels", check: isInteger, mandatory: false },
] as const;

/** Erlang's string:strip: spaces only, both ends. */
const strip = (s: string): string => s.replace(/^ +| +$/g, "");

/** A user's tags as put_user reads them: a list (each stripped) or "a, b" (split on commas, empty pieces dropped). */
function userTags(tags: string | readonly (string | number | bigint)[] | undefined, administrator: unknown): string[] {
  if (Array.isArray(tags)) return tags.map((t) => strip(String(t)));
  if (typeof tags === "string") return tags.split(",").filter((t) => t !== "").map(strip);
  // the pre-3.0 flag, read only when there are no tags
  if (administrator === true || administrator === "true") return ["administrator"];
  if (administrator === false || administrator === "false") return [];
  throw rejected(["not_boolean", administrator]);
}

/** The hashing module of a user exported without one: files from before 3.6 used MD5. */
function defaultAlgorithm(file: DefinitionsFile): string {
  const v = file.rabbitmq_version ?? file.rabbit_version;
  return typeof v === "string" && /^3\.[0-5]\./.test(v) ? "rabbit_password_hashing_md5" : DEFAULT_HASHING_ALGORITHM;
}

function userLimits(raw: unknown): UserChange["limits"] {
  if (raw === undefined) return undefined;
  const problems = validateProplist("user-limits", USER_LIMIT_CONSTRAINTS, raw as never);
  if (problems.length > 0) throw rejected(validationFailed(problems));
  return Array.isArray(raw) ? [] : Object.entries(raw as Record<string, UserLimitValue>).filter((e): e is [UserLimitName, UserLimitValue] => isUserLimitName(e[0]));
}

function credentials(u: { password?: string | undefined; password_hash?: string | undefined; hashing_algorithm?: string | undefined }, file: DefinitionsFile): Credentials {
  if (u.password !== undefined && u.password_hash !== undefined) throw rejected("both_password_and_password_hash_are_provided");
  if (u.password !== undefined) return { kind: "password", password: u.password };
  if (u.password_hash === undefined) return { kind: "none" };
  const decoded = decodeStrictBase64(u.password_hash);
  if (decoded === undefined) throw rejected(["not_base64", u.password_hash]);
  return { kind: "hash", hash: decoded.toString("base64"), algorithm: u.hashing_algorithm ?? defaultAlgorithm(file) };
}

/** put_user's checks in its order: the name, tags (or the administrator flag), limits, then the password fields. */
export function planUsers(file: DefinitionsFile, world: Expected, plan: Plan): void {
  for (const [i, raw] of entriesOf(file, "users")) {
    if (!("name" in raw)) throw rejected(["badkey", "name"]);
    if (raw.tags === undefined && raw.administrator === undefined) throw rejected("tags_not_present");
    const u = parseEntry(UserEntry, "users", i, raw);
    const tags = userTags(u.tags, u.administrator);
    const limits = userLimits(u.limits);
    plan.users.push({ name: u.name, credentials: credentials(u, file), tags, limits });
    world.addUser(u.name);
  }
}

/** Description and tags come from the entry or its metadata; the default queue type only from the metadata. */
export function planVhosts(file: DefinitionsFile, world: Expected, plan: Plan): void {
  for (const [i, raw] of entriesOf(file, "vhosts")) {
    const v = parseEntry(VhostEntry, "vhosts", i, raw);
    const meta = v.metadata ?? {};
    plan.vhosts.push({
      name: v.name,
      description: v.description ?? meta.description ?? "",
      tags: parseTags(v.tags ?? meta.tags),
      defaultQueueType: meta.default_queue_type,
      tracing: v.tracing,
    });
    world.addVhost(v.name);
  }
}

/** RabbitMQ's {invalid_regexp, Pattern, {Message, Offset}}; vhost permissions give the pattern as an Erlang string. */
function compiled(patterns: readonly string[], patternAs: "codes" | "text"): void {
  for (const p of patterns) {
    try {
      compilePermission(p);
    } catch (e) {
      if (!(e instanceof InvalidRegexError)) throw e;
      throw rejected(["invalid_regexp", patternAs === "codes" ? charCodes(p) : p, [charCodes(e.pcreMessage), e.offset]]);
    }
  }
}

/** set_permissions: the three patterns first, then the user, then the vhost. */
function requirePair(world: Expected, user: string, vhost: string): void {
  if (!world.hasUser(user)) throw noSuchUser(user);
  if (!world.hasVhost(vhost)) throw noSuchVhost(vhost);
}

export function planPermissions(file: DefinitionsFile, world: Expected, plan: Plan): void {
  for (const [i, raw] of entriesOf(file, "permissions")) {
    const p = parseEntry(PermissionEntry, "permissions", i, raw);
    compiled([p.configure, p.write, p.read], "codes");
    requirePair(world, p.user, p.vhost);
    plan.permissions.push({ vhost: p.vhost, user: p.user, permission: { configure: p.configure, write: p.write, read: p.read } });
  }
}

export function planTopicPermissions(file: DefinitionsFile, world: Expected, plan: Plan): void {
  for (const [i, raw] of entriesOf(file, "topic_permissions")) {
    const p = parseEntry(TopicPermissionEntry, "topic_permissions", i, raw);
    compiled([p.write, p.read], "text");
    requirePair(world, p.user, p.vhost);
    plan.topicPermissions.push({ vhost: p.vhost, user: p.user, permission: { exchange: p.exchange, write: p.write, read: p.read } });
  }
}
