// Bindings as the management API lists them, including the implicit binding of every queue to the default
// exchange, in RabbitMQ's default order.
import type { Binding } from "../../exchange/exchange.js";
import type { Vhost } from "../../vhost/vhost.js";
import { tableToJson } from "../amqp-json.js";
import { propertiesKey } from "../binding-key.js";
import { sortedBy } from "./erlang-order.js";

type BindingLike = Pick<Binding, "source" | "destKind" | "destination" | "routingKey" | "arguments">;

export function bindingJson(vhost: string, b: BindingLike): Record<string, unknown> {
  return {
    source: b.source,
    vhost,
    destination: b.destination,
    destination_type: b.destKind,
    routing_key: b.routingKey,
    arguments: tableToJson(b.arguments),
    properties_key: propertiesKey(b.routingKey, b.arguments),
  };
}

/** Every queue is bound to the default exchange by its name. */
export const implicitBinding = (vhost: string, queue: string): Record<string, unknown> =>
  bindingJson(vhost, { source: "", destKind: "queue", destination: queue, routingKey: queue, arguments: new Map() });

/** RabbitMQ's default sort for bindings ("type" is not a binding field, so it orders nothing). */
export const sortBindings = (rows: readonly Record<string, unknown>[]): Record<string, unknown>[] =>
  sortedBy(rows, ["vhost", "source", "destination", "routing_key", "properties_key"]);

/** The explicit bindings of a vhost that pass `keep`. */
export function explicitBindings(v: Vhost, keep: (b: Binding) => boolean = () => true): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (const x of v.exchanges.values()) for (const b of x.allBindings()) if (keep(b)) out.push(bindingJson(v.name, b));
  return out;
}

/** All of a vhost's bindings: the default exchange's implicit ones, then the declared ones. */
export const vhostBindings = (v: Vhost): Record<string, unknown>[] => [...[...v.queues.keys()].map((q) => implicitBinding(v.name, q)), ...explicitBindings(v)];
