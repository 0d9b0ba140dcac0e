// Who sees which connections and channels: monitors and administrators all of them, other users their own
// (RabbitMQ's filter_user and is_authorized_user), and how their paged lists are enveloped.
import type { Connection } from "../../connection/connection.js";
import { hasTag } from "../auth.js";
import { badRequest, HttpError, notAuthorised } from "../http-error.js";
import { listReply } from "../listing.js";
import type { Reply, RequestContext } from "../route.js";

export const seesAllConnections = (ctx: RequestContext): boolean => hasTag(ctx.user, "monitoring");

export const visibleTo = (ctx: RequestContext) => (c: Connection): boolean => seesAllConnections(ctx) || c.user?.name === ctx.user.name;

/**
 * 401 unless the caller may read (monitors) or close (administrators) another user's connection. RabbitMQ looks
 * the owner up in what it found, and crashes (an empty 500) when that is not a single connection.
 */
export function requireOwnerOr(ctx: RequestContext, owner: string | undefined, tag: "monitoring" | "administrator"): void {
  if (hasTag(ctx.user, tag)) return;
  if (owner === undefined) throw new HttpError(500, undefined);
  if (owner !== ctx.user.name) throw notAuthorised("User not authorised to access object");
}

/** Channel and consumer statistics exist only with stats on: disable_stats=true is refused as RabbitMQ refuses it. */
export function requireStats(ctx: RequestContext): void {
  if (ctx.query.get("disable_stats") === "true") throw badRequest("Stats in management UI are disabled on this node");
}

const ENVELOPE_ORDER = ["total_count", "item_count", "filtered_count", "page", "page_size", "page_count", "items"];

/** listReply, with the paging envelope in the key order RabbitMQ's reply_list_or_paginate uses. */
export function connectionListReply(ctx: RequestContext, rows: readonly Record<string, unknown>[], pageable: boolean): Reply {
  const reply = listReply(ctx, rows, { pageable });
  const json = reply.json;
  if (json === undefined || json === null || Array.isArray(json) || typeof json !== "object") return reply;
  const env = json as Record<string, unknown>;
  return { ...reply, json: Object.fromEntries(ENVELOPE_ORDER.filter((k) => k in env).map((k) => [k, env[k]])) };
}
