// /api/queues/v/q/{contents,get,actions,bindings}: purge, fetch messages, mirror sync actions, the queue's bindings.
import { accessRefused, describe } from "../../errors.js";
import type { QueuedMessage } from "../../message.js";
import { recordGet } from "../../stats/record.js";
import { checkQueueOwner, requireQueueIn } from "../../vhost/declare-queue.js";
import { isUtf8, propertiesToJson } from "../amqp-json.js";
import { badRequest, HttpError, keysMissing } from "../http-error.js";
import { type Controller, noContent, ok, type RequestContext } from "../route.js";
import { requirePermission, requireVhostAccess } from "../vhost-access.js";
import { asHttp, channelCallError, directError } from "./amqp-errors.js";
import { implicitBinding, explicitBindings, sortBindings } from "./binding-json.js";
import { pathQueue } from "./queues.js";
import { channelVhost, readableVhost } from "./vhost-scope.js";
import { bodyOf, intField, missingKeys } from "./request-fields.js";

function purge(ctx: RequestContext) {
  const q = pathQueue(ctx);
  requirePermission(ctx, q.vhost.name, "read", q.name);
  asHttp(directError, () => checkQueueOwner(q, undefined));
  q.purge();
  return noContent();
}

type AckMode = "ack_requeue_true" | "ack_requeue_false" | "reject_requeue_true" | "reject_requeue_false";
const ACK_MODES: readonly string[] = ["ack_requeue_true", "ack_requeue_false", "reject_requeue_true", "reject_requeue_false"];

function messageJson(qm: QueuedMessage, remaining: number, base64: boolean, truncate: number | undefined): Record<string, unknown> {
  const m = qm.message;
  const shown = truncate !== undefined && m.body.length >= truncate ? m.body.subarray(0, Math.max(0, truncate)) : m.body;
  const asText = !base64 && isUtf8(shown);
  return {
    payload_bytes: m.body.length,
    redelivered: qm.redelivered,
    exchange: m.exchange,
    routing_key: m.routingKey,
    message_count: remaining,
    properties: propertiesToJson(m.properties),
    payload: asText ? shown.toString("utf8") : shown.toString("base64"),
    payload_encoding: asText ? "string" : "base64",
  };
}

/** The read permission basic.get needs, refused as a closed channel reports it. */
function authorizeGet(ctx: RequestContext, vhost: string, queue: string): void {
  if (ctx.broker.permissions.check(vhost, ctx.user.name, "read", queue)) return;
  throw accessRefused(`access to ${describe("queue", queue, vhost)} refused for user '${ctx.user.name}'`);
}

/**
 * POST .../get: basic.get up to `count` times (a negative count: until empty) on a channel of its own; messages
 * taken with an ack mode stay unacked until that channel ends, so they come back requeued (ack_requeue_true,
 * reject_requeue_true) or are dropped/dead-lettered (reject_requeue_false); ack_requeue_false gets without ack.
 */
function getMessages(ctx: RequestContext) {
  requireVhostAccess(ctx, ctx.params.vhost ?? "");
  const body = bodyOf(ctx);
  const missing = missingKeys(body, ["ackmode", "count", "encoding"]);
  if (missing.length > 0) throw keysMissing(missing);
  const vhost = channelVhost(ctx);
  const count = intField(body.count);
  if (body.encoding !== "auto" && body.encoding !== "base64") throw badRequest("Unsupported encoding. Please use auto or base64.");
  const truncate = body.truncate === undefined || body.truncate === null ? undefined : intField(body.truncate);
  if (count === 0) return ok([]);
  // an unknown ack mode crashes RabbitMQ's handler: an empty 500
  if (typeof body.ackmode !== "string" || !ACK_MODES.includes(body.ackmode)) throw new HttpError(500, undefined);
  const mode = body.ackmode as AckMode;
  const noAck = mode === "ack_requeue_false";
  const name = ctx.params.name ?? "";
  const taken: QueuedMessage[] = [];
  const out = asHttp(channelCallError, () => {
    authorizeGet(ctx, vhost.name, name);
    const q = requireQueueIn(vhost, name, undefined);
    const replies: Record<string, unknown>[] = [];
    for (let i = 0; count < 0 || i < count; i++) {
      const qm = q.take();
      recordGet(undefined, vhost, q, qm, noAck, false);
      if (qm === undefined) break;
      if (noAck) q.settle(qm);
      else taken.push(qm);
      replies.push(messageJson(qm, q.messageCount, body.encoding === "base64", truncate));
    }
    if (mode === "reject_requeue_false") for (const qm of taken) q.reject(qm);
    else if (taken.length > 0) q.requeue(taken);
    return replies;
  });
  return ok(out);
}

/** Accept negotiation for a route that only offers text/html (RabbitMQ's actions endpoint): 406 otherwise. */
function acceptsHtml(ctx: RequestContext): boolean {
  const accept = ctx.req.headers.accept;
  if (accept === undefined || accept.trim() === "") return true;
  return accept.split(",").some((part) => {
    const [type = "", ...params] = part.trim().split(";").map((s) => s.trim().toLowerCase());
    const q = params.find((p) => p.startsWith("q="));
    if (q !== undefined && Number(q.slice(2)) === 0) return false;
    return type === "*/*" || type === "text/*" || type === "text/html";
  });
}

/** POST .../actions: sync and cancel_sync answer 204 (warren queues have no mirrors to sync); anything else is unknown. */
function queueAction(ctx: RequestContext) {
  if (!acceptsHtml(ctx)) throw new HttpError(406, undefined);
  const body = bodyOf(ctx);
  if (body.action === undefined) throw keysMissing(["action"]);
  const vhost = ctx.broker.vhosts.get(ctx.params.vhost ?? "");
  // a missing queue fails inside RabbitMQ's handler: an empty 500
  if (vhost?.queues.get(ctx.params.name ?? "") === undefined) throw new HttpError(500, undefined);
  if (body.action === "sync" || body.action === "cancel_sync") return noContent();
  throw badRequest(["unknown", body.action]);
}

/** GET .../bindings: the implicit default-exchange binding (even for a queue that does not exist), then the declared ones. */
function queueBindings(ctx: RequestContext) {
  const vhost = readableVhost(ctx);
  if (vhost === undefined) return ok([]);
  const name = ctx.params.name ?? "";
  const rows = [implicitBinding(vhost.name, name), ...explicitBindings(vhost, (b) => b.destKind === "queue" && b.destination === name)];
  return ok(sortBindings(rows));
}

export const queueActionsController: Controller = [
  { method: "DELETE", path: "/queues/:vhost/:name/contents", access: "management", handler: purge },
  { method: "POST", path: "/queues/:vhost/:name/get", access: "management", handler: getMessages },
  { method: "POST", path: "/queues/:vhost/:name/actions", access: "administrator", handler: queueAction },
  { method: "GET", path: "/queues/:vhost/:name/bindings", access: "management", handler: queueBindings },
];
