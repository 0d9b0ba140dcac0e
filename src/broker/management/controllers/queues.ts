// /api/queues: list, show, declare (PUT) and delete classic queues.
import type { FieldTable } from "../../../protocol/index.js";
import { preconditionFailed } from "../../errors.js";
import { qualifiedNodeName } from "../../node/identity.js";
import type { Queue } from "../../queue/queue.js";
import { declareQueue, deleteQueue, requireQueueIn } from "../../vhost/declare-queue.js";
import type { Vhost } from "../../vhost/vhost.js";
import { jsonToTable } from "../amqp-json.js";
import { badRequest } from "../http-error.js";
import { listReply, projectOne } from "../listing.js";
import { found } from "../lookup.js";
import { type Controller, created, noContent, ok, type RequestContext } from "../route.js";
import { requirePermission } from "../vhost-access.js";
import { asHttp, directError } from "./amqp-errors.js";
import { byVhostAndName } from "./erlang-order.js";
import { queueFull, queueSingle, queueStatic, queueWithTotals } from "./queue-json.js";
import { type Body, bodyOf, boolField } from "./request-fields.js";
import { directVhost, listedVhosts, pathVhost } from "./vhost-scope.js";

/** The queue named in the path (after the vhost checks), or RabbitMQ's plain 404. */
export function pathQueue(ctx: RequestContext): Queue {
  return found(pathVhost(ctx).queues.get(ctx.params.name ?? ""));
}

/** columns=a,b.c on a single object. */
export function withColumns(ctx: RequestContext, obj: Record<string, unknown>): Record<string, unknown> {
  const cols = ctx.query.get("columns");
  if (cols === null || cols === "") return obj;
  return projectOne(obj, cols.split(",").map((c) => c.trim().split(".")).filter((p) => p[0] !== ""));
}

function listQueues(ctx: RequestContext) {
  const node = ctx.broker.node.name;
  const q = ctx.query;
  const noStats = q.get("disable_stats") === "true";
  const format = !noStats ? queueFull : q.get("enable_queue_totals") === "true" ? queueWithTotals : queueStatic;
  const rows = listedVhosts(ctx).flatMap((v) => [...v.queues.values()].map((queue) => format(queue, node)));
  return listReply(ctx, byVhostAndName(rows), { pageable: true });
}

function showQueue(ctx: RequestContext) {
  const q = pathQueue(ctx);
  const node = ctx.broker.node.name;
  if (ctx.query.get("disable_stats") === "true") {
    const { policy: _policy, ...record } = queueStatic(q, node);
    return ok(withColumns(ctx, record));
  }
  return ok(withColumns(ctx, queueSingle(q, node)));
}

/** A `node` other than this one names a node warren cannot reach, as RabbitMQ reports an unreachable node. */
function checkNode(ctx: RequestContext, body: Body): void {
  if (typeof body.node !== "string") return;
  const wanted = qualifiedNodeName(body.node);
  if (wanted === ctx.broker.node.name) return;
  const atom = /^[a-z][A-Za-z0-9_@]*$/.test(wanted) ? wanted : `'${wanted}'`;
  throw badRequest(`Node ${atom} could not be contacted`);
}

const longstr = (args: FieldTable, key: string): string | undefined => {
  const v = args.get(key);
  return v?.type === "S" ? v.value.toString("utf8") : undefined;
};

/** warren's queues are classic: declaring a quorum or stream queue is refused the way RabbitMQ refuses a type it lacks. */
function checkQueueType(vhost: Vhost, name: string, args: FieldTable): void {
  const type = longstr(args, "x-queue-type");
  if (type === undefined || type === "classic") return;
  throw preconditionFailed(`invalid arg 'x-queue-type' for queue '${name}' in vhost '${vhost.name}': "unsupported queue type '${type}'"`);
}

/** queue.declare's permissions: configure on the queue; creating one with a dead-letter exchange also read on it and write on the DLX. */
function authorizeDeclare(ctx: RequestContext, vhost: Vhost, name: string, args: FieldTable): void {
  if (name.startsWith("amq.")) return;
  requirePermission(ctx, vhost.name, "configure", name);
  const dlx = longstr(args, "x-dead-letter-exchange");
  if (vhost.queues.has(name) || dlx === undefined) return;
  requirePermission(ctx, vhost.name, "read", name);
  requirePermission(ctx, vhost.name, "write", dlx === "" ? "amq.default" : dlx);
}

function putQueue(ctx: RequestContext) {
  const vhost = directVhost(ctx);
  // queue names are AMQP shortstrs: RabbitMQ refuses a longer path name before it looks at the body
  const pathBytes = Buffer.byteLength(ctx.params.name ?? "");
  if (pathBytes > 255) throw badRequest(`queue should be less than 255 bytes, actually was ${pathBytes}\n`);
  const body = bodyOf(ctx);
  // as in RabbitMQ, a "queue" in the body names the queue instead of the path
  const name = typeof body.queue === "string" ? body.queue : (ctx.params.name ?? "");
  const durable = boolField(body, "durable", false);
  const autoDelete = boolField(body, "auto_delete", false);
  const args = jsonToTable(body.arguments);
  checkNode(ctx, body);
  return asHttp(directError, () => {
    if (body.passive === true) {
      requireQueueIn(vhost, name, undefined).touch();
      return noContent();
    }
    authorizeDeclare(ctx, vhost, name, args);
    if (!vhost.queues.has(name) && !name.startsWith("amq.")) checkQueueType(vhost, name, args);
    const exclusive = body.exclusive === true || body.exclusive === "true";
    const { queue, created: isNew } = declareQueue(vhost, undefined, { name, durable, autoDelete, exclusive, arguments: args });
    queue.touch();
    return created(isNew);
  });
}

function removeQueue(ctx: RequestContext) {
  const q = pathQueue(ctx);
  requirePermission(ctx, q.vhost.name, "configure", q.name);
  const ifUnused = ctx.query.get("if-unused") === "true";
  const ifEmpty = ctx.query.get("if-empty") === "true";
  asHttp(directError, () => {
    requireQueueIn(q.vhost, q.name, undefined);
    deleteQueue(q, { ifUnused, ifEmpty });
  });
  return noContent();
}

export const queuesController: Controller = [
  { method: "GET", path: "/queues", access: "management", handler: listQueues },
  { method: "GET", path: "/queues/:vhost", access: "management", handler: listQueues },
  { method: "GET", path: "/queues/:vhost/:name", access: "management", handler: showQueue },
  { method: "PUT", path: "/queues/:vhost/:name", access: "management", handler: putQueue },
  { method: "DELETE", path: "/queues/:vhost/:name", access: "management", handler: removeQueue },
];

