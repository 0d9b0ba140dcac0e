/**
 * Queue-length flow control: a queue whose consumers are not keeping up holds back the publishers feeding it
 * (they stop reading their sockets, which clients see as TCP back-pressure), so a backlog stays bounded instead
 * of growing with whatever a publisher can send. RabbitMQ's credit flow plays this part there.
 */

/** Ready messages (or body bytes) from which a queue with consumers holds its publishers. */
export const FLOW_HIGH_MESSAGES = 5_000;
export const FLOW_HIGH_BYTES = 2 * 1024 * 1024;
/** Held publishers resume once the backlog is back under these (hysteresis, so a hold lasts more than a message). */
const FLOW_LOW_MESSAGES = FLOW_HIGH_MESSAGES / 2;
const FLOW_LOW_BYTES = FLOW_HIGH_BYTES / 2;
/** A queue that delivered nothing for this long lets its publishers go: its consumers are stuck, not slow. */
const STALL_MS = 1_000;

/** A publishing connection as queue flow control sees it. */
export interface FlowPublisher {
  /** Stop reading after the current frame until every flow holding it released it; false: it must not wait (see Connection). */
  flowHold(flow: PublisherFlow): boolean;
  flowRelease(flow: PublisherFlow): void;
}

/** Whether a backlog is over the high mark. */
export const overFlowMark = (length: number, bytes: number): boolean => length >= FLOW_HIGH_MESSAGES || bytes >= FLOW_HIGH_BYTES;

/** One queue's held publishers, and whether its consumers still make progress (created on a queue's first hold). */
export class PublisherFlow {
  private readonly held = new Set<FlowPublisher>();
  private timer: NodeJS.Timeout | undefined;
  private seen = 0;
  /** The delivery count at which the consumers were found stuck; no holds until it moves. */
  private stalledAt = -1;

  /** progress: the queue's delivery count. */
  constructor(private readonly progress: () => number) {}

  hold(p: FlowPublisher): void {
    const now = this.progress();
    if (now === this.stalledAt || this.held.has(p) || !p.flowHold(this)) return;
    this.held.add(p);
    if (this.timer !== undefined) return;
    this.seen = now;
    this.timer = setInterval(() => this.checkProgress(), STALL_MS);
    this.timer.unref();
  }

  /** The backlog shrank: publishers go once it is under the low mark. */
  drained(length: number, bytes: number): void {
    if (this.held.size > 0 && length < FLOW_LOW_MESSAGES && bytes < FLOW_LOW_BYTES) this.releaseAll();
  }

  /** A held publisher went away (connection closed). */
  forget(p: FlowPublisher): void {
    this.held.delete(p);
    if (this.held.size === 0) this.stopTimer();
  }

  /** No consumers any more, queue purged or deleted, consumers stuck: nothing to wait for. */
  releaseAll(): void {
    this.stopTimer();
    if (this.held.size === 0) return;
    const all = [...this.held];
    this.held.clear();
    for (const p of all) p.flowRelease(this);
  }

  private checkProgress(): void {
    const now = this.progress();
    if (now !== this.seen) {
      this.seen = now;
      return;
    }
    this.stalledAt = now;
    this.releaseAll();
  }

  private stopTimer(): void {
    if (this.timer === undefined) return;
    clearInterval(this.timer);
    this.timer = undefined;
  }
}
