import type { FieldTable, Properties } from "../../protocol/index.js";
import type { QueuedMessage } from "../message.js";
import { type Ready, ReadyList } from "./ready-list.js";

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

  constructor(max: number) {
    this.levels = new Array<ReadyList | undefined>(max + 1).fill(undefined);
  }

  get length(): number {
    return this.count;
  }

  get byteLength(): number {
    return this.bytes;
  }

  push(qm: QueuedMessage): void {
    // counted first: the level may page the body out as it takes the message
    this.added(qm);
    this.level(qm.priority).push(qm);
  }

  requeue(qm: QueuedMessage): void {
    this.level(qm.priority).requeue(qm);
    this.added(qm);
  }

  peek(): QueuedMessage | undefined {
    return this.topLevel()?.peek();
  }

  shift(): QueuedMessage | undefined {
    const qm = this.topLevel()?.shift();
    if (qm !== undefined) {
      this.count--;
      this.bytes -= qm.message.body.length;
    }
    return qm;
  }

  clear(): number {
    const n = this.count;
    for (const l of this.levels) l?.clear();
    this.top = -1;
    this.count = 0;
    this.bytes = 0;
    return n;
  }

  private level(p: number): ReadyList {
    let l = this.levels[p];
    if (l === undefined) this.levels[p] = l = new ReadyList();
    return l;
  }

  private added(qm: QueuedMessage): void {
    this.count++;
    this.bytes += qm.message.body.length;
    if (qm.priority > this.top) this.top = qm.priority;
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
