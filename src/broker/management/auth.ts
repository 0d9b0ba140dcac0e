import type { IncomingMessage } from "node:http";
import type { Broker } from "../broker.js";
import { HttpError, notAuthorised } from "./http-error.js";
import type { Access, AuthenticatedUser } from "./route.js";

const MANAGEMENT_TAGS = ["management", "policymaker", "monitoring", "administrator"];

/** Which tags satisfy each access level (administrator satisfies all), and RabbitMQ's refusal text. */
const LEVELS: Record<Exclude<Access, "public">, { tags: readonly string[]; refusal: string }> = {
  management: { tags: MANAGEMENT_TAGS, refusal: "Not management user" },
  policymaker: { tags: ["policymaker", "administrator"], refusal: "Not policymaker user" },
  monitoring: { tags: ["monitoring", "administrator"], refusal: "Not monitor user" },
  administrator: { tags: ["administrator"], refusal: "Not administrator user" },
};

const NO_CREDENTIALS = new HttpError(401, undefined, undefined, { "www-authenticate": 'Basic realm="RabbitMQ Management"' });

/** HTTP Basic credentials from the request, or undefined when there are none. */
export function basicCredentials(req: IncomingMessage): { name: string; password: string } | undefined {
  const header = req.headers.authorization;
  if (header === undefined || !/^basic /i.test(header)) return undefined;
  const decoded = Buffer.from(header.slice(6).trim(), "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) return undefined;
  return { name: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/** The caller, checked against the route's access level; throws RabbitMQ's 401s (never 403). */
export function authenticate(broker: Broker, req: IncomingMessage, access: Access): AuthenticatedUser | undefined {
  const creds = basicCredentials(req);
  if (creds === undefined) {
    if (access === "public") return undefined;
    throw NO_CREDENTIALS;
  }
  const user = broker.users.authenticate(creds.name, creds.password, req.socket.remoteAddress);
  if (user === undefined) throw new HttpError(401, "not_authorized", "Login failed");
  const found: AuthenticatedUser = { name: user.name, tags: user.tags ?? [] };
  if (access === "public") return found;
  const level = LEVELS[access];
  if (!found.tags.some((t) => MANAGEMENT_TAGS.includes(t))) throw notAuthorised("Not management user");
  if (!found.tags.some((t) => level.tags.includes(t))) throw notAuthorised(level.refusal);
  return found;
}

/** True when the user holds the tag or administrator, for per-object checks inside handlers. */
export const hasTag = (user: AuthenticatedUser, tag: Exclude<Access, "public">): boolean => user.tags.some((t) => LEVELS[tag].tags.includes(t));
