// Declaring and deleting exchanges: the rules RabbitMQ applies to exchange.declare / exchange.delete, shared by
// the AMQP handlers and the management API.
import { FIELD_TYPE_NAMES, type FieldTable } from "../../protocol/index.js";
import { accessRefused, commandInvalid, describe, preconditionFailed } from "../errors.js";
import type { Exchange } from "../exchange/exchange.js";
import { createExchange, isExchangeType } from "../exchange/types.js";
import { assertArgsEquivalent, assertFlag } from "../queue/queue-args.js";
import { checkName, checkNotDefault } from "../connection/resolve.js";
import type { Vhost } from "./vhost.js";

export interface ExchangeDeclaration {
  readonly name: string;
  readonly type: string;
  readonly durable: boolean;
  readonly autoDelete: boolean;
  readonly internal: boolean;
  readonly arguments: FieldTable;
  /** Who declared it (user_who_performed_action in the management API). */
  readonly actingUser?: string | undefined;
}

// the exchanges a vhost starts with were made by the system, unless whoever created the vhost is recorded
const declarers = new WeakMap<Exchange, string>();

/** user_who_performed_action: the user who created the exchange, RabbitMQ's "rmq-internal" for built-in ones. */
export const declaringUser = (x: Exchange): string => declarers.get(x) ?? "rmq-internal";

/** Records who created an exchange (the vhost's creator for its built-in exchanges, as RabbitMQ shows them). */
export function setDeclaringUser(x: Exchange, user: string): void {
  declarers.set(x, user);
}

/**
 * exchange.declare (not passive): RabbitMQ checks the type first (503 unknown exchange type), the default
 * exchange, then either creates (refusing amq.* names) or compares type, flags and alternate-exchange.
 */
export function declareExchange(vhost: Vhost, d: ExchangeDeclaration): { exchange: Exchange; created: boolean } {
  if (!isExchangeType(d.type)) throw commandInvalid(`unknown exchange type '${d.type}'`);
  checkNotDefault(d.name);
  const resource = describe("exchange", d.name, vhost.name);
  // an alternate exchange is named by a longstr; anything else RabbitMQ refuses before looking further
  const ae = d.arguments.get("alternate-exchange");
  if (ae !== undefined && ae.type !== "S") throw preconditionFailed(`invalid type '${FIELD_TYPE_NAMES[ae.type]}' for arg 'alternate-exchange' in ${resource}`);
  const existing = vhost.exchanges.get(d.name);
  if (existing === undefined) {
    checkName("exchange", d.name);
    const exchange = createExchange(d.type, { name: d.name, durable: d.durable, autoDelete: d.autoDelete, internal: d.internal, arguments: d.arguments });
    vhost.exchanges.set(d.name, exchange);
    vhost.changed("exchange", d.name);
    if (d.actingUser !== undefined) declarers.set(exchange, d.actingUser);
    vhost.applyPolicies(exchange);
    return { exchange, created: true };
  }
  if (existing.type !== d.type) throw preconditionFailed(`inequivalent arg 'type' for ${resource}: received '${d.type}' but current is '${existing.type}'`);
  assertFlag("durable", d.durable, existing.durable, resource);
  assertFlag("auto_delete", d.autoDelete, existing.autoDelete, resource);
  assertFlag("internal", d.internal, existing.internal, resource);
  assertArgsEquivalent(d.arguments, existing.arguments, ["alternate-exchange"], resource);
  return { exchange: existing, created: false };
}

/** exchange.delete: never the default or an amq.* exchange; if-unused refuses one with bindings. A missing one is fine. */
export function deleteExchange(vhost: Vhost, name: string, ifUnused: boolean): void {
  checkNotDefault(name);
  if (name.startsWith("amq.")) throw accessRefused(`deletion of system exchange '${name}' in vhost '${vhost.name}' not allowed`);
  const x = vhost.exchanges.get(name);
  if (x === undefined) return;
  if (ifUnused && x.bindingCount > 0) throw preconditionFailed(`${describe("exchange", x.name, vhost.name)} in use`);
  vhost.deleteExchange(x);
}
