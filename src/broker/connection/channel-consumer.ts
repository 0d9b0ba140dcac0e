import { type FieldTable, Writer } from "../../protocol/index.js";
import type { QueuedMessage } from "../message.js";
import type { Consumer } from "../queue/consumer.js";
import type { Queue } from "../queue/queue.js";
import type { ConsumerActivity } from "../queue/single-active-consumer.js";
import type { Channel } from "./channel.js";

/** A basic.consume subscription: the queue-facing side of a channel's consumer. */
export class ChannelConsumer implements Consumer {
  /** Unacked deliveries to this consumer, for its per-consumer prefetch. */
  unacked = 0;
  /** The tag as basic.deliver carries it (a shortstr), encoded once. */
  readonly encodedTag: Buffer;

  constructor(
    readonly channel: Channel,
    readonly queue: Queue,
    readonly tag: string,
    readonly noAck: boolean,
    readonly exclusive: boolean,
    readonly priority: number,
    readonly prefetch: number,
    /** The basic.consume arguments, as the management API lists them. */
    readonly consumeArguments: FieldTable = new Map(),
  ) {
    const w = new Writer(256);
    w.shortstr(tag);
    this.encodedTag = Buffer.from(w.finish());
  }

  /** Whether it receives messages now: false while it waits behind a queue's single active consumer. */
  get active(): boolean {
    return this.queue.activityOf(this).active;
  }

  /** /api/consumers' activity_status: "up", or "single_active" / "waiting" on a single-active-consumer queue. */
  get activityStatus(): ConsumerActivity["activityStatus"] {
    return this.queue.activityOf(this).activityStatus;
  }

  hasCapacity(): boolean {
    return this.channel.canDeliver(this);
  }

  deliver(queue: Queue, qm: QueuedMessage): void {
    this.channel.deliver(this, queue, qm);
  }

  /** RabbitMQ's consumer cancel notification, for clients that announced consumer_cancel_notify. */
  queueDeleted(_queue: Queue): void {
    const ch = this.channel;
    ch.consumers.delete(this.tag);
    if (ch.state === "open" && ch.conn.hasCapability("consumer_cancel_notify")) {
      ch.conn.output.method(ch.id, "basic.cancel", { consumerTag: this.tag, nowait: true });
    }
  }
}
