import type { ExchangeBind, ExchangeDeclare, ExchangeDelete, ExchangeUnbind } from "../../protocol/index.js";
import { bind, unbind } from "../vhost/bind.js";
import { declareExchange, deleteExchange } from "../vhost/declare-exchange.js";
import { authorizeExchangeBinding, authorizeExchangeDeclare, authorizeExchangeDelete } from "./authorize.js";
import type { Channel } from "./channel.js";
import { replyOnceKept } from "./reply-once-kept.js";
import { checkNotDefault, requireExchange, vhostOf } from "./resolve.js";

export function exchangeDeclare(ch: Channel, a: ExchangeDeclare): void {
  authorizeExchangeDeclare(ch, a);
  const vhost = vhostOf(ch);
  let kept = false;
  if (a.passive) {
    checkNotDefault(a.exchange);
    requireExchange(ch, a.exchange);
  } else {
    const d = declareExchange(vhost, { name: a.exchange, type: a.type, durable: a.durable, autoDelete: a.autoDelete, internal: a.internal, arguments: a.arguments, actingUser: ch.conn.user?.name });
    kept = d.created && d.exchange.durable;
  }
  if (!a.nowait) replyOnceKept(ch, kept, () => ch.conn.output.method(ch.id, "exchange.declare-ok", {}));
}

export function exchangeDelete(ch: Channel, a: ExchangeDelete): void {
  authorizeExchangeDelete(ch, a);
  const durable = vhostOf(ch).exchanges.get(a.exchange)?.durable === true;
  deleteExchange(vhostOf(ch), a.exchange, a.ifUnused);
  if (!a.nowait) replyOnceKept(ch, durable, () => ch.conn.output.method(ch.id, "exchange.delete-ok", {}));
}

export function exchangeBind(ch: Channel, a: ExchangeBind): void {
  authorizeExchangeBinding(ch, a);
  checkNotDefault(a.source);
  checkNotDefault(a.destination);
  // RabbitMQ looks the source up first: with both missing, the 404 names the source
  const source = requireExchange(ch, a.source);
  const dest = requireExchange(ch, a.destination);
  const added = bind(vhostOf(ch), source, { destKind: "exchange", destination: dest.name, routingKey: a.routingKey, arguments: a.arguments });
  if (!a.nowait) replyOnceKept(ch, added && source.durable && dest.durable, () => ch.conn.output.method(ch.id, "exchange.bind-ok", {}));
}

export function exchangeUnbind(ch: Channel, a: ExchangeUnbind): void {
  authorizeExchangeBinding(ch, a);
  checkNotDefault(a.source);
  checkNotDefault(a.destination);
  const source = vhostOf(ch).exchanges.get(a.source);
  const removed = source !== undefined && unbind(vhostOf(ch), source, { destKind: "exchange", destination: a.destination, routingKey: a.routingKey, arguments: a.arguments });
  if (!a.nowait) replyOnceKept(ch, removed && source.durable, () => ch.conn.output.method(ch.id, "exchange.unbind-ok", {}));
}
