import type { FieldTable } from "../../protocol/index.js";
import type { Message, QueuedMessage } from "../message.js";
import type { Consumer } from "./consumer.js";
import type { AppliedPolicy } from "./effective-args.js";
import { ReadyList } from "./ready-list.js";

export interface QueueOptions {
  readonly name: string;
  readonly durable: boolean;
  /** The declaring connection for exclusive queues. */
  readonly exclusiveOwner: object | undefined;
  readonly autoDelete: boolean;
  readonly arguments: FieldTable;
}

/** An in-memory classic queue: ready messages plus the consumers it round-robins over. */
export class Queue {
  readonly name: string;
  readonly durable: boolean;
  readonly exclusiveOwner: object | undefined;
  readonly autoDelete: boolean;
  readonly arguments: FieldTable;
  deleted = false;
  /** The policy and operator policy matching this queue, kept current by the policy engine. */
  policy: AppliedPolicy | undefined;
  operatorPolicy: AppliedPolicy | undefined;
  /** auto-delete applies only once the queue has had a consumer. */
  hadConsumer = false;
  private readonly ready = new ReadyList();
  private readonly consumers: Consumer[] = [];
  private rr = 0;
  private seq = 0;
  private dispatching = false;

  constructor(o: QueueOptions) {
    this.name = o.name;
    this.durable = o.durable;
    this.exclusiveOwner = o.exclusiveOwner;
    this.autoDelete = o.autoDelete;
    this.arguments = o.arguments;
  }

  get messageCount(): number {
    return this.ready.length;
  }

  get consumerCount(): number {
    return this.consumers.length;
  }

  get hasExclusiveConsumer(): boolean {
    return this.consumers.some((c) => c.exclusive);
  }

  allConsumers(): readonly Consumer[] {
    return this.consumers;
  }

  enqueue(message: Message): void {
    this.ready.push({ seq: ++this.seq, message, redelivered: false });
    if (this.consumers.length > 0) this.dispatch();
  }

  /** Returns delivered messages to their place, flagged redelivered. */
  requeue(qms: Iterable<QueuedMessage>): void {
    if (this.deleted) return;
    for (const qm of qms) {
      qm.redelivered = true;
      this.ready.requeue(qm);
    }
    this.dispatch();
  }

  /** basic.get: the next ready message, if any. */
  take(): QueuedMessage | undefined {
    return this.ready.shift();
  }

  purge(): number {
    return this.ready.clear();
  }

  addConsumer(c: Consumer): void {
    this.consumers.push(c);
    this.hadConsumer = true;
    this.dispatch();
  }

  /** Returns whether the consumer was attached. */
  removeConsumer(c: Consumer): boolean {
    const i = this.consumers.indexOf(c);
    if (i < 0) return false;
    this.consumers.splice(i, 1);
    if (this.rr > i) this.rr--;
    return true;
  }

  /** Hands ready messages to consumers with capacity: highest priority first, round-robin among equals. */
  dispatch(): void {
    if (this.dispatching || this.deleted) return;
    this.dispatching = true;
    try {
      while (this.ready.length > 0) {
        const c = this.pickConsumer();
        if (c === undefined) break;
        c.deliver(this, this.ready.shift()!);
      }
    } finally {
      this.dispatching = false;
    }
  }

  private pickConsumer(): Consumer | undefined {
    const n = this.consumers.length;
    let best: Consumer | undefined;
    let bestAt = 0;
    for (let i = 0; i < n; i++) {
      const at = (this.rr + i) % n;
      const c = this.consumers[at]!;
      if ((best === undefined || c.priority > best.priority) && c.hasCapacity()) {
        best = c;
        bestAt = at;
      }
    }
    if (best !== undefined) this.rr = (bestAt + 1) % n;
    return best;
  }
}
