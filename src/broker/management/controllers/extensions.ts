import { plainJson } from "../../json/json-value.js";
import { EXTENSION_OPS } from "../extensions/index.js";
import { badRequest, objectNotFound } from "../http-error.js";
import type { Controller, Reply, RequestContext } from "../route.js";
import { ok } from "../route.js";

/** How long a reply that stops the node may take to reach the client before the node stops anyway. */
const AFTER_REPLY_FALLBACK_MS = 1000;

async function runExtension(ctx: RequestContext): Promise<Reply> {
  const o = EXTENSION_OPS.get(ctx.params.name ?? "");
  if (o === undefined) throw objectNotFound();
  // warren's own endpoints take numbers as JavaScript does: 0.5 and 1.0 are just numbers there
  const body = plainJson(ctx.body ?? {});
  const parsed = o.body === undefined ? { success: true as const, data: body } : o.body.safeParse(body);
  if (!parsed.success) throw badRequest(`invalid request for ${o.name}: ${parsed.error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; ")}`);
  const json = await o.run(ctx, parsed.data);
  if (o.afterReply === undefined) return ok(json);
  // the node stops only after the reply went out: the connection closes after it, then the operation runs
  let ran = false;
  const after = (): void => {
    if (ran) return;
    ran = true;
    o.afterReply!(ctx);
  };
  ctx.req.socket.once("close", after);
  setTimeout(after, AFTER_REPLY_FALLBACK_MS).unref();
  return { json, headers: { connection: "close" } };
}

/**
 * GET /api/extensions (RabbitMQ's management UI extension list) and warren's node operations:
 * GET /api/warren/extensions lists them, POST /api/warren/extensions/{name} runs one.
 */
export const extensionsController: Controller = [
  { method: "GET", path: "/extensions", access: "management", handler: () => ok([{ javascript: "dispatcher.js" }]) },
  { method: "GET", path: "/warren/extensions", access: "management", handler: () => ok([...EXTENSION_OPS.keys()].sort().map((name) => ({ name }))) },
  { method: "POST", path: "/warren/extensions/:name", access: "administrator", handler: runExtension },
];
