import type { Message, QueuedMessage } from "../message.js";
import type { RecordRef } from "../store/index.js";
import { BodyPager } from "./body-pager.js";
import { StoredRun } from "./stored-run.js";
import { PAGED, STORED, type StoredMessages, withBody } from "./stored-messages.js";

/** What a queue needs from its ready messages; FIFO and priority queues implement it. */
export interface Ready {
  readonly length: number;
  /** Body bytes of the ready messages (x-max-length-bytes counts these). */
  readonly byteLength: number;
  /** Takes a message; one whose message is STORED (recovered, nothing read yet) is read from the store when it nears the head. */
  push(qm: QueuedMessage): void;
  requeue(qm: QueuedMessage): void;
  /** The message the next shift() returns. */
  peek(): QueuedMessage | undefined;
  shift(): QueuedMessage | undefined;
  /** Empties the list, handing `ackStored` the store ref of each stored message (none is read back); returns how many it held. */
  clear(ackStored?: (ref: RecordRef) => void): number;
}

/** Ready body bytes a list keeps in memory; past them the bodies of newer messages are paged to disk until the head nears. */
const RESIDENT_BYTES = 2 * 1024 * 1024;
/** About how many body bytes one page-in reads back. */
const PAGE_IN_BYTES = 1024 * 1024;

/** Swaps a message for one with another body; only the list holding it does this, so no one else sees a paged message. */
function setMessage(qm: QueuedMessage, m: Message): void {
  (qm as { message: Message }).message = m;
}

type TailEntry = QueuedMessage | StoredRun;

/**
 * Ready messages in delivery order: requeued ones (kept sorted by seq, so they return to their old place) ahead of
 * the never-delivered tail. A long tail keeps its bodies on disk: persistent messages already in the queue's log
 * in the message store as bare columns (stored-run.ts), other bodies in the list's own pager (body-pager.ts). They
 * are read back a batch at a time as they reach the head, so peek() and shift() only return whole messages.
 */
export class ReadyList implements Ready {
  private tail: TailEntry[] = [];
  private head = 0;
  /** Messages read back from the run at the tail's head, delivered before anything after it. */
  private front: QueuedMessage[] = [];
  private frontAt = 0;
  /** Messages in front and tail together (a run counts each of its messages). */
  private tailCount = 0;
  private requeued: QueuedMessage[] = [];
  private requeuedHead = 0;
  private bytes = 0;
  private pager: BodyPager | undefined;
  /** Body sizes of the pager's messages, in tail order from pagedAt. */
  private pagedSizes: number[] = [];
  private pagedAt = 0;
  private pagedBytes = 0;
  /** Messages in runs not read back yet, and their body bytes. */
  private storedCount = 0;
  private storedBytes = 0;
  /** The last paged message's stand-in: a run of messages alike but for their bodies shares one while paged. */
  private stub: Message | undefined;

  /** `stored` gives the queue's log, when it has one, for messages to be read back from the store. */
  constructor(private readonly stored: () => StoredMessages | undefined = () => undefined) {}

  get length(): number {
    return this.tailCount + this.requeued.length - this.requeuedHead;
  }

  get byteLength(): number {
    return this.bytes;
  }

