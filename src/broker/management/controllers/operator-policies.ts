import { policyRoutes } from "../policy-routes.js";
import type { Controller } from "../route.js";

/** /api/operator-policies: lists like policies; reading, setting or deleting one takes an administrator. */
export const operatorPoliciesController: Controller = policyRoutes({
  path: "/operator-policies",
  kind: "operator_policy",
  access: "administrator",
  check: () => {},
  escapeErrors: false,
});
