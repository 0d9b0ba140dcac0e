// /api/consumers: every consumer (or a vhost's) on the node; a user without the monitoring tag sees their own.
import type { ChannelConsumer } from "../../connection/channel-consumer.js";
import { objectNotFound } from "../http-error.js";
import { listReply } from "../listing.js";
import { type Controller, type RequestContext } from "../route.js";
import { requireStats, visibleTo } from "./conn-visibility.js";
import { channelConsumers, consumerJson } from "./consumer-json.js";
import { erlangCompare } from "./erlang-order.js";

/** RabbitMQ's consumer list has no sort keys, so it comes in Erlang term order of the whole records: this approximates it. */
function consumerOrder(a: ChannelConsumer, b: ChannelConsumer): number {
  const keys = (c: ChannelConsumer): unknown[] => [
    c.consumeArguments.size, !c.noAck, c.active, c.activityStatus, c.channel.conn.socket.remotePort, c.channel.id, c.tag, c.exclusive, c.prefetch, c.queue.name,
  ];
  const ka = keys(a);
  const kb = keys(b);
  for (let i = 0; i < ka.length; i++) {
    const d = erlangCompare(ka[i], kb[i]);
    if (d !== 0) return d;
  }
  return 0;
}

function listConsumers(ctx: RequestContext) {
  const vhostName = ctx.params.vhost;
  if (vhostName !== undefined && !ctx.broker.vhosts.has(vhostName)) throw objectNotFound();
  requireStats(ctx);
  const see = visibleTo(ctx);
  const node = ctx.broker.node.name;
  const consumers = [...ctx.broker.vhosts.values()]
    .filter((v) => vhostName === undefined || v.name === vhostName)
    .flatMap((v) => [...v.queues.values()].flatMap(channelConsumers))
    .filter((c) => see(c.channel.conn));
  return listReply(ctx, consumers.sort(consumerOrder).map((c) => consumerJson(c, node)), { pageable: false });
}

export const consumersController: Controller = [
  { method: "GET", path: "/consumers", access: "management", handler: listConsumers },
  { method: "GET", path: "/consumers/:vhost", access: "management", handler: listConsumers },
];
