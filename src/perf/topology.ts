import { randomBytes } from "node:crypto";
import { toFieldTable } from "../protocol/index.js";
import type { PerfChannel } from "./channel.js";
import type { PerfOptions } from "./options.js";

/** Where producers publish and which queues exist; server-named queues get their names when declared. */
export interface Topology {
  readonly exchange: string;
  readonly routingKey: string;
  /** An exchange this run declared under a generated name, deleted at the end. */
  readonly ownedExchange: string | undefined;
  /** Names for --queue runs; undefined entries are server-named exclusive queues, declared by the connection that consumes them. */
  readonly queueNames: readonly (string | undefined)[];
}

/** Objects warren-perf names itself start with this, so they are recognisable (and removable) on a shared broker. */
export const NAME_PREFIX = "warren-perf-";

export function planTopology(o: PerfOptions): Topology {
  const queueNames = o.queue === undefined ? Array.from({ length: o.queues }, () => undefined) : o.queues === 1 ? [o.queue] : Array.from({ length: o.queues }, (_, i) => `${o.queue}-${i + 1}`);
  const tag = randomBytes(4).toString("hex");
  let exchange: string;
  let ownedExchange: string | undefined;
  if (o.exchange !== undefined) exchange = o.exchange;
  else if (o.exchangeType !== "direct") exchange = ownedExchange = `${NAME_PREFIX}${o.exchangeType}-${tag}`;
  else if (o.queue !== undefined && o.queues === 1 && o.routingKey === undefined) exchange = "";
  else exchange = "amq.direct";
  const routingKey = o.routingKey ?? (exchange === "" ? (o.queue ?? "") : `${NAME_PREFIX}${tag}`);
  return { exchange, routingKey, ownedExchange, queueNames };
}

/** Declares the exchange unless it is the default or a built-in one. */
export async function declareExchange(ch: PerfChannel, t: Topology, o: PerfOptions): Promise<void> {
  if (t.exchange === "" || t.exchange.startsWith("amq.")) return;
  const generated = t.ownedExchange !== undefined;
  await ch.call("exchange.declare", {
    ticket: 0,
    exchange: t.exchange,
    type: o.exchangeType,
    passive: false,
    // a generated exchange goes with its last binding, so an interrupted run leaves nothing behind
    durable: !generated,
    autoDelete: generated,
    internal: false,
    nowait: false,
    arguments: new Map(),
  });
}

/** Declares one queue (a server-named exclusive one when name is undefined), binds it, and returns its name. */
export async function declareQueue(ch: PerfChannel, name: string | undefined, t: Topology, o: PerfOptions): Promise<string> {
  const ok = await ch.call("queue.declare", {
    ticket: 0,
    queue: name ?? "",
    passive: false,
    // persistent messages reach the disk only in a durable queue; warren (like RabbitMQ 4) never makes an
    // exclusive queue durable, so a persistent run's server-named queue is durable and auto-delete instead
    durable: o.persistent,
    exclusive: name === undefined && !o.persistent,
    autoDelete: name === undefined && o.persistent,
    nowait: false,
    arguments: toFieldTable(o.queueArgs),
  });
  if (ok.name !== "queue.declare-ok") throw new Error(`expected queue.declare-ok, got ${ok.name}`);
  const queue = ok.args.queue;
  if (t.exchange !== "") {
    await ch.call("queue.bind", { ticket: 0, queue, exchange: t.exchange, routingKey: t.routingKey, nowait: false, arguments: new Map() });
  }
  return queue;
}

export async function deleteOwnedExchange(ch: PerfChannel, t: Topology): Promise<void> {
  if (t.ownedExchange === undefined) return;
  await ch.call("exchange.delete", { ticket: 0, exchange: t.ownedExchange, ifUnused: false, nowait: false });
}
