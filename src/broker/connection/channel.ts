import {
  type ContentHeader,
  decodeMethod,
  type Frame,
  FRAME_BODY,
  FRAME_HEADER,
  FRAME_METHOD,
  type Method,
} from "../../protocol/index.js";
import type { BasicPublish } from "../../protocol/index.js";
import { AmqpError, preconditionFailed, unexpectedFrame } from "../errors.js";
import { deliveryClock } from "./consumer-timeout.js";
import type { QueuedMessage } from "../message.js";
import type { Queue } from "../queue/queue.js";
import { messageTooLargeText } from "../node/limits.js";
import { copyBody } from "./body-copy.js";
import { ChannelConsumer } from "./channel-consumer.js";
import type { Connection } from "./connection.js";
import { releaseReplyTo } from "./direct-reply-to.js";
import { MessageStats } from "../stats/message-stats.js";
import { recordDeliver, recordSettled } from "../stats/record.js";
import { handleChannelMethod } from "./dispatch.js";
import { completePublish } from "./publish.js";
import { PublishRepeats } from "./publish-repeats.js";

interface PendingContent {
  readonly publish: BasicPublish;
  header: ContentHeader | undefined;
  readonly chunks: Buffer[];
  received: number;
}

/** A delivery awaiting ack: where it came from and which consumer (if any) it counts against. */
export interface Unacked {
  readonly queue: Queue;
  readonly qm: QueuedMessage;
  readonly consumer: ChannelConsumer | undefined;
  /** When it was delivered, by the consumer-timeout clock. */
  readonly at: number;
}

/** Queued work of a transactional channel, applied on tx.commit. */
export type TxAction = () => void;

/** One AMQP channel: content assembly, consumers, delivery tags and unacked messages, qos, confirm and tx modes. */
export class Channel {
  state: "open" | "closing" = "open";
  private pending: PendingContent | undefined;
  /** The "" queue-name shortcut: the last queue declared on this channel. */
  lastQueue: string | undefined;
  readonly consumers = new Map<string, ChannelConsumer>();
  readonly unacked = new Map<number, Unacked>();
  private nextTag = 1;
  /** basic.qos global=false: the limit for consumers created afterwards. */
  consumerPrefetch = 0;
  /** basic.qos global=true: one limit shared by the channel's consumers. */
  globalPrefetch = 0;
  /** Unacked deliveries to consumers with acks (what the global limit counts). */
  consumerUnacked = 0;
  confirm = false;
  publishSeq = 0;
  tx: TxAction[] | undefined;
  /** message_stats for the management API. */
  readonly stats = new MessageStats();
  /** The last publish's method, properties and routing key: repeats are neither decoded nor stored again. */
  readonly repeats = new PublishRepeats();

  constructor(
    readonly id: number,
    readonly conn: Connection,
  ) {}

  onFrame(f: Frame): void {
    if (this.state === "closing") {
      // after our channel.close only close/close-ok count; in-flight content is dropped
      if (f.type !== FRAME_METHOD) return;
      const m = decodeMethod(f.payload);
      if (m.name === "channel.close-ok" || m.name === "channel.close") this.run(m);
      return;
    }
    const p = this.pending;
    if (p !== undefined) return this.onContent(p, f);
    if (f.type !== FRAME_METHOD) throw unexpectedFrame("expected method frame, got non method frame instead");
    const m = this.repeats.method(f.payload);
    if (m.name === "basic.publish") {
      this.pending = { publish: m.args, header: undefined, chunks: [], received: 0 };
      return;
    }
    this.run(m);
  }

  private onContent(p: PendingContent, f: Frame): void {
    if (p.header === undefined) {
      const h = f.type === FRAME_HEADER ? this.repeats.header(f.payload) : undefined;
      // RabbitMQ takes a header with a nonzero weight for some other kind of frame
      if (h === undefined || h.weight !== 0) throw unexpectedFrame("expected content header for class 60, got non content header frame instead").inMethod(60, 40);
      if (h.classId !== 60) throw unexpectedFrame(`expected content header for class 60, got one for class ${h.classId} instead`).inMethod(60, 40);
      p.header = h;
      // refused on the announced size, before any body is buffered (RabbitMQ 3.10 checks once the body is in, with the same text)
      const max = this.conn.broker.node.limits.maxMessageSize;
      if (h.bodySize > max) {
        this.pending = undefined;
        // the size as announced: past 2^53 only the u64 on the wire is exact
        const size = h.bodySize > Number.MAX_SAFE_INTEGER ? f.payload.readBigUInt64BE(4) : h.bodySize;
        return this.failChannel(preconditionFailed(messageTooLargeText(size, max)).inMethod(60, 40));
      }
    } else {
      if (f.type !== FRAME_BODY) throw unexpectedFrame("expected content body, got non content body frame instead").inMethod(60, 40);
      // a view for now: the body is copied out once complete, so no stored message pins a socket chunk
      p.chunks.push(f.payload);
      p.received += f.payload.length;
      if (p.received > p.header.bodySize) throw unexpectedFrame("content body exceeds the size in its header").inMethod(60, 40);
    }
    if (p.received < p.header.bodySize) return;
    this.pending = undefined;
    const body = copyBody(p.chunks, p.received);
    try {
      completePublish(this, p.publish, p.header.properties, body);
    } catch (e) {
      this.handleError(e, 60, 40);
    }
  }

