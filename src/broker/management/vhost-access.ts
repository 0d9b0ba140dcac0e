import type { PermissionKind } from "../auth/permissions.js";
import { hasTag } from "./auth.js";
import { HttpError } from "./http-error.js";
import type { RequestContext } from "./route.js";

/** Whether the caller sees a vhost's objects: administrators and monitors see all, others only vhosts they hold permissions on. */
export function canSeeVhost(ctx: RequestContext, vhost: string): boolean {
  return hasTag(ctx.user, "monitoring") || ctx.broker.permissions.hasAccess(vhost, ctx.user.name);
}

/** The management API refuses an operation on a resource the caller's permissions do not cover, with 401 as RabbitMQ does. */
export function requirePermission(ctx: RequestContext, vhost: string, kind: PermissionKind, name: string): void {
  if (!ctx.broker.permissions.check(vhost, ctx.user.name, kind, name)) {
    throw new HttpError(401, "not_authorised", `Access refused.`);
  }
}
