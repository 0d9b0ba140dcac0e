// The routes /policies and /operator-policies share: RabbitMQ serves both from one model with different checks.
import { clearAny, setAny } from "../parameters/components.js";
import { isObject, type Json } from "../parameters/json.js";
import { type PolicyKind, policyItem, policyValue } from "../policy/policy.js";
import type { Vhost } from "../vhost/vhost.js";
import { compareBytes, objectBody, requireKeys } from "./access-control-body.js";
import { HttpError, objectNotFound } from "./http-error.js";
import { listReply } from "./listing.js";
import { found, requireVhost } from "./lookup.js";
import { applyChange, inCallerVhosts } from "./policy-access.js";
import type { Access, Controller, RequestContext } from "./route.js";
import { created, noContent, ok } from "./route.js";
import { requireVhostAccess } from "./vhost-access.js";

export interface PolicyRoutesOptions {
  readonly path: "/policies" | "/operator-policies";
  readonly kind: PolicyKind;
  /** Who may read, set or delete one policy: a route access level plus an extra check in the handler. */
  readonly access: Access;
  readonly check: (ctx: RequestContext, vhost: string) => void;
  /** RabbitMQ HTML-escapes the validation text of policies but not of operator policies. */
  readonly escapeErrors: boolean;
}

type Item = ReturnType<typeof policyItem> & { vhost: string; name: string };

const itemsOf = (v: Vhost, kind: PolicyKind): Item[] => v.parameters.list(kind).map((e) => policyItem(v.name, e.name, e.value) as Item);

/** RabbitMQ lists policies by priority, then by vhost and name. */
function byPriority(items: Item[]): Item[] {
  return items.sort((a, b) => Number(a.priority) - Number(b.priority) || compareBytes(a.vhost, b.vhost) || compareBytes(a.name, b.name));
}

/** The vhost a PUT names: RabbitMQ checks it before reading the body, and answers a missing one with not_found. */
function vhostForPut(ctx: RequestContext): Vhost {
  const v = ctx.broker.vhosts.get(ctx.params.vhost!);
  if (v === undefined) throw new HttpError(404, "not_found", "vhost_not_found");
  return v;
}

export function policyRoutes(o: PolicyRoutesOptions): Controller {
  const one = `${o.path}/:vhost/:name`;
  const stored = (ctx: RequestContext): { vhost: Vhost; value: Json } => {
    o.check(ctx, ctx.params.vhost!);
    const vhost = requireVhost(ctx);
    return { vhost, value: found<Json>(vhost.parameters.get(o.kind, ctx.params.name!)) };
  };
  return [
    {
      method: "GET",
      path: o.path,
      access: "management",
      handler: (ctx) => {
        const all = [...ctx.broker.vhosts.values()].flatMap((v) => itemsOf(v, o.kind));
        return listReply(ctx, byPriority(inCallerVhosts(ctx, all)), { pageable: false });
      },
    },
    {
      method: "GET",
      path: `${o.path}/:vhost`,
      access: "management",
      handler: (ctx) => {
        requireVhostAccess(ctx, ctx.params.vhost!);
        return listReply(ctx, byPriority(itemsOf(requireVhost(ctx), o.kind)), { pageable: false });
      },
    },
    {
      method: "GET",
      path: one,
      access: o.access,
      handler: (ctx) => {
        const { vhost, value } = stored(ctx);
        return ok(policyItem(vhost.name, ctx.params.name!, value));
      },
    },
    {
      method: "PUT",
      path: one,
      access: o.access,
      handler: (ctx) => {
        o.check(ctx, ctx.params.vhost!);
        const vhost = vhostForPut(ctx);
        const body = objectBody(ctx);
        requireKeys(body, ["pattern", "definition"]);
        // RabbitMQ's node crashes turning a definition that is not an object into its property list
        if (!isObject(body.definition)) throw new HttpError(500, undefined);
        const name = ctx.params.name!;
        const isNew = vhost.parameters.get(o.kind, name) === undefined;
        applyChange(() => setAny(vhost, o.kind, name, policyValue(body.pattern, body.definition as Record<string, unknown>, body.priority, body["apply-to"])), o.escapeErrors);
        return created(isNew);
      },
    },
    {
      method: "DELETE",
      path: one,
      access: o.access,
      handler: (ctx) => {
        const { vhost } = stored(ctx);
        if (!clearAny(vhost, o.kind, ctx.params.name!)) throw objectNotFound();
        return noContent();
      },
    },
  ];
}
