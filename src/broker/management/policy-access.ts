// Authorisation and error mapping shared by the policy, parameter and limit controllers, as RabbitMQ's management API does them.
import { ParameterRejected } from "../parameters/components.js";
import { escapeHtmlTags, NodeCrash } from "../parameters/validation.js";
import { hasTag } from "./auth.js";
import { badRequest, HttpError, notAuthorised } from "./http-error.js";
import type { RequestContext } from "./route.js";

const OBJECT_REFUSED = "User not authorised to access object";

/** Whether the caller holds a permission entry on the vhost, which is what RabbitMQ's login vhosts are. */
const holdsPermissions = (ctx: RequestContext, vhost: string): boolean => ctx.broker.permissions.hasAccess(vhost, ctx.user.name);

/**
 * RabbitMQ's is_authorized_policies: administrators, or policymakers with permissions on the vhost named in the
 * path (a path without one, or naming a vhost that does not exist, passes so the handler can answer 404).
 */
export function requirePolicyAccess(ctx: RequestContext, vhost: string | undefined): void {
  if (hasTag(ctx.user, "administrator")) return;
  const vhostOk = vhost === undefined || !ctx.broker.vhosts.has(vhost) || holdsPermissions(ctx, vhost);
  if (!hasTag(ctx.user, "policymaker") || !vhostOk) throw notAuthorised(OBJECT_REFUSED);
}

/** Global parameters: policymakers and administrators only. */
export function requirePolicymaker(ctx: RequestContext): void {
  if (!hasTag(ctx.user, "policymaker")) throw notAuthorised(OBJECT_REFUSED);
}

/** RabbitMQ's filter_vhost for lists: administrators see every vhost's items, others those of vhosts they hold permissions on. */
export function inCallerVhosts<T extends { readonly vhost: string }>(ctx: RequestContext, items: readonly T[]): T[] {
  if (hasTag(ctx.user, "administrator")) return [...items];
  return items.filter((it) => holdsPermissions(ctx, it.vhost));
}

/**
 * Runs a change and answers its failure as RabbitMQ's API does: a refused value is 400 with the node's text
 * (HTML-escaped on the policy and parameter endpoints), a value the node crashes on an empty 500.
 */
export function applyChange(change: () => void, escape: boolean): void {
  try {
    change();
  } catch (e) {
    if (e instanceof ParameterRejected) throw badRequest(escape ? escapeHtmlTags(e.reason) : e.reason);
    if (e instanceof NodeCrash) throw new HttpError(500, undefined);
    throw e;
  }
}
