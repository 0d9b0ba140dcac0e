// /api/bindings: list bindings, create one (POST, answered with its Location), show or delete one by its
// properties_key.
import type { FieldTable } from "../../../protocol/index.js";
import type { Exchange } from "../../exchange/exchange.js";
import { checkNotDefault } from "../../connection/resolve.js";
import { notFound } from "../../errors.js";
import { bind, type BindingSpec, bindingOf, unbind } from "../../vhost/bind.js";
import { checkQueueOwner } from "../../vhost/declare-queue.js";
import type { Vhost } from "../../vhost/vhost.js";
import { jsonToTable } from "../amqp-json.js";
import { argumentsHash, parsePropertiesKey, propertiesKey, quotePlus } from "../binding-key.js";
import { HttpError, objectNotFound } from "../http-error.js";
import { listReply } from "../listing.js";
import { type Controller, noContent, ok, type Reply, type RequestContext } from "../route.js";
import { requirePermission } from "../vhost-access.js";
import { asHttp, directError } from "./amqp-errors.js";
import { bindingJson, implicitBinding, sortBindings, vhostBindings } from "./binding-json.js";
import { exchangeParam } from "./exchanges.js";
import { bodyOf, textField } from "./request-fields.js";
import { directVhost, listedVhosts, pathVhost, readableVhost } from "./vhost-scope.js";

type DestKind = "queue" | "exchange";

function listBindings(ctx: RequestContext) {
  return listReply(ctx, sortBindings(listedVhosts(ctx).flatMap(vhostBindings)), { pageable: false });
}

/** The bindings from one exchange to one queue or exchange (neither need exist). */
function between(vhost: Vhost, source: string, kind: DestKind, dest: string): Record<string, unknown>[] {
  const rows = source === "" && kind === "queue" ? [implicitBinding(vhost.name, dest)] : [];
  const x = vhost.exchanges.get(source);
  if (x !== undefined) for (const b of x.allBindings()) if (b.destKind === kind && b.destination === dest) rows.push(bindingJson(vhost.name, b));
  return sortBindings(rows);
}

const listBetween = (kind: DestKind) => (ctx: RequestContext) => {
  const v = readableVhost(ctx);
  return ok(v === undefined ? [] : between(v, exchangeParam(ctx, "source"), kind, exchangeParam(ctx, "dest")));
};

/** queue.bind / exchange.bind permissions: write on the destination, read on the source (never the default exchange). */
function authorizeBinding(ctx: RequestContext, vhost: Vhost, source: string, kind: DestKind, dest: string): void {
  requirePermission(ctx, vhost.name, "write", dest);
  if (kind === "exchange") checkNotDefault(dest);
  checkNotDefault(source);
  requirePermission(ctx, vhost.name, "read", source);
}

/** The source exchange and destination a binding request names, each or RabbitMQ's 404 (source first). */
function endpoints(vhost: Vhost, source: string, kind: DestKind, dest: string): Exchange {
  const x = vhost.exchanges.get(source);
  if (x === undefined) throw notFound(`no exchange '${source}' in vhost '${vhost.name}'`);
  if (kind === "exchange") {
    if (!vhost.exchanges.has(dest)) throw notFound(`no exchange '${dest}' in vhost '${vhost.name}'`);
  } else {
    const q = vhost.queues.get(dest);
    if (q === undefined) throw notFound(`no queue '${dest}' in vhost '${vhost.name}'`);
    checkQueueOwner(q, undefined);
  }
  return x;
}

/** rabbit_web_dispatch_util:relativise over path segments. */
function relativise(from: readonly string[], to: readonly string[]): string[] {
  if (from.length === 1 && to[0] === from[0]) return [...to];
  if (from.length > 0 && to.length > 0 && from[0] === to[0]) return relativise(from.slice(1), to.slice(1));
  if (to.length === 0) return Array<string>(from.length).fill("..");
  return [...Array<string>(Math.max(0, from.length - 1)).fill(".."), ...to];
}

/** RabbitMQ's Location: the new binding's URL (every segment quoted, the properties_key thus twice) relative to the request's. */
function location(ctx: RequestContext, target: string): string {
  const segments = (p: string): string[] => p.split("/").filter((s) => s !== "");
  return relativise(segments((ctx.req.url ?? "/").split("?")[0]!), segments(target)).join("/");
}

