import { storedValue } from "../../parameters/json.js";
import { objectBody, requireKeys } from "../access-control-body.js";
import { objectNotFound } from "../http-error.js";
import { listReply } from "../listing.js";
import { found } from "../lookup.js";
import { requirePolicymaker } from "../policy-access.js";
import type { Controller } from "../route.js";
import { created, noContent, ok } from "../route.js";

/** /api/global-parameters: cluster-wide runtime parameters (internal_cluster_id among them), for policymakers. */
export const globalParametersController: Controller = [
  {
    method: "GET",
    path: "/global-parameters",
    access: "management",
    handler: (ctx) => {
      requirePolicymaker(ctx);
      return listReply(ctx, ctx.broker.globalParameters.list(), { pageable: false });
    },
  },
  {
    method: "GET",
    path: "/global-parameters/:name",
    access: "management",
    handler: (ctx) => {
      requirePolicymaker(ctx);
      const name = ctx.params.name!;
      return ok({ value: found(ctx.broker.globalParameters.get(name)), name });
    },
  },
  {
    method: "PUT",
    path: "/global-parameters/:name",
    access: "management",
    handler: (ctx) => {
      requirePolicymaker(ctx);
      const body = objectBody(ctx);
      requireKeys(body, ["value"]);
      return created(ctx.broker.globalParameters.set(ctx.params.name!, storedValue(body.value)));
    },
  },
  {
    method: "DELETE",
    path: "/global-parameters/:name",
    access: "management",
    handler: (ctx) => {
      requirePolicymaker(ctx);
      if (!ctx.broker.globalParameters.delete(ctx.params.name!)) throw objectNotFound();
      return noContent();
    },
  },
];
