import type { ExchangeBind, ExchangeDeclare, ExchangeDelete, ExchangeUnbind } from "../../protocol/index.js";
import { accessRefused, commandInvalid, describe, preconditionFailed } from "../errors.js";
import { bindingId } from "../exchange/exchange.js";
import { createExchange, isExchangeType } from "../exchange/types.js";
import { assertArgsEquivalent, assertFlag } from "../queue/queue-args.js";
import type { Channel } from "./channel.js";
import { checkName, checkNotDefault, requireExchange, vhostOf } from "./resolve.js";

export function exchangeDeclare(ch: Channel, a: ExchangeDeclare): void {
  const vhost = vhostOf(ch);
  if (a.passive) {
    checkNotDefault(a.exchange);
    requireExchange(ch, a.exchange);
  } else {
    // RabbitMQ checks the type first, and the amq. prefix only when creating
    if (!isExchangeType(a.type)) throw commandInvalid(`unknown exchange type '${a.type}'`);
    checkNotDefault(a.exchange);
    const resource = describe("exchange", a.exchange, vhost.name);
    const existing = vhost.exchanges.get(a.exchange);
    if (existing === undefined) {
      checkName("exchange", a.exchange);
      vhost.exchanges.set(a.exchange, createExchange(a.type, { name: a.exchange, durable: a.durable, autoDelete: a.autoDelete, internal: a.internal, arguments: a.arguments }));
    } else {
      if (existing.type !== a.type) throw preconditionFailed(`inequivalent arg 'type' for ${resource}: received '${a.type}' but current is '${existing.type}'`);
      assertFlag("durable", a.durable, existing.durable, resource);
      assertFlag("auto_delete", a.autoDelete, existing.autoDelete, resource);
      assertFlag("internal", a.internal, existing.internal, resource);
      assertArgsEquivalent(a.arguments, existing.arguments, ["alternate-exchange"], resource);
    }
  }
  if (!a.nowait) ch.conn.output.method(ch.id, "exchange.declare-ok", {});
}

export function exchangeDelete(ch: Channel, a: ExchangeDelete): void {
  const vhost = vhostOf(ch);
  checkNotDefault(a.exchange);
  if (a.exchange.startsWith("amq.")) throw accessRefused(`deletion of system exchange '${a.exchange}' in vhost '${vhost.name}' not allowed`);
  const x = vhost.exchanges.get(a.exchange);
  if (x !== undefined) {
    if (a.ifUnused && x.bindingCount > 0) throw preconditionFailed(`${describe("exchange", x.name, vhost.name)} in use`);
    vhost.deleteExchange(x);
  }
  if (!a.nowait) ch.conn.output.method(ch.id, "exchange.delete-ok", {});
}

export function exchangeBind(ch: Channel, a: ExchangeBind): void {
  checkNotDefault(a.source);
  checkNotDefault(a.destination);
  const dest = requireExchange(ch, a.destination);
  const source = requireExchange(ch, a.source);
  const id = bindingId("exchange", dest.name, a.routingKey, a.arguments);
  vhostOf(ch).bind(source, { source: source.name, destKind: "exchange", destination: dest.name, routingKey: a.routingKey, arguments: a.arguments, id });
  if (!a.nowait) ch.conn.output.method(ch.id, "exchange.bind-ok", {});
}

export function exchangeUnbind(ch: Channel, a: ExchangeUnbind): void {
  checkNotDefault(a.source);
  checkNotDefault(a.destination);
  const source = vhostOf(ch).exchanges.get(a.source);
  if (source !== undefined) vhostOf(ch).unbind(source, bindingId("exchange", a.destination, a.routingKey, a.arguments));
  if (!a.nowait) ch.conn.output.method(ch.id, "exchange.unbind-ok", {});
}
