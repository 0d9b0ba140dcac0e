import { requirePolicyAccess } from "../policy-access.js";
import { policyRoutes } from "../policy-routes.js";
import type { Controller } from "../route.js";

/** /api/policies: lists for any management user (filtered to their vhosts), one policy for policymakers with access to its vhost. */
export const policiesController: Controller = policyRoutes({
  path: "/policies",
  kind: "policy",
  access: "management",
  check: requirePolicyAccess,
  escapeErrors: true,
});
