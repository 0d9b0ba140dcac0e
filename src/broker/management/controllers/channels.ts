// /api/channels: list and show channels, all or per vhost.
import type { Channel } from "../../connection/channel.js";
import { objectNotFound } from "../http-error.js";
import { type Controller, ok, type RequestContext } from "../route.js";
import { requireVhostAccess } from "../vhost-access.js";
import { channelJson, channelSingleJson } from "./channel-json.js";
import { connectionListReply, requireOwnerOr, requireStats, visibleTo } from "./conn-visibility.js";
import { channelName, listedConnections } from "./connection-names.js";
import { byVhostAndName } from "./erlang-order.js";

function visibleChannels(ctx: RequestContext, vhost?: string): Channel[] {
  const see = visibleTo(ctx);
  return listedConnections(ctx.broker.connections)
    .filter((c) => see(c) && (vhost === undefined || c.vhost?.name === vhost))
    .flatMap((c) => [...c.channels.values()]);
}

function listChannels(ctx: RequestContext) {
  requireStats(ctx);
  const node = ctx.broker.node.name;
  return connectionListReply(ctx, byVhostAndName(visibleChannels(ctx).map((ch) => channelJson(ch, node))), true);
}

function vhostChannels(ctx: RequestContext) {
  const vhost = ctx.params.vhost ?? "";
  requireVhostAccess(ctx, vhost);
  if (!ctx.broker.vhosts.has(vhost)) throw objectNotFound();
  requireStats(ctx);
  const node = ctx.broker.node.name;
  return connectionListReply(ctx, byVhostAndName(visibleChannels(ctx, vhost).map((ch) => channelJson(ch, node))), false);
}

function showChannel(ctx: RequestContext) {
  requireStats(ctx);
  const name = ctx.params.name ?? "";
  const ch = listedConnections(ctx.broker.connections)
    .flatMap((c) => [...c.channels.values()])
    .find((x) => channelName(x) === name);
  requireOwnerOr(ctx, ch?.conn.user?.name, "monitoring");
  if (ch === undefined) throw objectNotFound();
  return ok(channelSingleJson(ch, ctx.broker.node.name));
}

export const channelsController: Controller = [
  { method: "GET", path: "/channels", access: "management", handler: listChannels },
  { method: "GET", path: "/vhosts/:vhost/channels", access: "management", handler: vhostChannels },
  { method: "GET", path: "/channels/:name", access: "management", handler: showChannel },
];
