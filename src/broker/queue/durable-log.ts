// Persistent messages on durable queues, kept in the node's message store (src/broker/store): the queue hands each
// one over as it arrives and tells the log when it leaves for good; recovery reads them back at start.
import { Properties } from "../../protocol/index.js";
import type { Message, QueuedMessage } from "../message.js";
import { compositeKey, type MessageStore, type QueueLog, type RecordRef } from "../store/index.js";
import type { Queue } from "./queue.js";
import type { Ready } from "./ready-list.js";
import type { StoredMessages } from "./stored-messages.js";
import { clock } from "./ttl.js";

/** delivery_mode 2: the publisher asked for the message to outlive a restart. */
export const isPersistent = (m: Message): boolean => m.properties.get("deliveryMode") === 2;

// deadlines are stored in wall-clock ms, since the queue's monotonic clock starts again with the process
const toWallClock = (deadline: number): number => (deadline === Infinity ? Infinity : Date.now() + (deadline - clock()));
const toQueueClock = (wall: number): number => (wall === Infinity ? Infinity : clock() + (wall - Date.now()));

/** A stored message as the queue takes it back at start; the message itself is read when it nears the head. */
export interface RecoveredMessage {
  readonly ref: RecordRef;
  readonly priority: number;
  /** On the queue's clock. */
  readonly expiresAt: number;
}

/** One durable queue's log, with the count and body bytes of the persistent messages it holds (messages_persistent). */
export class DurableLog implements StoredMessages {
  messages = 0;
  bytes = 0;
  private destroyed = false;

  constructor(
    private readonly log: QueueLog,
    private readonly logs: MessageLogs,
  ) {}

  /** Stores the message if it is persistent (setting qm.storeRef); transient messages stay in memory only. */
  append(qm: QueuedMessage): void {
    const m = qm.message;
    if (this.destroyed || !this.logs.live || !isPersistent(m)) return;
    try {
      qm.storeRef = this.log.append({
        exchange: m.exchange,
        routingKey: m.routingKey,
        routingKeys: m.routingKeys,
        properties: m.properties.raw,
        body: m.body,
        priority: qm.priority,
        expiresAt: toWallClock(qm.expiresAt),
      });
    } catch (e) {
      // what the store cannot hold is still delivered from memory, as a transient message would be
      this.logs.warn(`queue ${this.log.id}: a persistent message could not be stored: ${(e as Error).message}`);
      return;
    }
    this.messages++;
    this.bytes += m.body.length;
    this.logs.appends++;
  }

  /** The message left the queue for good (acked, expired, dropped, dead-lettered, purged); repeats are ignored. */
  ack(qm: QueuedMessage): void {
    const ref = qm.storeRef;
    if (ref === undefined) return;
    qm.storeRef = undefined;
    this.ackRef(ref);
  }

  /** Empties a ready list, acking each stored message in it (without reading any back); returns how many it held. */
  ackAll(ready: Ready): number {
    return ready.clear((ref) => this.ackRef(ref));
  }

  /** The queue was deleted: its messages go with it (not when the node is merely stopping). */
  destroy(): void {
    if (this.destroyed || !this.logs.live) return;
    this.destroyed = true;
    this.log.destroy().catch((e: unknown) => this.logs.warn(`queue ${this.log.id}: its messages could not be removed: ${(e as Error).message}`));
  }

  /** The messages stored before this start, oldest first, read from the index alone (no bodies, no records). */
  *recover(): Generator<RecoveredMessage> {
    for (const r of this.log.recover()) {
      this.messages++;
      this.bytes += r.bodySize;
      yield { ref: r.ref, priority: r.priority, expiresAt: toQueueClock(r.expiresAt) };
    }
  }

  private ackRef(ref: RecordRef): void {
    this.messages--;
    // the body may be on disk only: the store knows its size
    this.bytes -= this.log.bodySizeOf(ref);
    // a stopping node keeps what it holds: deliveries its closing connections leave behind are redelivered next start
    if (!this.destroyed && this.logs.live) this.log.ack(ref);
  }

  bodySizeOf(ref: RecordRef): number {
    return this.log.bodySizeOf(ref);
  }

  /** Reads stored messages back for delivery; one whose record fails its checks is dropped from the log and logged. */
  load(entries: readonly QueuedMessage[]): (Message | undefined)[] {
    const records = this.log.readManySync(entries.map((qm) => qm.storeRef!));
    return records.map((rec, i) => {
      const qm = entries[i]!;
      if (rec instanceof Error) {
        this.logs.warn(`queue ${this.log.id}: stored message ${qm.storeRef} could not be read and was dropped: ${rec.message}`);
        this.ack(qm);
        return undefined;
      }
      try {
        return { exchange: rec.exchange, routingKey: rec.routingKey, routingKeys: rec.routingKeys, properties: Properties.fromWire(rec.properties, false), body: rec.body };
      } catch (e) {
        this.logs.warn(`queue ${this.log.id}: stored message ${qm.storeRef} has unreadable properties and was dropped: ${(e as Error).message}`);
        this.ack(qm);
        return undefined;
      }
    });
  }
}

/** The node's message store as vhosts and queues see it: one log per durable queue, and the flush confirms wait for. */
export class MessageLogs {
  /** Appends so far, across every queue: a publish that moved it must wait for flush() before it is confirmed. */
  appends = 0;
  /** Cleared when the node stops: nothing is removed from disk from then on. */
  live = true;
  private waited: { stored: Promise<void>; definitions: Promise<void>; both: Promise<void> } | undefined;

  constructor(
    readonly store: MessageStore,
    readonly warn: (message: string) => void,
    /** Settles once the definitions changed so far are on disk (the node's metadata store). */
    private readonly definitionsDurable: () => Promise<void> = () => Promise.resolve(),
  ) {}

  /** The log of a durable queue; exclusive queues do not outlive their connection, so they keep none. */
  open(q: Queue): DurableLog | undefined {
    if (!q.durable || q.exclusiveOwner !== undefined) return undefined;
    return new DurableLog(this.store.queue(queueLogId(q.vhost.name, q.name)), this);
  }

  /**
   * Settles once everything appended or acked so far is on disk, and the definitions too: a message confirmed into
   * a queue declared a moment before (say with nowait) must not be lost because the queue itself was not yet kept.
   */
  flush(): Promise<void> {
    const stored = this.store.flush();
    const definitions = this.definitionsDurable();
    // the same promise for the same pair: confirms group by it (one multiple ack per batch, durable-confirms.ts)
    if (this.waited === undefined || this.waited.stored !== stored || this.waited.definitions !== definitions) {
      // a failed metadata write is the node log's business; the messages' own write decides the confirm
      const both = Promise.all([stored, definitions.catch(() => undefined)]).then(() => undefined);
      this.waited = { stored, definitions, both };
    }
    return this.waited.both;
  }
}

/** The store's id for a queue's log. */
export const queueLogId = (vhost: string, queue: string): string => compositeKey(vhost, queue);