const createBinding = (kind: DestKind) => (ctx: RequestContext): Reply => {
  const vhost = directVhost(ctx);
  const body = bodyOf(ctx);
  const routingKey = textField(body, "routing_key", "");
  let args;
  try {
    args = jsonToTable(body.arguments);
  } catch {
    // RabbitMQ reads binding arguments outside its error handling: any bad value is an empty 500
    throw new HttpError(500, undefined);
  }
  const source = exchangeParam(ctx, "source");
  const dest = exchangeParam(ctx, "dest");
  asHttp(directError, () => {
    authorizeBinding(ctx, vhost, source, kind, dest);
    bind(vhost, endpoints(vhost, source, kind, dest), { destKind: kind, destination: dest, routingKey, arguments: args });
  });
  const segments = [vhost.name, source, kind === "queue" ? "q" : "e", dest, propertiesKey(routingKey, args)].map(quotePlus);
  const target = `/api/bindings/${segments[0]}/e/${segments.slice(1).join("/")}`;
  return { status: 201, headers: { location: location(ctx, target) } };
};

/** The binding a properties_key names: the key from it, the arguments of a binding whose hash matches. */
function bindingAt(ctx: RequestContext, kind: DestKind): { vhost: Vhost; source: Exchange; spec: BindingSpec; binding: Record<string, unknown> } {
  const vhost = pathVhost(ctx);
  const source = vhost.exchanges.get(exchangeParam(ctx, "source"));
  const parsed = parsePropertiesKey(ctx.params.props ?? "");
  if (source === undefined || parsed === undefined) throw objectNotFound();
  const dest = exchangeParam(ctx, "dest");
  const candidates: FieldTable[] = [...source.allBindings()].filter((b) => b.destKind === kind && b.destination === dest).map((b) => b.arguments);
  // the default exchange's only binding to a queue is the implicit one: by the queue's name, without arguments
  const implicit = source.name === "" && kind === "queue";
  if (implicit) candidates.push(new Map());
  const args = parsed.hash === undefined ? new Map() : candidates.find((a) => argumentsHash(a) === parsed.hash);
  if (args === undefined) throw objectNotFound();
  const spec: BindingSpec = { destKind: kind, destination: dest, routingKey: parsed.routingKey, arguments: args };
  const exists = implicit
    ? parsed.routingKey === dest && args.size === 0 && vhost.queues.has(dest)
    : source.getBinding(bindingOf(source, spec).id) !== undefined;
  if (!exists) throw objectNotFound();
  return { vhost, source, spec, binding: bindingJson(vhost.name, { source: source.name, ...spec, arguments: bindingOf(source, spec).arguments }) };
}

const showBinding = (kind: DestKind) => (ctx: RequestContext) => ok(bindingAt(ctx, kind).binding);

const deleteBinding = (kind: DestKind) => (ctx: RequestContext) => {
  const { vhost, source, spec } = bindingAt(ctx, kind);
  asHttp(directError, () => {
    authorizeBinding(ctx, vhost, source.name, kind, spec.destination);
    unbind(vhost, source, spec);
  });
  return noContent();
};

export const bindingsController: Controller = [
  { method: "GET", path: "/bindings", access: "management", handler: listBindings },
  { method: "GET", path: "/bindings/:vhost", access: "management", handler: listBindings },
  { method: "GET", path: "/bindings/:vhost/e/:source/q/:dest", access: "management", handler: listBetween("queue") },
  { method: "POST", path: "/bindings/:vhost/e/:source/q/:dest", access: "management", handler: createBinding("queue") },
  { method: "GET", path: "/bindings/:vhost/e/:source/e/:dest", access: "management", handler: listBetween("exchange") },
  { method: "POST", path: "/bindings/:vhost/e/:source/e/:dest", access: "management", handler: createBinding("exchange") },
  { method: "GET", path: "/bindings/:vhost/e/:source/q/:dest/:props", access: "management", handler: showBinding("queue") },
  { method: "DELETE", path: "/bindings/:vhost/e/:source/q/:dest/:props", access: "management", handler: deleteBinding("queue") },
  { method: "GET", path: "/bindings/:vhost/e/:source/e/:dest/:props", access: "management", handler: showBinding("exchange") },
  { method: "DELETE", path: "/bindings/:vhost/e/:source/e/:dest/:props", access: "management", handler: deleteBinding("exchange") },
];
