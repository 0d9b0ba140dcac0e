import type { Message, QueuedMessage } from "../message.js";
import { BodyPager } from "./body-pager.js";

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

/** Ready body bytes a list keeps in memory; past them the bodies of newer messages are paged to disk until the head nears. */
const RESIDENT_BYTES = 2 * 1024 * 1024;
/** About how many body bytes one page-in reads back. */
const PAGE_IN_BYTES = 1024 * 1024;
/** The body of a message whose bytes are paged out (compared by identity; a real empty body is another buffer). */
const PAGED = Buffer.alloc(0);

/** Swaps a message for one with another body; only the list holding it does this, so no one else sees a paged message. */
function setMessage(qm: QueuedMessage, m: Message): void {
  (qm as { message: Message }).message = m;
}

const withBody = (m: Message, body: Buffer): Message => ({ exchange: m.exchange, routingKey: m.routingKey, routingKeys: m.routingKeys, properties: m.properties, body });

/**
 * Ready messages in delivery order: requeued ones (kept sorted by seq, so they return to their old place) ahead of
 * the never-delivered tail. A long tail keeps its bodies on disk (body-pager.ts): in tail order, read back before
 * they reach the head, so peek() and shift() only ever return messages with their bodies.
 */
export class ReadyList implements Ready {
  private tail: QueuedMessage[] = [];
  private head = 0;
  private requeued: QueuedMessage[] = [];
  private requeuedHead = 0;
  private bytes = 0;
  private pager: BodyPager | undefined;
  /** Body sizes of the paged messages, in tail order from pagedAt. */
  private pagedSizes: number[] = [];
  private pagedAt = 0;
  private pagedBytes = 0;
  /** The last paged message's stand-in: a run of messages alike but for their bodies shares one while paged. */
  private stub: Message | undefined;

  get length(): number {
    return this.tail.length - this.head + this.requeued.length - this.requeuedHead;
  }

  get byteLength(): number {
    return this.bytes;
  }

  push(qm: QueuedMessage): void {
    const size = qm.message.body.length;
    this.bytes += size;
    // once anything is paged everything after it is too (unless empty), so bodies come back in one sequential stream
    if (size > 0 && (this.pagedAt < this.pagedSizes.length || this.bytes - this.pagedBytes > RESIDENT_BYTES)) {
      const m = qm.message;
      (this.pager ??= new BodyPager()).append(m.body);
      let stub = this.stub;
      if (stub === undefined || stub.exchange !== m.exchange || stub.routingKey !== m.routingKey || stub.routingKeys !== m.routingKeys || stub.properties !== m.properties) {
        stub = this.stub = withBody(m, PAGED);
      }
      setMessage(qm, stub);
      this.pagedSizes.push(size);
      this.pagedBytes += size;
    }
    this.tail.push(qm);
  }

  /** Puts a delivered message back; delivered messages are older than anything in the tail, so they go in front of it. */
  requeue(qm: QueuedMessage): void {
    const list = this.requeued;
    let lo = this.requeuedHead;
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
    if (this.requeuedHead < this.requeued.length) return this.requeued[this.requeuedHead];
    const qm = this.tail[this.head];
    if (qm !== undefined && qm.message.body === PAGED) this.pageIn();
    return qm;
  }

  shift(): QueuedMessage | undefined {
    let qm: QueuedMessage | undefined;
    if (this.requeuedHead < this.requeued.length) {
      qm = this.requeued[this.requeuedHead];
      this.requeued[this.requeuedHead++] = undefined as unknown as QueuedMessage;
      if (this.requeuedHead === this.requeued.length) {
        this.requeued = [];
        this.requeuedHead = 0;
      } else if (this.requeuedHead > 1024 && this.requeuedHead * 2 > this.requeued.length) {
        this.requeued = this.requeued.slice(this.requeuedHead);
        this.requeuedHead = 0;
      }
    } else if (this.head < this.tail.length) {
      qm = this.tail[this.head]!;
      if (qm.message.body === PAGED) this.pageIn();
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
    this.requeued = [];
    this.requeuedHead = 0;
    this.bytes = 0;
    this.dropPaged();
    return n;
  }

  /** Reads back the next batch of paged bodies, from the head on, into their messages. */
  private pageIn(): void {
    const sizes = this.pagedSizes;
    const bodies = this.pager!.read(sizes, this.pagedAt, sizes.length - this.pagedAt, PAGE_IN_BYTES);
    let i = this.head;
    for (const body of bodies) {
      while (this.tail[i]!.message.body !== PAGED) i++;
      const qm = this.tail[i++]!;
      setMessage(qm, withBody(qm.message, body));
      this.pagedBytes -= body.length;
    }
    this.pagedAt += bodies.length;
    if (this.pagedAt === sizes.length) this.dropPaged();
    else if (this.pagedAt > 1024 && this.pagedAt * 2 > sizes.length) {
      this.pagedSizes = sizes.slice(this.pagedAt);
      this.pagedAt = 0;
    }
  }

  /** Nothing is paged any more: the pager's files go. */
  private dropPaged(): void {
    this.pager?.reset();
    this.pagedSizes = [];
    this.pagedAt = 0;
    this.pagedBytes = 0;
    this.stub = undefined;
  }
}
