import { clearAny, setParameter } from "../../parameters/components.js";
import { type Json, storedValue } from "../../parameters/json.js";
import type { ParameterEntry } from "../../parameters/runtime-parameters.js";
import type { Vhost } from "../../vhost/vhost.js";
import { objectBody, requireKeys, sortedBy } from "../access-control-body.js";
import { HttpError, objectNotFound } from "../http-error.js";
import { listReply } from "../listing.js";
import { found, requireVhost } from "../lookup.js";
import { applyChange, inCallerVhosts, requirePolicyAccess } from "../policy-access.js";
import type { Controller, RequestContext } from "../route.js";
import { created, noContent, ok } from "../route.js";

interface Item {
  readonly value: Json;
  readonly vhost: string;
  readonly component: string;
  readonly name: string;
}

const item = (v: Vhost, e: ParameterEntry): Item => ({ value: e.value, vhost: v.name, component: e.component, name: e.name });

/** A vhost's parameters of one component, or (none named) of all but policies, which RabbitMQ lists elsewhere. */
function itemsOf(v: Vhost, component: string | undefined): Item[] {
  const entries = component === undefined ? v.parameters.list().filter((e) => e.component !== "policy") : v.parameters.list(component);
  return entries.map((e) => item(v, e));
}

const reply = (ctx: RequestContext, items: Item[]) => listReply(ctx, sortedBy(inCallerVhosts(ctx, items), ["vhost", "name", "component"]) as unknown as Record<string, unknown>[], { pageable: false });

const everywhere = (ctx: RequestContext, component: string | undefined): Item[] => [...ctx.broker.vhosts.values()].flatMap((v) => itemsOf(v, component));

function putParameter(ctx: RequestContext) {
  requirePolicyAccess(ctx, ctx.params.vhost);
  const vhost = ctx.broker.vhosts.get(ctx.params.vhost!);
  // the vhost is checked before the body is read
  if (vhost === undefined) throw new HttpError(404, "not_found", "vhost_not_found");
  const body = objectBody(ctx);
  requireKeys(body, ["value"]);
  const { component, name } = ctx.params as { component: string; name: string };
  const isNew = vhost.parameters.get(component, name) === undefined;
  applyChange(() => setParameter(vhost, component, name, storedValue(body.value)), true);
  return created(isNew);
}

function deleteParameter(ctx: RequestContext) {
  requirePolicyAccess(ctx, ctx.params.vhost);
  const vhost = requireVhost(ctx);
  const { component, name } = ctx.params as { component: string; name: string };
  if (vhost.parameters.get(component, name) === undefined) throw objectNotFound();
  // RabbitMQ refuses to clear a policy this way and its handler crashes on the refusal
  if (component === "policy") throw new HttpError(500, undefined);
  applyChange(() => clearAny(vhost, component, name), true);
  return noContent();
}

/** /api/parameters: runtime parameters by component and vhost, for policymakers (operator policies and vhost limits included). */
export const parametersController: Controller = [
  {
    method: "GET",
    path: "/parameters",
    access: "management",
    handler: (ctx) => {
      requirePolicyAccess(ctx, undefined);
      return reply(ctx, everywhere(ctx, undefined));
    },
  },
  {
    method: "GET",
    path: "/parameters/:component",
    access: "management",
    handler: (ctx) => {
      requirePolicyAccess(ctx, undefined);
      return reply(ctx, everywhere(ctx, ctx.params.component!));
    },
  },
  {
    method: "GET",
    path: "/parameters/:component/:vhost",
    access: "management",
    handler: (ctx) => {
      requirePolicyAccess(ctx, ctx.params.vhost);
      return reply(ctx, itemsOf(requireVhost(ctx), ctx.params.component!));
    },
  },
  {
    method: "GET",
    path: "/parameters/:component/:vhost/:name",
    access: "management",
    handler: (ctx) => {
      requirePolicyAccess(ctx, ctx.params.vhost);
      const vhost = requireVhost(ctx);
      const { component, name } = ctx.params as { component: string; name: string };
      return ok(item(vhost, { component, name, value: found<Json>(vhost.parameters.get(component, name)) }));
    },
  },
  { method: "PUT", path: "/parameters/:component/:vhost/:name", access: "management", handler: putParameter },
  { method: "DELETE", path: "/parameters/:component/:vhost/:name", access: "management", handler: deleteParameter },
];
