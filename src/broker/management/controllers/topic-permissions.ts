import { z } from "zod";
import type { TopicPermissionRow } from "../../auth/topic-permissions.js";
import { deleteRoute, perVhostAndUserListings, putPatterns, sortedListReply } from "../access-control-body.js";
import { objectNotFound } from "../http-error.js";
import type { Controller, RequestContext, Route } from "../route.js";

const userFirst = (p: TopicPermissionRow) => ({ user: p.user, vhost: p.vhost, exchange: p.exchange, write: p.write, read: p.read });
const vhostFirst = (p: TopicPermissionRow) => ({ vhost: p.vhost, user: p.user, exchange: p.exchange, write: p.write, read: p.read });

const SORT = ["vhost", "user", "exchange"] as const;

const TopicPermissionBody = z.object({ exchange: z.string(), write: z.string(), read: z.string() });

/** PUT .../:vhost/:user (and .../:exchange, which RabbitMQ ignores in favour of the body's exchange); 201 only for the pair's first entry. */
const putTopicPermission = (ctx: RequestContext) =>
  putPatterns(ctx, ["exchange", "write", "read"], TopicPermissionBody, (vhost, user, p) => ctx.broker.topicPermissions.set(vhost, user, p), "text");

/** The pair's entries; none (or an unknown user or vhost) is a 404. */
function pairRows(ctx: RequestContext): TopicPermissionRow[] {
  const rows = ctx.broker.topicPermissions.get(ctx.params.vhost!, ctx.params.user!);
  if (rows.length === 0 || !ctx.broker.users.has(ctx.params.user!)) throw objectNotFound();
  return rows;
}

const pairRoutes = (path: string): Route[] => [
  // the exchange segment selects nothing on GET: the live node lists all of the pair's entries
  { method: "GET", path, access: "administrator", handler: (ctx) => sortedListReply(ctx, pairRows(ctx), SORT, userFirst) },
  { method: "PUT", path, access: "administrator", handler: putTopicPermission },
];

/** /api/topic-permissions and the per-user and per-vhost listings; administrators only. */
export const topicPermissionsController: Controller = [
  { method: "GET", path: "/topic-permissions", access: "administrator", handler: (ctx) => sortedListReply(ctx, [...ctx.broker.topicPermissions.all()], SORT, userFirst) },
  ...pairRoutes("/topic-permissions/:vhost/:user"),
  ...pairRoutes("/topic-permissions/:vhost/:user/:exchange"),
  deleteRoute("/topic-permissions/:vhost/:user", (ctx) => ctx.broker.topicPermissions.delete(ctx.params.vhost!, ctx.params.user!)),
  // 404 only when the pair has no entries at all; a missing exchange entry is still a 204
  deleteRoute("/topic-permissions/:vhost/:user/:exchange", (ctx) => ctx.broker.topicPermissions.deleteExchange(ctx.params.vhost!, ctx.params.user!, ctx.params.exchange!)),
  ...perVhostAndUserListings("topic-permissions", (ctx) => ctx.broker.topicPermissions, SORT, { vhostFirst, userFirst }),
];
