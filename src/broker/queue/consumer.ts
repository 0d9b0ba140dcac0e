import type { QueuedMessage } from "../message.js";
import type { Queue } from "./queue.js";

/** A subscription as a queue sees it; the channel implements delivery and flow control. */
export interface Consumer {
  readonly tag: string;
  readonly exclusive: boolean;
  readonly noAck: boolean;
  /** x-priority: higher-priority consumers with capacity are served first. */
  readonly priority: number;
  /** Whether one more message may go out now (prefetch limits, socket back-pressure). */
  hasCapacity(): boolean;
  deliver(queue: Queue, qm: QueuedMessage): void;
  /** The queue was deleted under the consumer. */
  queueDeleted(queue: Queue): void;
}
