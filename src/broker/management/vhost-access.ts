import type { PermissionKind } from "../auth/permissions.js";
import { hasTag } from "./auth.js";
import { HttpError } from "./http-error.js";
import type { RequestContext } from "./route.js";

/** Whether the caller sees a vhost's objects: administrators and monitors see all, others only vhosts they hold permissions on. */
export function canSeeVhost(ctx: RequestContext, vhost: string): boolean {
  return hasTag(ctx.user, "monitoring") || ctx.broker.permissions.hasAccess(vhost, ctx.user.name);
}

/** Whether the caller may act in a vhost (RabbitMQ's is_authorized_vhost): administrators always, others with a permission entry there. */
export function canAccessVhost(ctx: RequestContext, vhost: string): boolean {
  return hasTag(ctx.user, "administrator") || ctx.broker.permissions.hasAccess(vhost, ctx.user.name);
}

/**
 * 401 "User not authorised to access virtual host" unless the caller may see ("visible", for reads) or act in
 * ("access", for changes) the vhost. A vhost that does not exist passes, so the handler can answer 404 as RabbitMQ does.
 */
export function requireVhostAccess(ctx: RequestContext, vhost: string, mode: "visible" | "access" = "access"): void {
  if (!ctx.broker.vhosts.has(vhost)) return;
  const allowed = mode === "visible" ? canSeeVhost(ctx, vhost) : canAccessVhost(ctx, vhost);
  if (!allowed) throw new HttpError(401, "not_authorised", "User not authorised to access virtual host");
}

/**
 * The management API refuses an operation on a resource the caller's permissions do not cover, with 401 as RabbitMQ
 * does; administrators are checked too. The default exchange is checked as amq.default, as on AMQP.
 */
export function requirePermission(ctx: RequestContext, vhost: string, kind: PermissionKind, name: string): void {
  if (!ctx.broker.permissions.check(vhost, ctx.user.name, kind, name === "" ? "amq.default" : name)) {
    throw new HttpError(401, "not_authorised", "Access refused.");
  }
}
