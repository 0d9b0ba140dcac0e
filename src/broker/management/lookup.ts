import type { Vhost } from "../vhost/vhost.js";
import { objectNotFound } from "./http-error.js";
import type { RequestContext } from "./route.js";

/** The vhost named by the :vhost parameter; a missing vhost is RabbitMQ's plain 404. */
export function requireVhost(ctx: RequestContext, param = "vhost"): Vhost {
  const v = ctx.broker.vhosts.get(ctx.params[param] ?? "");
  if (v === undefined) throw objectNotFound();
  return v;
}

/** The object a handler looked up, or RabbitMQ's plain 404. */
export function found<T>(value: T | undefined): T {
  if (value === undefined) throw objectNotFound();
  return value;
}
