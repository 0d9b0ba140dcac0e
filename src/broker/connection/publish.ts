import type { BasicPublish, FieldTable, FieldValue, Properties } from "../../protocol/index.js";
import { accessRefused, describe, notImplemented, preconditionFailed } from "../errors.js";
import type { Message, MessageRouting } from "../message.js";
import type { Channel } from "./channel.js";
import { requireExchange, vhostOf } from "./resolve.js";

/** RabbitMQ's checks on the expiration property: a non-negative integer in decimal. */
function checkExpiration(props: Properties): void {
  if (!props.has("expiration")) return;
  const text = props.get("expiration") ?? "";
  if (!/^[+-]?\d+$/.test(text)) throw preconditionFailed(`invalid expiration '${text}': no_integer`);
  const n = Number.parseInt(text, 10);
  if (n < 0) throw preconditionFailed(`invalid expiration '${text}': {value_negative,${n}}`);
}

function checkUserId(ch: Channel, props: Properties): void {
  if (!props.has("userId")) return;
  const claimed = props.get("userId");
  const actual = ch.conn.user?.name ?? "";
  if (claimed !== actual) throw preconditionFailed(`user_id property set to '${claimed}' but authenticated user was '${actual}'`);
}

const longstrs = (v: FieldValue | undefined): string[] =>
  v?.type === "A" ? v.value.flatMap((x) => (x.type === "S" ? [x.value.toString("utf8")] : [])) : [];

/** Routing keys plus CC/BCC (sender-selected distribution); BCC is stripped before delivery. */
function routingOf(routingKey: string, props: Properties): { routing: MessageRouting; properties: Properties } {
  let headers: FieldTable | undefined;
  let properties = props;
  let keys: string[] = [routingKey];
  if (props.has("headers")) {
    headers = props.get("headers");
    const cc = longstrs(headers?.get("CC"));
    const bcc = longstrs(headers?.get("BCC"));
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
  const vhost = vhostOf(ch);
  const x = requireExchange(ch, a.exchange);
  if (x.internal) throw accessRefused(`cannot publish to internal ${describe("exchange", x.name, vhost.name)}`);
  checkExpiration(props);
  checkUserId(ch, props);
  const { routing, properties } = routingOf(a.routingKey, props);
  const message: Message = { exchange: a.exchange, routingKey: a.routingKey, properties, body };
  const deliver = (): void => {
    const queues = vhost.route(x, routing);
    for (const q of queues) q.enqueue(message);
    if (queues.size === 0 && a.mandatory) {
      const out = ch.conn.output;
      out.method(ch.id, "basic.return", { replyCode: 312, replyText: "NO_ROUTE", exchange: a.exchange, routingKey: a.routingKey });
      out.content(ch.id, 60, props, body);
    }
  };
  if (ch.tx !== undefined) return void ch.tx.push(deliver);
  deliver();
  // in-memory queues take the message at once, so the confirm can follow immediately
  if (ch.confirm) ch.conn.output.method(ch.id, "basic.ack", { deliveryTag: ++ch.publishSeq, multiple: false });
}