  private run(m: Method): void {
    try {
      handleChannelMethod(this, m);
    } catch (e) {
      this.handleError(e, m.classId, m.methodId);
    }
  }

  /** Channel-level errors close this channel; anything else goes up to the connection. */
  private handleError(e: unknown, classId: number, methodId: number): void {
    if (e instanceof AmqpError) {
      e.inMethod(classId, methodId);
      if (e.scope === "channel") return this.failChannel(e);
    }
    throw e;
  }

  failChannel(e: AmqpError): void {
    if (this.state === "closing") return;
    this.conn.output.method(this.id, "channel.close", { replyCode: e.replyCode, replyText: e.replyText, classId: e.classId, methodId: e.methodId });
    this.state = "closing";
    this.pending = undefined;
    this.release();
  }

  /** The tag the next delivery will get (direct replies reuse it without taking it). */
  get pendingDeliveryTag(): number {
    return this.nextTag;
  }

  nextDeliveryTag(): number {
    return this.nextTag++;
  }

  /** Whether a consumer may take another message now. */
  canDeliver(c: ChannelConsumer): boolean {
    if (this.state !== "open" || !this.conn.output.writable) return false;
    if (c.noAck) return true;
    if (c.prefetch > 0 && c.unacked >= c.prefetch) return false;
    return this.globalPrefetch === 0 || this.consumerUnacked < this.globalPrefetch;
  }

  deliver(c: ChannelConsumer, queue: Queue, qm: QueuedMessage): void {
    const tag = this.nextTag++;
    const msg = qm.message;
    this.conn.output.deliver(this.id, c.encodedTag, tag, qm.redelivered, msg.exchange, msg.routingKey, msg.properties, msg.body);
    recordDeliver(this.stats, this.conn.vhost!, queue, qm, c.noAck);
    if (c.noAck) return queue.settle(qm);
    this.unacked.set(tag, { queue, qm, consumer: c, at: deliveryClock() });
    c.unacked++;
    this.consumerUnacked++;
  }

  /** Removes the deliveries an ack/nack/reject names: one tag, all up to it, or (0, multiple) all. */
  takeUnacked(tag: number, multiple: boolean): Unacked[] {
    const out: Unacked[] = [];
    if (multiple && tag === 0) {
      for (const t of this.unacked.keys()) out.push(this.settle(t));
      return out;
    }
    if (!this.unacked.has(tag)) throw preconditionFailed(`unknown delivery tag ${tag}`);
    if (!multiple) return [this.settle(tag)];
    for (const t of this.unacked.keys()) {
      if (t > tag) break;
      out.push(this.settle(t));
    }
    return out;
  }

  private settle(tag: number): Unacked {
    const u = this.unacked.get(tag)!;
    this.unacked.delete(tag);
    recordSettled(u.queue, u.qm);
    if (u.consumer !== undefined) {
      u.consumer.unacked--;
      this.consumerUnacked--;
    }
    return u;
  }

  /** Puts messages back on their queues (redelivered, in original order) and lets consumers resume. */
  requeue(list: readonly Unacked[]): void {
    const byQueue = new Map<Queue, QueuedMessage[]>();
    for (const u of list) {
      let l = byQueue.get(u.queue);
      if (l === undefined) byQueue.set(u.queue, (l = []));
      l.push(u.qm);
    }
    for (const [q, qms] of byQueue) q.requeue(qms);
  }

  /** Capacity may have freed up: ask each consumed queue to deliver. */
  kickConsumers(): void {
    for (const c of this.consumers.values()) c.queue.dispatch();
  }

  /** Cancels consumers and requeues unacked deliveries (channel closing or connection gone). */
  release(): void {
    releaseReplyTo(this);
    for (const c of [...this.consumers.values()]) this.cancelConsumer(c);
    const all = [...this.unacked.keys()].map((t) => this.settle(t));
    this.requeue(all);
    this.tx = undefined;
  }

  /** Detaches a consumer; an auto-delete queue goes with its last consumer. */
  cancelConsumer(c: ChannelConsumer): void {
    this.consumers.delete(c.tag);
    const q = c.queue;
    if (!q.removeConsumer(c)) return;
    if (q.autoDelete && q.consumerCount === 0) this.conn.vhost?.deleteQueue(q);
  }
}
