import { z } from "zod";
import type { Permission } from "../../auth/permissions.js";
import { deleteRoute, perVhostAndUserListings, putPatterns, sortedListReply } from "../access-control-body.js";
import { found } from "../lookup.js";
import type { Controller, RequestContext } from "../route.js";
import { ok } from "../route.js";

type Row = { vhost: string; user: string } & Permission;

/** Most listings put user before vhost; the per-vhost listing puts vhost first (as the live node does). */
const userFirst = (p: Row) => ({ user: p.user, vhost: p.vhost, configure: p.configure, write: p.write, read: p.read });
const vhostFirst = (p: Row) => ({ vhost: p.vhost, user: p.user, configure: p.configure, write: p.write, read: p.read });

const SORT = ["vhost", "user"] as const;

const PermissionBody = z.object({ configure: z.string(), write: z.string(), read: z.string() });

const putPermission = (ctx: RequestContext) =>
  putPatterns(ctx, ["configure", "write", "read"], PermissionBody, (vhost, user, p) => ctx.broker.permissions.set(vhost, user, p), "codes");

function getPermission(ctx: RequestContext) {
  const vhost = ctx.params.vhost!;
  const user = ctx.params.user!;
  const p = ctx.broker.users.has(user) ? ctx.broker.permissions.get(vhost, user) : undefined;
  return ok(userFirst({ vhost, user, ...found(p) }));
}

/** /api/permissions and the per-user and per-vhost listings; administrators only. */
export const permissionsController: Controller = [
  { method: "GET", path: "/permissions", access: "administrator", handler: (ctx) => sortedListReply(ctx, [...ctx.broker.permissions.all()], SORT, userFirst) },
  { method: "GET", path: "/permissions/:vhost/:user", access: "administrator", handler: getPermission },
  { method: "PUT", path: "/permissions/:vhost/:user", access: "administrator", handler: putPermission },
  deleteRoute("/permissions/:vhost/:user", (ctx) => ctx.broker.permissions.delete(ctx.params.vhost!, ctx.params.user!)),
  ...perVhostAndUserListings("permissions", (ctx) => ctx.broker.permissions, SORT, { vhostFirst, userFirst }),
];
