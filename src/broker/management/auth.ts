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
  // public routes (GET /api/auth) answer anyone and, as in RabbitMQ, ignore whatever credentials come along
  if (access === "public") return undefined;
  const creds = basicCredentials(req);
  if (creds === undefined) throw NO_CREDENTIALS;
  // RabbitMQ counts every credentialed request as an http login attempt; a refused access level counts as failed
  const record = (succeeded: boolean): void => broker.authAttempts.record("http", req.socket.remoteAddress, creds.name, succeeded);
  const login = broker.users.login(creds.name, creds.password, req.socket.remoteAddress);
  if (!login.ok) {
    record(false);
    throw login.reason === "loopback" ? notAuthorised("User can only log in via localhost") : new HttpError(401, "not_authorized", "Login failed");
  }
  const found: AuthenticatedUser = login.user;
  const level = LEVELS[access];
  const refusal = !found.tags.some((t) => MANAGEMENT_TAGS.includes(t)) ? "Not management user" : found.tags.some((t) => level.tags.includes(t)) ? undefined : level.refusal;
  record(refusal === undefined);
  if (refusal !== undefined) throw notAuthorised(refusal);
  return found;
}

/** True when the user holds the tag or administrator, for per-object checks inside handlers. */
export const hasTag = (user: AuthenticatedUser, tag: Exclude<Access, "public">): boolean => user.tags.some((t) => LEVELS[tag].tags.includes(t));
