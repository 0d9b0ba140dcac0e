import { type BasicPublish, FIELD_TYPE_NAMES, type FieldTable, type Properties } from "../../protocol/index.js";
import { accessRefused, describe, notImplemented, preconditionFailed } from "../errors.js";
import { longstrList, type Message, type MessageRouting } from "../message.js";
import { authorizePublish } from "./authorize.js";
import type { Channel } from "./channel.js";
import { deliverReplies, withReplyAddress } from "./direct-reply-to.js";
import { requireExchange, vhostOf } from "./resolve.js";
import { recordPublish } from "../stats/record.js";
import { confirmPublish, storeMark } from "./durable-confirms.js";
import { recordTxPublish } from "../stats/tx-stats.js";

/** RabbitMQ's longest TTL: 10 years in milliseconds. */
const MAX_EXPIRY_MS = 315_360_000_000;

/** RabbitMQ's checks on the expiration property (Erlang's string:to_integer, then the TTL range), worded as it words them. */
export function checkExpiration(props: Properties): void {
  if (!props.has("expiration")) return;
  const text = props.get("expiration") ?? "";
  const m = /^[+-]?\d+/.exec(text);
  if (m === null) throw preconditionFailed(`invalid expiration '${text}': no_integer`);
  const rest = text.slice(m[0].length);
  if (rest !== "") throw preconditionFailed(`invalid expiration '${text}': {leftover_string,"${rest.replace(/["\\]/g, "\\$&")}"}`);
  const n = Number.parseInt(m[0], 10);
  if (n < 0) throw preconditionFailed(`invalid expiration '${text}': {value_negative,${n}}`);
  if (n > MAX_EXPIRY_MS) throw preconditionFailed(`invalid expiration '${text}': {value_too_large,${n}}`);
}

/** user_id must name the publisher (the connection's user, or the management API's caller). */
export function checkUserId(user: { readonly name: string; readonly tags: readonly string[] } | undefined, props: Properties): void {
  if (!props.has("userId")) return;
  const claimed = props.get("userId");
  const actual = user?.name ?? "";
  // users tagged impersonator may publish on behalf of others
  if (claimed !== actual && user?.tags.includes("impersonator") !== true) throw preconditionFailed(`user_id property set to '${claimed}' but authenticated user was '${actual}'`);
}

/** The extra keys of a CC or BCC header; anything but an array makes the message invalid (406), as in RabbitMQ. */
function headerRoutes(headers: FieldTable | undefined, name: "CC" | "BCC"): string[] {
  const v = headers?.get(name);
  if (v === undefined) return [];
  if (v.type !== "A") throw preconditionFailed(`invalid message: {unacceptable_type_in_header,"${name}",${FIELD_TYPE_NAMES[v.type]}}`);
  return longstrList(v);
}

/** Routing keys plus CC/BCC (sender-selected distribution); BCC is stripped before delivery. */
export function routingOf(routingKey: string, props: Properties): { routing: MessageRouting; properties: Properties } {
  let headers: FieldTable | undefined;
  let properties = props;
  let keys: string[] = [routingKey];
  if (props.has("headers")) {
    headers = props.get("headers");
    const cc = headerRoutes(headers, "CC");
    const bcc = headerRoutes(headers, "BCC");
    if (cc.length + bcc.length > 0) keys = [routingKey, ...cc, ...bcc];
    if (headers?.has("BCC") === true) {
      const kept = new Map(headers);
      kept.delete("BCC");
      properties = props.with({ headers: kept });
    }
  }
  return { routing: { routingKeys: keys, headers: () => headers }, properties };
}

/** A fully assembled basic.publish: validate, route, return if unroutable and mandatory, confirm. */
export function completePublish(ch: Channel, a: BasicPublish, props: Properties, body: Buffer): void {
  if (a.immediate) throw notImplemented("immediate=true");
  authorizePublish(ch, a);
  const vhost = vhostOf(ch);
  const x = requireExchange(ch, a.exchange);
  if (x.internal) throw accessRefused(`cannot publish to internal ${describe("exchange", x.name, vhost.name)}`);
  const replyable = withReplyAddress(ch, props);
  checkUserId(ch.conn.user, replyable);
  checkExpiration(replyable);
  const { routing, properties } = routingOf(a.routingKey, replyable);
  const keys = routing.routingKeys;
  // the exchange's own name and the channel's last key: strings that outlive this publish anyway
  const message: Message = { exchange: x.name, routingKey: ch.repeats.routingKey(a.routingKey), routingKeys: keys.length > 1 ? keys : undefined, properties, body };
  let refused = false;
  const deliver = (): void => {
    const queues = vhost.route(x, routing);
    // a queue at its x-max-length with reject-publish refuses the message: the publisher gets a nack
    for (const q of queues) {
      if (!q.enqueue(message)) refused = true;
      q.holdPublisher(ch.conn);
    }
    recordPublish(ch.stats, vhost, x, queues, a.mandatory ? "returned" : "dropped");
    if (x.name === "") deliverReplies(ch.conn.broker, keys, message);
    if (queues.size === 0 && a.mandatory) {
      const out = ch.conn.output;
      out.method(ch.id, "basic.return", { replyCode: 312, replyText: "NO_ROUTE", exchange: a.exchange, routingKey: a.routingKey });
      // the message as routed: BCC stripped, reply address filled in
      out.content(ch.id, 60, message.properties, body);
    }
  };
  if (ch.tx !== undefined) {
    recordTxPublish(ch.tx);
    return void ch.tx.push(deliver);
  }
  const mark = storeMark(vhost);
  deliver();
  // in-memory queues take the message at once; a stored one is confirmed once on disk (durable-confirms.ts)
  if (ch.confirm) confirmPublish(ch, vhost, ++ch.publishSeq, !refused, storeMark(vhost) !== mark);
}
