// POST /api/exchanges/v/x/publish: publish one message as RabbitMQ's management API does, on a confirm-mode
// channel of its own with mandatory set, answering whether the message reached a queue.
import { accessRefused, describe, notFound } from "../../errors.js";
import type { Message } from "../../message.js";
import { checkExpiration, checkUserId, routingOf } from "../../connection/publish.js";
import { deliverReplies } from "../../connection/direct-reply-to.js";
import { ErlangFloat } from "../../json/json-value.js";
import { recordPublish } from "../../stats/record.js";
import type { Vhost } from "../../vhost/vhost.js";
import { jsonToProperties } from "../amqp-json.js";
import { badRequest, HttpError, keysMissing } from "../http-error.js";
import { type Controller, ok, type RequestContext } from "../route.js";
import { requireVhostAccess } from "../vhost-access.js";
import { asHttp, channelCastError } from "./amqp-errors.js";
import { exchangeParam } from "./exchanges.js";
import { channelVhost } from "./vhost-scope.js";
import { type Body, bodyOf, missingKeys, textField } from "./request-fields.js";

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function payloadOf(body: Body): Buffer {
  const payload = body.payload as string;
  if (body.payload_encoding === "string") return Buffer.from(payload, "utf8");
  if (body.payload_encoding === "base64") {
    const compact = payload.replace(/\s+/g, "");
    if (compact.length % 4 !== 0 || !BASE64.test(compact)) throw badRequest(["not_base64", payload]);
    return Buffer.from(compact, "base64");
  }
  throw badRequest(["unsupported_encoding", body.payload_encoding]);
}

/** basic.publish's permission checks: write on the exchange, then a topic exchange's write permission on the key. */
function authorizePublish(ctx: RequestContext, vhost: Vhost, exchange: string, routingKey: string): void {
  const user = ctx.user.name;
  const checked = exchange === "" ? "amq.default" : exchange;
  if (!ctx.broker.permissions.check(vhost.name, user, "write", checked)) {
    throw accessRefused(`access to ${describe("exchange", checked, vhost.name)} refused for user '${user}'`);
  }
  const x = vhost.exchanges.get(exchange);
  if (x === undefined || x.internal || x.type !== "topic") return;
  if (!ctx.broker.topicPermissions.check(vhost.name, user, x.name, "write", routingKey, { username: user, vhost: vhost.name })) {
    throw accessRefused(`access to topic '${routingKey}' in exchange '${x.name}' in vhost '${vhost.name}' refused for user '${user}'`);
  }
}

function publish(ctx: RequestContext) {
  requireVhostAccess(ctx, ctx.params.vhost ?? "");
  const body = bodyOf(ctx);
  const missing = missingKeys(body, ["routing_key", "properties", "payload", "payload_encoding"]);
  if (missing.length > 0) throw keysMissing(missing);
  if (typeof body.payload !== "string") throw badRequest("payload_not_string");
  const vhost = channelVhost(ctx);
  // properties that are not an object crash RabbitMQ's handler: an empty 500
  if (typeof body.properties !== "object" || Array.isArray(body.properties) || body.properties instanceof ErlangFloat) throw new HttpError(500, undefined);
  const props = jsonToProperties(body.properties as Record<string, unknown>);
  const payload = payloadOf(body);
  const routingKey = textField(body, "routing_key", "");
  const name = exchangeParam(ctx);
  const { routed, refused } = asHttp(channelCastError, () => {
    authorizePublish(ctx, vhost, name, routingKey);
    const x = vhost.exchanges.get(name);
    if (x === undefined) throw notFound(`no exchange '${name}' in vhost '${vhost.name}'`);
    if (x.internal) throw accessRefused(`cannot publish to internal ${describe("exchange", x.name, vhost.name)}`);
    checkUserId(ctx.user, props);
    checkExpiration(props);
    const { routing, properties } = routingOf(routingKey, props);
    const keys = routing.routingKeys;
    const message: Message = { exchange: name, routingKey, routingKeys: keys.length > 1 ? keys : undefined, properties, body: payload };
    const queues = vhost.route(x, routing);
    let rejected = false;
    for (const q of queues) if (!q.enqueue(message)) rejected = true;
    if (x.name === "") deliverReplies(ctx.broker, keys, message);
    recordPublish(undefined, vhost, x, queues, "returned");
    return { routed: queues.size > 0, refused: rejected };
  });
  // a queue that refused it (x-overflow reject-publish) nacks the publish
  if (refused) throw badRequest("rejected Unable to publish message. Check queue limits.");
  return ok({ routed });
}

export const exchangePublishController: Controller = [{ method: "POST", path: "/exchanges/:vhost/:name/publish", access: "management", handler: publish }];
