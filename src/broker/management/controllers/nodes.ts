import { memoryReport, nodeReport, relativeMemoryReport } from "../../node/report.js";
import { HttpError, objectNotFound } from "../http-error.js";
import { listReply, projectColumns } from "../listing.js";
import type { Controller, RequestContext, Route } from "../route.js";
import { ok } from "../route.js";

/** The named node must be this one: a standalone node knows no other. */
function requireThisNode(ctx: RequestContext, unknown: () => HttpError): void {
  if (ctx.params.node !== ctx.broker.node.name) throw unknown();
}

/** A memory view of this node; an unknown node is a 404 on these routes. */
function memoryRoute(path: string, view: () => Record<string, unknown>): Route {
  return {
    method: "GET",
    path,
    access: "monitoring",
    handler: (ctx) => {
      requireThisNode(ctx, objectNotFound);
      return ok({ memory: view() });
    },
  };
}

const report = (ctx: RequestContext): Record<string, unknown> => nodeReport(ctx.broker, { memory: ctx.query.get("memory") === "true" });

/** GET /api/nodes[/{node}[/memory[/relative]]]: the node's identity, resources, limits and alarms. */
export const nodesController: Controller = [
  { method: "GET", path: "/nodes", access: "monitoring", handler: (ctx) => listReply(ctx, [report(ctx)], { pageable: false }) },
  {
    method: "GET",
    path: "/nodes/:node",
    access: "monitoring",
    handler: (ctx) => {
      // RabbitMQ answers an unknown node here with an empty 500 (its RPC to the node fails)
      requireThisNode(ctx, () => new HttpError(500, undefined));
      return ok(projectColumns([report(ctx)], ctx.query.get("columns"))[0]);
    },
  },
  memoryRoute("/nodes/:node/memory", memoryReport),
  memoryRoute("/nodes/:node/memory/relative", relativeMemoryReport),
];
