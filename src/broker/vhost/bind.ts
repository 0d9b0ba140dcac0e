// Binding and unbinding, shared by queue.bind/exchange.bind (and unbind) and the management API. Arguments are
// kept sorted by key, as RabbitMQ stores them, so {a,b} and {b,a} are one binding.
import type { FieldTable } from "../../protocol/index.js";
import { type Binding, bindingId, type Exchange } from "../exchange/exchange.js";
import type { Vhost } from "./vhost.js";

export interface BindingSpec {
  readonly destKind: "queue" | "exchange";
  readonly destination: string;
  readonly routingKey: string;
  readonly arguments: FieldTable;
}

/** Binding arguments in the order RabbitMQ stores them: sorted by key (a stable sort, as lists:keysort). */
export function sortedArguments(args: FieldTable): FieldTable {
  if (args.size < 2) return args;
  return new Map([...args].sort(([a], [b]) => Buffer.compare(Buffer.from(a), Buffer.from(b))));
}

/** The binding a spec describes, from `source`. */
export function bindingOf(source: Exchange, s: BindingSpec): Binding {
  const args = sortedArguments(s.arguments);
  return { source: source.name, destKind: s.destKind, destination: s.destination, routingKey: s.routingKey, arguments: args, id: bindingId(s.destKind, s.destination, s.routingKey, args) };
}

/** Adds the binding (a duplicate is a no-op); returns whether it is new. */
export function bind(vhost: Vhost, source: Exchange, s: BindingSpec): boolean {
  const b = bindingOf(source, s);
  if (source.getBinding(b.id) !== undefined) return false;
  vhost.bind(source, b);
  return true;
}

/** Removes the binding if there is one (an auto-delete source may go with it); returns whether there was. */
export function unbind(vhost: Vhost, source: Exchange, s: BindingSpec): boolean {
  const id = bindingOf(source, s).id;
  if (source.getBinding(id) === undefined) return false;
  vhost.unbind(source, id);
  return true;
}
