import { Properties } from "../../../protocol/index.js";
import type { Message } from "../../message.js";
import { Queue } from "../../queue/queue.js";
import type { Vhost } from "../../vhost/vhost.js";
import { HttpError } from "../http-error.js";
import { requireVhost } from "../lookup.js";
import type { Controller, Reply, RequestContext } from "../route.js";
import { ok } from "../route.js";

const QUEUE = "aliveness-test";
const PAYLOAD = "test_message";

/** The non-durable queue RabbitMQ's aliveness test declares (and leaves behind). */
function alivenessQueue(vhost: Vhost): Queue {
  const existing = vhost.queues.get(QUEUE);
  if (existing !== undefined) return existing;
  const q = new Queue({ name: QUEUE, durable: false, exclusiveOwner: undefined, autoDelete: false, arguments: new Map(), vhost });
  vhost.queues.set(QUEUE, q);
  return q;
}

/** Publishes a message through the default exchange and gets it back from the queue, as a client would. */
function alivenessTest(ctx: RequestContext): Reply {
  const vhost = requireVhost(ctx);
  if (!ctx.broker.permissions.hasAccess(vhost.name, ctx.user.name)) throw new HttpError(401, "not_authorised", "User not authorised to access virtual host");
  const q = alivenessQueue(vhost);
  const message: Message = { exchange: "", routingKey: QUEUE, routingKeys: undefined, properties: Properties.EMPTY, body: Buffer.from(PAYLOAD) };
  const defaultExchange = vhost.exchanges.get("");
  const routed = defaultExchange === undefined ? new Set<Queue>() : vhost.route(defaultExchange, { routingKeys: [QUEUE], headers: () => undefined });
  for (const target of routed) target.enqueue(message);
  // a consumer on the queue may take the message first; only a message we got back proves the round trip
  const got = routed.has(q) ? q.take() : undefined;
  if (got?.message.body.toString("utf8") === PAYLOAD) return ok({ status: "ok" });
  return { status: 503, json: { status: "failed", reason: got === undefined ? "message not routed back to the aliveness-test queue" : "wrong message came back" } };
}

/** GET /api/aliveness-test/{vhost}: declares aliveness-test, publishes to it and gets the message back. */
export const alivenessController: Controller = [{ method: "GET", path: "/aliveness-test/:vhost", access: "management", handler: alivenessTest }];
