// Exporting definitions (GET /api/definitions[/:vhost]) in RabbitMQ 3.10.8's shape and key order. What cannot be
// recreated is left out: exclusive queues, the default and amq.* exchanges, the default exchange's implicit
// bindings, and bindings to queues that are not exported.
import { COMPAT_VERSION, type Broker, WARREN_VERSION } from "../broker.js";
import type { Binding } from "../exchange/exchange.js";
import { tableToJson } from "../management/amqp-json.js";
import { sortedBy } from "../management/controllers/erlang-order.js";
import { userJson } from "../management/controllers/users.js";
import { policyItem } from "../policy/policy.js";
import type { Queue } from "../queue/queue.js";
import type { Vhost } from "../vhost/vhost.js";

type Item = Record<string, unknown>;

/** Items of the per-vhost export lose their vhost key (parameters and policies keep it, as in RabbitMQ). */
const withoutVhost = ({ vhost: _vhost, ...rest }: Item): Item => rest;

const isExported = (q: Queue): boolean => q.exclusiveOwner === undefined;
const exportedExchange = (name: string): boolean => name !== "" && !name.startsWith("amq.");

/** Every runtime parameter but policies, which have a category of their own. */
const parameters = (v: Vhost): Item[] =>
  v.parameters
    .list()
    .filter((e) => e.component !== "policy")
    .map((e) => ({ value: e.value, vhost: v.name, component: e.component, name: e.name }));

/** Policies by priority, as rabbit_policy lists them. */
const policies = (vs: readonly Vhost[]): Item[] =>
  vs.flatMap((v) => v.parameters.list("policy").map((e) => policyItem(v.name, e.name, e.value))).sort((a, b) => Number(a.priority) - Number(b.priority));

const queues = (v: Vhost): Item[] =>
  [...v.queues.values()].filter(isExported).map((q) => ({ name: q.name, vhost: v.name, durable: q.durable, auto_delete: q.autoDelete, arguments: tableToJson(q.arguments) }));

const exchanges = (v: Vhost): Item[] =>
  [...v.exchanges.values()]
    .filter((x) => exportedExchange(x.name))
    .map((x) => ({ name: x.name, vhost: v.name, type: x.type, durable: x.durable, auto_delete: x.autoDelete, internal: x.internal, arguments: tableToJson(x.arguments) }));

/** Bindings that an import can recreate: to exported queues, or to exchanges other than the default one. */
function exportedBinding(v: Vhost, b: Binding): boolean {
  if (b.destKind === "exchange") return b.destination !== "";
  const q = v.queues.get(b.destination);
  return q !== undefined && isExported(q);
}

/** In the order RabbitMQ's binding table keeps them: by source, routing key, then destination. */
function bindings(v: Vhost): Item[] {
  const out: Item[] = [];
  for (const x of v.exchanges.values()) {
    if (x.name === "") continue;
    for (const b of x.allBindings()) {
      if (!exportedBinding(v, b)) continue;
      out.push({ source: b.source, vhost: v.name, destination: b.destination, destination_type: b.destKind, routing_key: b.routingKey, arguments: tableToJson(b.arguments) });
    }
  }
  return sortedBy(out, ["source", "routing_key", "destination_type", "destination"]);
}

/** GET /api/definitions: the whole node. */
export function exportDefinitions(broker: Broker): Item {
  const vs = [...broker.vhosts.values()];
  return {
    rabbit_version: COMPAT_VERSION,
    rabbitmq_version: COMPAT_VERSION,
    // as /api/overview: the product is warren, the RabbitMQ release it reproduces is the version above
    product_name: "warren",
    product_version: WARREN_VERSION,
    users: broker.users.all().map((u) => userJson(broker, u)),
    vhosts: vs.map((v) => ({ name: v.name })),
    permissions: [...broker.permissions.all()].map((p) => ({ user: p.user, vhost: p.vhost, configure: p.configure, write: p.write, read: p.read })),
    topic_permissions: [...broker.topicPermissions.all()].map((p) => ({ user: p.user, vhost: p.vhost, exchange: p.exchange, write: p.write, read: p.read })),
    parameters: vs.flatMap(parameters),
    global_parameters: broker.globalParameters.list(),
    policies: policies(vs),
    queues: vs.flatMap(queues),
    exchanges: vs.flatMap(exchanges),
    bindings: vs.flatMap(bindings),
  };
}

/** GET /api/definitions/:vhost: one vhost's topology, parameters and policies. */
export function exportVhostDefinitions(v: Vhost): Item {
  return {
    rabbit_version: COMPAT_VERSION,
    parameters: parameters(v),
    policies: policies([v]),
    queues: queues(v).map(withoutVhost),
    exchanges: exchanges(v).map(withoutVhost),
    bindings: bindings(v).map(withoutVhost),
  };
}
