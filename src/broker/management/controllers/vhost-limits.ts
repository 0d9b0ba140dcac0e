import { type Json, isObject } from "../../parameters/json.js";
import { clearLimit, storedLimits, updateLimit } from "../../vhost/limits.js";
import type { Vhost } from "../../vhost/vhost.js";
import { objectBody, requireJsonContentType, requireKeys } from "../access-control-body.js";
import { HttpError } from "../http-error.js";
import { listReply } from "../listing.js";
import { requireVhost } from "../lookup.js";
import { applyChange } from "../policy-access.js";
import type { Controller } from "../route.js";
import { noContent } from "../route.js";
import { canSeeVhost, requireVhostAccess } from "../vhost-access.js";

const limitsItem = (v: Vhost, value: Json) => ({ vhost: v.name, value });

/** /api/vhost-limits: max-connections and max-queues per vhost; reading needs sight of the vhost, changing an administrator. */
export const vhostLimitsController: Controller = [
  {
    method: "GET",
    path: "/vhost-limits",
    access: "management",
    handler: (ctx) => {
      const items = [...ctx.broker.vhosts.values()]
        .filter((v) => canSeeVhost(ctx, v.name))
        .flatMap((v) => {
          const value = storedLimits(v);
          return value === undefined ? [] : [limitsItem(v, value)];
        })
        .sort((a, b) => Buffer.compare(Buffer.from(a.vhost), Buffer.from(b.vhost)));
      return listReply(ctx, items, { pageable: false });
    },
  },
  {
    method: "GET",
    path: "/vhost-limits/:vhost",
    access: "management",
    handler: (ctx) => {
      requireVhostAccess(ctx, ctx.params.vhost!, "visible");
      const v = requireVhost(ctx);
      const value = storedLimits(v);
      // one vhost's listing leaves out limits that were all removed, unlike the full listing
      const set = value !== undefined && (isObject(value) ? Object.keys(value).length > 0 : !Array.isArray(value) || value.length > 0);
      return listReply(ctx, set ? [limitsItem(v, value)] : [], { pageable: false });
    },
  },
  {
    method: "PUT",
    path: "/vhost-limits/:vhost/:name",
    access: "administrator",
    handler: (ctx) => {
      requireJsonContentType(ctx);
      const v = ctx.broker.vhosts.get(ctx.params.vhost!);
      if (v === undefined) throw new HttpError(404, "not_found", "vhost_not_found");
      const body = objectBody(ctx);
      requireKeys(body, ["value"]);
      applyChange(() => updateLimit(v, ctx.params.name!, body.value as Json), false);
      return noContent();
    },
  },
  {
    method: "DELETE",
    path: "/vhost-limits/:vhost/:name",
    access: "administrator",
    handler: (ctx) => {
      const v = ctx.broker.vhosts.get(ctx.params.vhost!);
      // RabbitMQ's handler crashes on a vhost that does not exist
      if (v === undefined) throw new HttpError(500, undefined);
      applyChange(() => clearLimit(v, ctx.params.name!), false);
      return noContent();
    },
  },
];
