import type { IncomingMessage, ServerResponse } from "node:http";
import type { Broker } from "../broker.js";

/** The tags RabbitMQ's management API checks, weakest first; administrator implies the rest. */
export type ManagementTag = "management" | "policymaker" | "monitoring" | "administrator";

/** Who may call a route: anyone (health of the listener itself), any management user, or users with a given tag. */
export type Access = "public" | ManagementTag;

export interface AuthenticatedUser {
  readonly name: string;
  readonly tags: readonly string[];
}

/** What a handler gets: decoded path parameters, the query string, the parsed JSON body (undefined when none). */
export interface RequestContext {
  readonly broker: Broker;
  readonly user: AuthenticatedUser;
  readonly params: Readonly<Record<string, string>>;
  readonly query: URLSearchParams;
  readonly body: unknown;
  readonly req: IncomingMessage;
  /** The raw body, for the routes that take something other than JSON (definitions as multipart). */
  readonly rawBody: Buffer;
}

/** A handler's answer: a JSON value with a status (200 by default), or no content (204 and friends). */
export type Reply =
  | { readonly status?: number; readonly json: unknown; readonly headers?: Readonly<Record<string, string>> }
  | { readonly status: number; readonly json?: undefined; readonly headers?: Readonly<Record<string, string>> };

export type Handler = (ctx: RequestContext) => Reply | Promise<Reply>;

export type Method = "GET" | "PUT" | "POST" | "DELETE" | "HEAD";

export interface Route {
  readonly method: Method;
  /** Segments after /api, e.g. "/queues/:vhost/:name"; a :param takes one percent-decoded segment. */
  readonly path: string;
  readonly access: Access;
  readonly handler: Handler;
  /** The route reads its body itself (rawBody) instead of having it parsed as JSON. */
  readonly rawBody?: boolean;
}

/** A controller is a list of routes for one resource. */
export type Controller = readonly Route[];

export const ok = (json: unknown): Reply => ({ json });
export const noContent = (): Reply => ({ status: 204 });
/** 201 on create, 204 on update: RabbitMQ's answer to PUT. */
export const created = (wasNew: boolean): Reply => ({ status: wasNew ? 201 : 204 });

export type { ServerResponse };
