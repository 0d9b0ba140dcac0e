// /api/exchanges: list, show, declare (PUT), delete, and an exchange's bindings as source or destination.
import type { FieldTable } from "../../../protocol/index.js";
import { checkNotDefault } from "../../connection/resolve.js";
import { notFound } from "../../errors.js";
import { jsonText } from "../../json/json-text.js";
import { declareExchange, deleteExchange } from "../../vhost/declare-exchange.js";
import type { Vhost } from "../../vhost/vhost.js";
import { jsonToTable } from "../amqp-json.js";
import { badRequest } from "../http-error.js";
import { listReply } from "../listing.js";
import { found } from "../lookup.js";
import { type Controller, created, noContent, ok, type RequestContext } from "../route.js";
import { requirePermission } from "../vhost-access.js";
import { asHttp, directError } from "./amqp-errors.js";
import { explicitBindings, implicitBinding, sortBindings } from "./binding-json.js";
import { byVhostAndName } from "./erlang-order.js";
import { exchangeJson, exchangeSingleJson } from "./exchange-json.js";
import { withColumns } from "./queues.js";
import { bodyOf, boolField } from "./request-fields.js";
import { directVhost, listedVhosts, pathVhost, readableVhost } from "./vhost-scope.js";

/** The API addresses the default exchange (named "") as amq.default. */
export const exchangeParam = (ctx: RequestContext, param = "name"): string => {
  const n = ctx.params[param] ?? "";
  return n === "amq.default" ? "" : n;
};

function listExchanges(ctx: RequestContext) {
  const withStats = ctx.query.get("disable_stats") !== "true";
  const rows = listedVhosts(ctx).flatMap((v) => [...v.exchanges.values()].map((x) => exchangeJson(x, v.name, withStats)));
  return listReply(ctx, byVhostAndName(rows), { pageable: true });
}

function showExchange(ctx: RequestContext) {
  const vhost = pathVhost(ctx);
  const x = found(vhost.exchanges.get(exchangeParam(ctx)));
  return ok(withColumns(ctx, exchangeSingleJson(x, vhost.name, ctx.query.get("disable_stats") !== "true")));
}

/** exchange.declare's permissions: configure; creating one with an alternate exchange also read on it and write on the AE. */
function authorizeDeclare(ctx: RequestContext, vhost: Vhost, name: string, args: FieldTable): void {
  requirePermission(ctx, vhost.name, "configure", name);
  const ae = args.get("alternate-exchange");
  if (vhost.exchanges.has(name) || name.startsWith("amq.") || ae?.type !== "S") return;
  requirePermission(ctx, vhost.name, "read", name);
  requirePermission(ctx, vhost.name, "write", ae.value.toString("utf8"));
}

function typeOf(v: unknown): string {
  if (v === undefined) return "direct";
  if (typeof v === "string") return v;
  throw badRequest(`invalid exchange type '${v === null ? "null" : jsonText(v)}'`);
}

function putExchange(ctx: RequestContext) {
  const vhost = directVhost(ctx);
  const body = bodyOf(ctx);
  // as in RabbitMQ, an "exchange" in the body names the exchange instead of the path
  const named = typeof body.exchange === "string" ? body.exchange : (ctx.params.name ?? "");
  const name = named === "amq.default" ? "" : named;
  const durable = boolField(body, "durable", false);
  const autoDelete = boolField(body, "auto_delete", false);
  const internal = boolField(body, "internal", false);
  const args = jsonToTable(body.arguments);
  const type = typeOf(body.type);
  return asHttp(directError, () => {
    if (body.passive === true) {
      checkNotDefault(name);
      if (!vhost.exchanges.has(name)) throw notFound(`no exchange '${name}' in vhost '${vhost.name}'`);
      return noContent();
    }
    if (name !== "") authorizeDeclare(ctx, vhost, name, args);
    const { created: isNew } = declareExchange(vhost, { name, type, durable, autoDelete, internal, arguments: args, actingUser: ctx.user.name });
    return created(isNew);
  });
}

function removeExchange(ctx: RequestContext) {
  const vhost = pathVhost(ctx);
  const x = found(vhost.exchanges.get(exchangeParam(ctx)));
  asHttp(directError, () => {
    if (x.name !== "" && !x.name.startsWith("amq.")) requirePermission(ctx, vhost.name, "configure", x.name);
    deleteExchange(vhost, x.name, ctx.query.get("if-unused") === "true");
  });
  return noContent();
}

/** Bindings from or to an exchange; the exchange need not exist, and a vhost the caller cannot use lists nothing. */
function exchangeBindings(direction: "source" | "destination") {
  return (ctx: RequestContext) => {
    const vhost = readableVhost(ctx);
    if (vhost === undefined) return ok([]);
    const name = exchangeParam(ctx);
    if (direction === "destination") return ok(sortBindings(explicitBindings(vhost, (b) => b.destKind === "exchange" && b.destination === name)));
    // the default exchange's bindings are the implicit one of every queue
    if (name === "") return ok(sortBindings([...vhost.queues.keys()].map((q) => implicitBinding(vhost.name, q))));
    return ok(sortBindings(explicitBindings(vhost, (b) => b.source === name)));
  };
}

export const exchangesController: Controller = [
  { method: "GET", path: "/exchanges", access: "management", handler: listExchanges },
  { method: "GET", path: "/exchanges/:vhost", access: "management", handler: listExchanges },
  { method: "GET", path: "/exchanges/:vhost/:name", access: "management", handler: showExchange },
  { method: "PUT", path: "/exchanges/:vhost/:name", access: "management", handler: putExchange },
  { method: "DELETE", path: "/exchanges/:vhost/:name", access: "management", handler: removeExchange },
  { method: "GET", path: "/exchanges/:vhost/:name/bindings/source", access: "management", handler: exchangeBindings("source") },
  { method: "GET", path: "/exchanges/:vhost/:name/bindings/destination", access: "management", handler: exchangeBindings("destination") },
];
