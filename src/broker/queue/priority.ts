import type { FieldTable, Properties } from "../../protocol/index.js";
import type { QueuedMessage } from "../message.js";
import type { RecordRef } from "../store/index.js";
import { type Ready, ReadyList } from "./ready-list.js";
import type { StoredMessages } from "./stored-messages.js";

/** x-max-priority as RabbitMQ reads it: any integer type makes a priority queue (values above 255 were refused at declare). */
export function maxPriorityOf(args: FieldTable): number | undefined {
  const v = args.get("x-max-priority");
  if (v === undefined) return undefined;
  switch (v.type) {
    case "b": case "B": case "s": case "u": case "I": case "i": return v.value;
    case "l": case "L": return Number(v.value);
    default: return undefined;
  }
}

/** The level a message goes to: its priority property (0 without one), capped at the queue's maximum. */
export function priorityLevel(props: Properties, max: number): number {
  if (!props.has("priority")) return 0;
  const p = props.get("priority") ?? 0;
  return p > max ? max : p;
}

/** A priority queue's ready messages: one FIFO per level, higher levels first; within a level FIFO, requeues back in place. */
export class PriorityReadyList implements Ready {
  /** Levels created on first use; most queues see only a few priorities. */
  private readonly levels: (ReadyList | undefined)[];
  /** Highest level that may hold messages. */
  private top = -1;
  private count = 0;
  private bytes = 0;

  constructor(
    max: number,
    private readonly stored: () => StoredMessages | undefined = () => undefined,
  ) {
    this.levels = new Array<ReadyList | undefined>(max + 1).fill(undefined);
  }

  get length(): number {
    return this.count;
  }

  get byteLength(): number {
    return this.bytes;
  }

  push(qm: QueuedMessage): void {
    const level = this.level(qm.priority);
    this.tracked(level, () => level.push(qm));
    if (qm.priority > this.top) this.top = qm.priority;
  }

  requeue(qm: QueuedMessage): void {
    const level = this.level(qm.priority);
    this.tracked(level, () => level.requeue(qm));
    if (qm.priority > this.top) this.top = qm.priority;
  }

  peek(): QueuedMessage | undefined {
    // a level holding only messages that could not be read back empties on the way: then the next one answers
    for (let level = this.topLevel(); level !== undefined; level = this.topLevel()) {
      const l = level;
      const qm = this.tracked(l, () => l.peek());
      if (qm !== undefined) return qm;
    }
    return undefined;
  }

  shift(): QueuedMessage | undefined {
    for (let level = this.topLevel(); level !== undefined; level = this.topLevel()) {
      const l = level;
      const qm = this.tracked(l, () => l.shift());
      if (qm !== undefined) return qm;
    }
    return undefined;
  }

  clear(ackStored?: (ref: RecordRef) => void): number {
    const n = this.count;
    for (let p = this.levels.length - 1; p >= 0; p--) this.levels[p]?.clear(ackStored);
    this.top = -1;
    this.count = 0;
    this.bytes = 0;
    return n;
  }

  private level(p: number): ReadyList {
    let l = this.levels[p];
    if (l === undefined) this.levels[p] = l = new ReadyList(this.stored);
    return l;
  }

  /**
   * Runs an operation on one level and takes over how its totals moved: the level knows a stored message's size,
   * and reading stored messages back may drop ones that could not be read.
   */
  private tracked<T>(level: ReadyList, op: () => T): T {
    const length = level.length;
    const bytes = level.byteLength;
    const result = op();
    this.count += level.length - length;
    this.bytes += level.byteLength - bytes;
    return result;
  }

  /** The highest non-empty level, lowering `top` past emptied ones. */
  private topLevel(): ReadyList | undefined {
    while (this.top >= 0) {
      const l = this.levels[this.top];
      if (l !== undefined && l.length > 0) return l;
      this.top--;
    }
    return undefined;
  }
}
