// /api/connections: list, show and close client connections, by name, vhost or user.
import type { Connection } from "../../connection/connection.js";
import { HttpError, objectNotFound } from "../http-error.js";
import { type Controller, noContent, ok, type RequestContext } from "../route.js";
import { requireVhostAccess } from "../vhost-access.js";
import { channelJson } from "./channel-json.js";
import { connectionListReply, requireOwnerOr, visibleTo } from "./conn-visibility.js";
import { connectionJson, connectionSingleJson, trackedConnectionJson } from "./connection-json.js";
import { connectionName, listedConnections } from "./connection-names.js";
import { byVhostAndName } from "./erlang-order.js";

const live = (ctx: RequestContext): Connection[] => listedConnections(ctx.broker.connections);

function findConnection(ctx: RequestContext): Connection | undefined {
  const name = ctx.params.name ?? "";
  return live(ctx).find((c) => connectionName(c) === name);
}

function listConnections(ctx: RequestContext) {
  const node = ctx.broker.node.name;
  const format = ctx.query.get("disable_stats") === "true" ? trackedConnectionJson : connectionJson;
  const rows = live(ctx).filter(visibleTo(ctx)).map((c) => format(c, node));
  return connectionListReply(ctx, byVhostAndName(rows), true);
}

function vhostConnections(ctx: RequestContext) {
  const vhost = ctx.params.vhost ?? "";
  requireVhostAccess(ctx, vhost);
  if (!ctx.broker.vhosts.has(vhost)) throw objectNotFound();
  const node = ctx.broker.node.name;
  const rows = live(ctx).filter((c) => c.vhost?.name === vhost && visibleTo(ctx)(c)).map((c) => connectionJson(c, node));
  return connectionListReply(ctx, byVhostAndName(rows), false);
}

function showConnection(ctx: RequestContext) {
  const c = findConnection(ctx);
  requireOwnerOr(ctx, c?.user?.name, "monitoring");
  if (c === undefined) throw objectNotFound();
  if (ctx.query.get("disable_stats") === "true") return ok({ name: connectionName(c) });
  return ok(connectionSingleJson(c, ctx.broker.node.name));
}

/** The X-Reason header, or RabbitMQ's default; the client sees it after CONNECTION_FORCED. */
const reasonOf = (ctx: RequestContext): string => {
  const h = ctx.req.headers["x-reason"];
  const v = Array.isArray(h) ? h[0] : h;
  return v === undefined ? "Closed via management plugin" : Buffer.from(v, "latin1").toString("utf8");
};

const forceClose = (c: Connection, reason: string): void => c.close(320, `CONNECTION_FORCED - ${reason}`);

function closeConnection(ctx: RequestContext) {
  const c = findConnection(ctx);
  requireOwnerOr(ctx, c?.user?.name, "administrator");
  if (c === undefined) throw objectNotFound();
  forceClose(c, reasonOf(ctx));
  return noContent();
}

function userConnections(ctx: RequestContext) {
  const user = ctx.params.user ?? "";
  // RabbitMQ checks the caller against a list here, which always crashes its check for users without the tag
  requireOwnerOr(ctx, undefined, "monitoring");
  const node = ctx.broker.node.name;
  const rows = live(ctx).filter((c) => c.user?.name === user && visibleTo(ctx)(c)).map((c) => trackedConnectionJson(c, node));
  return connectionListReply(ctx, byVhostAndName(rows), true);
}

function closeUserConnections(ctx: RequestContext) {
  const user = ctx.params.user ?? "";
  requireOwnerOr(ctx, undefined, "administrator");
  const reason = reasonOf(ctx);
  for (const c of live(ctx)) if (c.user?.name === user) forceClose(c, reason);
  return noContent();
}

function connectionChannels(ctx: RequestContext) {
  const c = findConnection(ctx);
  requireOwnerOr(ctx, c?.user?.name, "monitoring");
  // RabbitMQ's handler fails on an unknown connection: an empty 500
  if (c === undefined) throw new HttpError(500, undefined);
  const node = ctx.broker.node.name;
  return connectionListReply(ctx, byVhostAndName([...c.channels.values()].map((ch) => channelJson(ch, node))), false);
}

export const connectionsController: Controller = [
  { method: "GET", path: "/connections", access: "management", handler: listConnections },
  { method: "GET", path: "/vhosts/:vhost/connections", access: "management", handler: vhostConnections },
  { method: "GET", path: "/connections/:name", access: "management", handler: showConnection },
  { method: "DELETE", path: "/connections/:name", access: "management", handler: closeConnection },
  { method: "GET", path: "/connections/username/:user", access: "management", handler: userConnections },
  { method: "DELETE", path: "/connections/username/:user", access: "management", handler: closeUserConnections },
  { method: "GET", path: "/connections/:name/channels", access: "management", handler: connectionChannels },
];
