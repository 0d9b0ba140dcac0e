import { encodeTable, type FieldTable, Writer } from "../../protocol/index.js";
import type { MessageRouting } from "../message.js";
import type { AppliedPolicy } from "../policy/applied-policy.js";

/** Where a binding leads: a queue or (exchange-to-exchange binding) another exchange, by name. */
export interface Binding {
  readonly source: string;
  readonly destKind: "queue" | "exchange";
  readonly destination: string;
  readonly routingKey: string;
  readonly arguments: FieldTable;
  /** Identity: RabbitMQ treats two bindings as the same when source, destination, key and arguments all match. */
  readonly id: string;
}

const scratch = new Writer(1024);

export function bindingId(destKind: string, destination: string, routingKey: string, args: FieldTable): string {
  encodeTable(scratch, args);
  return `${destKind}\u0000${destination}\u0000${routingKey}\u0000${scratch.finish().toString("hex")}`;
}

export interface ExchangeOptions {
  readonly name: string;
  readonly durable: boolean;
  readonly autoDelete: boolean;
  readonly internal: boolean;
  readonly arguments: FieldTable;
}

/** An exchange: a binding set plus a type-specific matching rule. */
export abstract class Exchange {
  abstract readonly type: string;
  readonly name: string;
  readonly durable: boolean;
  readonly autoDelete: boolean;
  readonly internal: boolean;
  readonly arguments: FieldTable;
  /** The policy and operator policy matching this exchange, kept current by the policy engine (src/broker/policy). */
  policy: AppliedPolicy | undefined;
  operatorPolicy: AppliedPolicy | undefined;
  protected readonly bindings = new Map<string, Binding>();

  constructor(o: ExchangeOptions) {
    this.name = o.name;
    this.durable = o.durable;
    this.autoDelete = o.autoDelete;
    this.internal = o.internal;
    this.arguments = o.arguments;
  }

  get bindingCount(): number {
    return this.bindings.size;
  }

  allBindings(): IterableIterator<Binding> {
    return this.bindings.values();
  }

  getBinding(id: string): Binding | undefined {
    return this.bindings.get(id);
  }

  /** Adds the binding unless an identical one exists; returns whether it was added. */
  bind(b: Binding): boolean {
    if (this.bindings.has(b.id)) return false;
    this.bindings.set(b.id, b);
    this.added(b);
    return true;
  }

  unbind(id: string): boolean {
    const b = this.bindings.get(id);
    if (b === undefined) return false;
    this.bindings.delete(id);
    this.removed(b);
    return true;
  }

  /** Alternate exchange named in the declare arguments, else by the exchange's policy, if any. */
  get alternateExchange(): string | undefined {
    const ae = this.arguments.get("alternate-exchange");
    if (ae !== undefined) return ae.type === "S" ? ae.value.toString("utf8") : undefined;
    const fromPolicy = this.policy?.definition["alternate-exchange"];
    return typeof fromPolicy === "string" ? fromPolicy : undefined;
  }

  /** Calls `hit` for each binding the message matches. */
  abstract route(msg: MessageRouting, hit: (b: Binding) => void): void;

  protected added(_b: Binding): void {}
  protected removed(_b: Binding): void {}
}
