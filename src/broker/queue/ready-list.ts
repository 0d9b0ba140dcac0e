import type { QueuedMessage } from "../message.js";

/** What a queue needs from its ready messages; FIFO and priority queues implement it. */
export interface Ready {
  readonly length: number;
  /** Body bytes of the ready messages (x-max-length-bytes counts these). */
  readonly byteLength: number;
  push(qm: QueuedMessage): void;
  requeue(qm: QueuedMessage): void;
  /** The message the next shift() returns. */
  peek(): QueuedMessage | undefined;
  shift(): QueuedMessage | undefined;
  /** Empties the list; returns how many it held. */
  clear(): number;
}

/** Ready messages in delivery order: requeued ones (kept sorted by seq, so they return to their old place) ahead of the never-delivered tail. */
export class ReadyList implements Ready {
  private tail: QueuedMessage[] = [];
  private head = 0;
  private readonly requeued: QueuedMessage[] = [];
  private bytes = 0;

  get length(): number {
    return this.tail.length - this.head + this.requeued.length;
  }

  get byteLength(): number {
    return this.bytes;
  }

  push(qm: QueuedMessage): void {
    this.tail.push(qm);
    this.bytes += qm.message.body.length;
  }

  /** Puts a delivered message back; delivered messages are older than anything in the tail, so they go in front of it. */
  requeue(qm: QueuedMessage): void {
    const list = this.requeued;
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (list[mid]!.seq < qm.seq) lo = mid + 1;
      else hi = mid;
    }
    list.splice(lo, 0, qm);
    this.bytes += qm.message.body.length;
  }

  peek(): QueuedMessage | undefined {
    return this.requeued.length > 0 ? this.requeued[0] : this.head < this.tail.length ? this.tail[this.head] : undefined;
  }

  shift(): QueuedMessage | undefined {
    let qm: QueuedMessage | undefined;
    if (this.requeued.length > 0) qm = this.requeued.shift();
    else if (this.head < this.tail.length) {
      qm = this.tail[this.head];
      this.tail[this.head++] = undefined as unknown as QueuedMessage;
      // drop consumed slots once they dominate the array
      if (this.head > 1024 && this.head * 2 > this.tail.length) {
        this.tail = this.tail.slice(this.head);
        this.head = 0;
      }
    }
    if (qm !== undefined) this.bytes -= qm.message.body.length;
    return qm;
  }

  clear(): number {
    const n = this.length;
    this.tail = [];
    this.head = 0;
    this.requeued.length = 0;
    this.bytes = 0;
    return n;
  }
}
