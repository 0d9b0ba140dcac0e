import type { FieldTable } from "../../protocol/index.js";
import type { Binding, Exchange } from "../exchange/exchange.js";
import { createExchange } from "../exchange/types.js";
import type { MessageRouting } from "../message.js";
import { RuntimeParameters } from "../parameters/runtime-parameters.js";
import { type MetadataListener, parameterKind } from "../persistence/metadata-listener.js";
import { applyPolicies } from "../policy/apply.js";
import type { MessageLogs } from "../queue/durable-log.js";
import type { Queue } from "../queue/queue.js";
import type { MetadataKind } from "../store/index.js";

const EMPTY_ARGS: FieldTable = new Map();

/** The exchanges every vhost has, as RabbitMQ creates them. */
const BUILT_INS: readonly [name: string, type: string, internal: boolean][] = [
  ["", "direct", false],
  ["amq.direct", "direct", false],
  ["amq.fanout", "fanout", false],
  ["amq.topic", "topic", false],
  ["amq.headers", "headers", false],
  ["amq.match", "headers", false],
  ["amq.rabbitmq.trace", "topic", true],
];

const destKey = (kind: "queue" | "exchange", name: string): string => `${kind}:${name}`;

/** One virtual host: its exchanges, queues and bindings, and routing across exchange-to-exchange bindings. */
export class Vhost {
  readonly exchanges = new Map<string, Exchange>();
  readonly queues = new Map<string, Queue>();
  /** Bindings by destination, so deleting a queue or exchange finds what points at it. */
  private readonly inbound = new Map<string, Set<Binding>>();
  /** Policies, operator policies and limits, stored as RabbitMQ stores them: runtime parameters (src/broker/parameters). */
  readonly parameters = new RuntimeParameters((component, name) => this.changed(parameterKind(component), component, name));
  /** Told of every change to the vhost's persisted definitions, with the vhost's name first (src/broker/persistence). */
  onMetadataChange: MetadataListener | undefined;
  /** The node's message store, where durable queues keep persistent messages; undefined on a node without a data directory. */
  messageLogs: MessageLogs | undefined;
  private readonly meta: { description: unknown; tags: readonly string[] } = { description: "", tags: [] };
  /** The queue type given at creation (defaultqueuetype), or undefined. */
  defaultQueueType: unknown = undefined;
  /** Firehose tracing (trace_on). */
  tracing = false;

  constructor(readonly name: string) {
    for (const [xname, type, internal] of BUILT_INS) {
      this.exchanges.set(xname, createExchange(type, { name: xname, durable: true, autoDelete: false, internal, arguments: EMPTY_ARGS }));
    }
  }

  /** Metadata the management API shows; RabbitMQ keeps any JSON value as the description. */
  get description(): unknown {
    return this.meta.description;
  }

  set description(d: unknown) {
    this.meta.description = d;
    this.changed("vhost");
  }

  get tags(): readonly string[] {
    return this.meta.tags;
  }

  set tags(t: readonly string[]) {
    this.meta.tags = t;
    this.changed("vhost");
  }

  /** Reports a change to one of this vhost's definitions (the vhost itself when no parts are given). */
  changed(kind: MetadataKind, ...parts: string[]): void {
    this.onMetadataChange?.(kind, this.name, ...parts);
  }

  /** Sets the policy and operator policy matching a queue or exchange; call it right after creating one. */
  applyPolicies(obj: Queue | Exchange): void {
    applyPolicies(this, obj);
  }

  bind(source: Exchange, b: Binding): void {
    if (!source.bind(b)) return;
    this.changed("binding", b.source, b.id);
    const key = destKey(b.destKind, b.destination);
    let set = this.inbound.get(key);
    if (set === undefined) this.inbound.set(key, (set = new Set()));
    set.add(b);
  }

  /** Removes a binding; an auto-delete source goes with its last binding. */
  unbind(source: Exchange, id: string): void {
    const found = source.getBinding(id);
    if (found === undefined || !source.unbind(id)) return;
    this.changed("binding", source.name, id);
    this.inbound.get(destKey(found.destKind, found.destination))?.delete(found);
    this.maybeAutoDelete(source);
  }

  /** Deletes a queue with its bindings and tells its consumers; returns the ready messages it held. */
  deleteQueue(q: Queue): number {
    if (q.deleted || this.queues.get(q.name) !== q) return 0;
    this.queues.delete(q.name);
    this.changed("queue", q.name);
    const count = q.purge();
    q.deleted = true;
    this.dropInbound(destKey("queue", q.name));
    for (const c of [...q.allConsumers()]) {
      q.removeConsumer(c);
      c.queueDeleted(q);
    }
    return count;
  }

  deleteExchange(x: Exchange): void {
    if (this.exchanges.get(x.name) !== x) return;
    this.exchanges.delete(x.name);
    this.changed("exchange", x.name);
    for (const b of [...x.allBindings()]) {
      x.unbind(b.id);
      this.changed("binding", x.name, b.id);
      this.inbound.get(destKey(b.destKind, b.destination))?.delete(b);
      if (b.destKind === "exchange") {
        const d = this.exchanges.get(b.destination);
        if (d !== undefined) this.maybeAutoDelete(d);
      }
    }
    this.dropInbound(destKey("exchange", x.name));
  }

  /** Queues a message reaches, each once, following exchange-to-exchange bindings and alternate exchanges. */
  route(x: Exchange, r: MessageRouting): Set<Queue> {
    const out = new Set<Queue>();
    // runs per message: the set that stops exchange-to-exchange cycles is made only once such a binding is followed
    let seen: Set<Exchange> | undefined;
    let root = x;
    const visit = (ex: Exchange): void => {
      if (ex.name === "") {
        // the default exchange binds every queue by its name, implicitly
        for (const key of r.routingKeys) {
          const q = this.queues.get(key);
          if (q !== undefined) out.add(q);
        }
        return;
      }
      ex.route(r, hit);
    };
    const hit = (b: Binding): void => {
      if (b.destKind === "queue") {
        const q = this.queues.get(b.destination);
        if (q !== undefined) out.add(q);
        return;
      }
      const d = this.exchanges.get(b.destination);
      if (d === undefined) return;
      seen ??= new Set([root]);
      if (seen.has(d)) return;
      seen.add(d);
      visit(d);
    };
    visit(x);
    if (out.size > 0) return out;
    let current: Exchange = x;
    const tried = new Set<Exchange>([x]);
    for (;;) {
      // the default exchange never consults an alternate exchange, even one a policy names
      const aeName: string | undefined = current.name === "" ? undefined : current.alternateExchange;
      const ae: Exchange | undefined = aeName === undefined ? undefined : this.exchanges.get(aeName);
      if (ae === undefined || tried.has(ae)) break;
      tried.add(ae);
      seen = undefined;
      root = ae;
      visit(ae);
      if (out.size > 0) break;
      current = ae;
    }
    return out;
  }

  private dropInbound(key: string): void {
    const set = this.inbound.get(key);
    if (set === undefined) return;
    this.inbound.delete(key);
    for (const b of set) {
      const source = this.exchanges.get(b.source);
      if (source === undefined) continue;
      source.unbind(b.id);
      this.changed("binding", source.name, b.id);
      this.maybeAutoDelete(source);
    }
  }

  private maybeAutoDelete(x: Exchange): void {
    if (x.autoDelete && x.bindingCount === 0) this.deleteExchange(x);
  }
}
