import type { PerfChannel } from "./channel.js";
import type { LatencyHistogram } from "./histogram.js";
import type { PerfOptions } from "./options.js";

/** Consumes from one queue on one channel, records end-to-end latency and acks as told (one per message, every N, or none). */
export class Consumer {
  received = 0;
  /** performance.now() of the chunk that carried the last delivery. */
  lastReceivedAt = 0;
  private held = 0;
  private lastTag = 0;

  constructor(
    private readonly ch: PerfChannel,
    private readonly o: PerfOptions,
    private readonly latency: LatencyHistogram,
    /** Called after each delivery, so a run by message count notices the last one at once. */
    private readonly onReceive: () => void,
  ) {}

  async start(queue: string): Promise<void> {
    const o = this.o;
    if (o.prefetch > 0) await this.ch.call("basic.qos", { prefetchSize: 0, prefetchCount: o.prefetch, global: false });
    this.ch.onDelivery = (tag, sentAt) => this.onDelivery(tag, sentAt);
    await this.ch.call("basic.consume", { ticket: 0, queue, consumerTag: "", noLocal: false, noAck: o.autoAck, exclusive: false, nowait: false, arguments: new Map() });
  }

  /** Acks deliveries still held back by --multi-ack-every, so nothing is redelivered elsewhere after the run. */
  flushAcks(): void {
    if (this.held === 0 || this.ch.failure !== undefined) return;
    this.ch.ack(this.lastTag, true);
    this.held = 0;
    this.ch.conn.flush();
  }

  private onDelivery(tag: number, sentAt: number): void {
    this.received++;
    const now = this.ch.conn.now;
    this.lastReceivedAt = now;
    if (!Number.isNaN(sentAt)) this.latency.recordMs(now - sentAt);
    if (!this.o.autoAck) {
      const every = this.o.multiAckEvery;
      if (every === 1) this.ch.ack(tag, false);
      else if (++this.held >= every) {
        this.ch.ack(tag, true);
        this.held = 0;
      } else this.lastTag = tag;
    }
    this.onReceive();
  }
}
