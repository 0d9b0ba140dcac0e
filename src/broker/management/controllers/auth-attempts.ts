import { objectNotFound } from "../http-error.js";
import type { Controller, RequestContext, Route } from "../route.js";
import { noContent, ok } from "../route.js";

/** The :node segment must name this node (a single-node cluster); anything else is RabbitMQ's 404. */
function requireThisNode(ctx: RequestContext): void {
  if (ctx.params.node !== ctx.broker.node.name) throw objectNotFound();
}

const attemptRoutes = (path: string, rows: (ctx: RequestContext) => unknown[]): Route[] => [
  {
    method: "GET",
    path,
    access: "monitoring",
    handler: (ctx) => {
      requireThisNode(ctx);
      return ok(rows(ctx));
    },
  },
  {
    // either path resets both tables, as rabbit_core_metrics:reset_auth_attempt_metrics does
    method: "DELETE",
    path,
    access: "monitoring",
    handler: (ctx) => {
      requireThisNode(ctx);
      ctx.broker.authAttempts.reset();
      return noContent();
    },
  },
];

/** GET /api/auth (the login page's OAuth settings, for anyone) and the node's login attempt counters (monitoring). */
export const authAttemptsController: Controller = [
  // warren has no OAuth 2 (UAA) support, which is also RabbitMQ's answer without that plugin configured
  { method: "GET", path: "/auth", access: "public", handler: () => ok({ enable_uaa: false, uaa_client_id: "", uaa_location: "" }) },
  ...attemptRoutes("/auth/attempts/:node", (ctx) => ctx.broker.authAttempts.totals()),
  ...attemptRoutes("/auth/attempts/:node/source", (ctx) => ctx.broker.authAttempts.sources()),
];
