// Which vhosts a messaging request covers: the one in the path (checked for access first, as RabbitMQ's
// is_authorized_vhost runs before the vhost is looked up) or every vhost the caller may use.
import type { Vhost } from "../../vhost/vhost.js";
import { HttpError, notAuthorised } from "../http-error.js";
import { requireVhost } from "../lookup.js";
import type { RequestContext } from "../route.js";
import { canAccessVhost, requireVhostAccess } from "../vhost-access.js";
import { byteOrder } from "../amqp-json.js";

/** The :vhost of the path: 401 when the caller may not use it, 404 when it does not exist. */
export function pathVhost(ctx: RequestContext, param = "vhost"): Vhost {
  requireVhostAccess(ctx, ctx.params[param] ?? "", "access");
  return requireVhost(ctx, param);
}

/** The vhosts a list covers: the path's, or (without one) all the caller may use, by name. */
export function listedVhosts(ctx: RequestContext): Vhost[] {
  if (ctx.params.vhost !== undefined) return [pathVhost(ctx)];
  return [...ctx.broker.vhosts.values()].filter((v) => canAccessVhost(ctx, v.name)).sort((a, b) => byteOrder(a.name, b.name));
}

/** The vhost of a binding list, which lists nothing (rather than 404) for a vhost missing or not the caller's. */
export function readableVhost(ctx: RequestContext): Vhost | undefined {
  const name = ctx.params.vhost ?? "";
  requireVhostAccess(ctx, name);
  const v = ctx.broker.vhosts.get(name);
  return v !== undefined && canAccessVhost(ctx, name) ? v : undefined;
}

/** The vhost a declare, delete or bind runs in (RabbitMQ's direct_request): a missing one is 404 vhost_not_found. */
export function directVhost(ctx: RequestContext): Vhost {
  const name = ctx.params.vhost ?? "";
  requireVhostAccess(ctx, name);
  const v = ctx.broker.vhosts.get(name);
  if (v === undefined) throw new HttpError(404, "not_found", "vhost_not_found");
  return v;
}

/** The vhost of a publish or get, which RabbitMQ runs on a channel of its own: a missing vhost refuses that connection. */
export function channelVhost(ctx: RequestContext): Vhost {
  const name = ctx.params.vhost ?? "";
  requireVhostAccess(ctx, name);
  const v = ctx.broker.vhosts.get(name);
  if (v === undefined) throw notAuthorised("Access refused.");
  return v;
}