  push(qm: QueuedMessage): void {
    const m = qm.message;
    this.tailCount++;
    if (m === STORED) {
      this.pushStored(qm, this.stored()?.bodySizeOf(qm.storeRef!) ?? 0);
      return;
    }
    const size = m.body.length;
    // once anything is paged everything after it is too (unless empty), so bodies come back as the head nears
    const paging = this.pagedAt < this.pagedSizes.length || this.storedCount > 0;
    if (size > 0 && (paging || this.bytes + size - this.pagedBytes - this.storedBytes > RESIDENT_BYTES)) {
      if (qm.storeRef !== undefined && this.stored() !== undefined) {
        // its record is in the store already: no second copy on disk, and no object in memory
        this.pushStored(qm, size);
        return;
      }
      setMessage(qm, this.stubFor(m));
      (this.pager ??= new BodyPager()).append(m.body);
      this.pagedSizes.push(size);
      this.pagedBytes += size;
    }
    this.bytes += size;
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
    return this.tailHead();
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
    } else {
      qm = this.tailHead();
      if (qm === undefined) return undefined;
      if (this.frontAt < this.front.length) this.frontAt++;
      else this.dropTailHead();
      this.tailCount--;
    }
    if (qm !== undefined) this.bytes -= qm.message.body.length;
    return qm;
  }

  clear(ackStored?: (ref: RecordRef) => void): number {
    const n = this.length;
    if (ackStored !== undefined) {
      const ack = (qm: QueuedMessage): void => {
        if (qm.storeRef !== undefined) ackStored(qm.storeRef);
      };
      for (let i = this.requeuedHead; i < this.requeued.length; i++) ack(this.requeued[i]!);
      for (let i = this.frontAt; i < this.front.length; i++) ack(this.front[i]!);
      for (let i = this.head; i < this.tail.length; i++) {
        const e = this.tail[i]!;
        if (!(e instanceof StoredRun)) ack(e);
        else for (let k = e.at; k < e.length; k++) ackStored(e.ref(k));
      }
    }
    this.tail = [];
    this.head = 0;
    this.front = [];
    this.frontAt = 0;
    this.tailCount = 0;
    this.requeued = [];
    this.requeuedHead = 0;
    this.bytes = 0;
    this.storedCount = 0;
    this.storedBytes = 0;
    this.dropPaged();
    return n;
  }

  /** Keeps a stored message as a slot in the run at the tail's end (the caller counted it in tailCount). */
  private pushStored(qm: QueuedMessage, size: number): void {
    let run = this.tail[this.tail.length - 1];
    if (!(run instanceof StoredRun) || run.full || this.tail.length - 1 < this.head) this.tail.push((run = new StoredRun()));
    run.push(qm.storeRef!, qm.seq, qm.expiresAt, qm.priority, qm.redelivered);
    this.bytes += size;
    this.storedCount++;
    this.storedBytes += size;
  }

  /** The next message of the tail, whole: read back from a run or the pager first if need be. */
  private tailHead(): QueuedMessage | undefined {
    for (;;) {
      if (this.frontAt < this.front.length) return this.front[this.frontAt];
      const e = this.tail[this.head];
      if (e === undefined) return undefined;
      if (e instanceof StoredRun) {
        this.readRun(e);
        if (e.remaining === 0) this.dropTailHead();
        continue;
      }
      if (e.message.body === PAGED) this.pageIn();
      return e;
    }
  }

  private dropTailHead(): void {
    this.tail[this.head++] = undefined as unknown as TailEntry;
    // drop consumed slots once they dominate the array
    if (this.head > 1024 && this.head * 2 > this.tail.length) {
      this.tail = this.tail.slice(this.head);
      this.head = 0;
    }
  }

  private stubFor(m: Message): Message {
    const stub = this.stub;
    if (stub !== undefined && stub.exchange === m.exchange && stub.routingKey === m.routingKey && stub.routingKeys === m.routingKeys && stub.properties === m.properties) {
      return stub;
    }
    return (this.stub = withBody(m, PAGED));
  }

  /**
   * Reads the next messages of the run (about PAGE_IN_BYTES of bodies) back from the store into `front`; one that
   * cannot be read is counted out and left out.
   */
  private readRun(run: StoredRun): void {
    const source = this.stored();
    const batch: QueuedMessage[] = [];
    const sizes: number[] = [];
    let bytes = 0;
    while (run.remaining > 0 && (batch.length === 0 || bytes < PAGE_IN_BYTES)) {
      const i = run.at++;
      const storeRef = run.ref(i);
      // sized now: a message that cannot be read is dropped from the log by load()
      const size = source?.bodySizeOf(storeRef) ?? 0;
      batch.push({ seq: run.seq(i), message: STORED, redelivered: run.redelivered(i), expiresAt: run.expiresAt(i), priority: run.priority(i), storeRef });
      sizes.push(size);
      bytes += size;
    }
    // without a log (never the case while runs exist) they could only be lost
    const loaded = source?.load(batch) ?? batch.map(() => undefined);
    const front: QueuedMessage[] = [];
    for (let i = 0; i < batch.length; i++) {
      const m = loaded[i];
      this.storedCount--;
      this.storedBytes -= sizes[i]!;
      if (m === undefined) {
        this.bytes -= sizes[i]!;
        this.tailCount--;
        continue;
      }
      // the record is the truth should the two ever differ
      this.bytes += m.body.length - sizes[i]!;
      setMessage(batch[i]!, m);
      front.push(batch[i]!);
    }
    this.front = front;
    this.frontAt = 0;
  }

  /** Reads back the next batch of the pager's bodies, from the head on, into their messages. */
  private pageIn(): void {
    const sizes = this.pagedSizes;
    const bodies = this.pager!.read(sizes, this.pagedAt, sizes.length - this.pagedAt, PAGE_IN_BYTES);
    let i = this.head;
    for (const body of bodies) {
      for (let e = this.tail[i]!; e instanceof StoredRun || e.message.body !== PAGED; e = this.tail[++i]!);
      const qm = this.tail[i++] as QueuedMessage;
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

  /** Nothing is paged by the pager any more: its files go. */
  private dropPaged(): void {
    this.pager?.reset();
    this.pagedSizes = [];
    this.pagedAt = 0;
    this.pagedBytes = 0;
    this.stub = undefined;
  }
}
