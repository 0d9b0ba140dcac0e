import { performance } from "node:perf_hooks";
import { Properties, Writer, writeBodyFrames, writeContentHeaderFrame, writeMethodFrame } from "../protocol/index.js";
import type { PerfChannel } from "./channel.js";
import type { PerfConnection } from "./connection.js";
import type { LatencyHistogram } from "./histogram.js";
import type { PerfOptions } from "./options.js";
import type { Topology } from "./topology.js";

/** Upper bound of one tick's write: large enough to amortise the syscall, small enough to let deliveries in between. */
const BATCH_BYTES = 256 * 1024;
const BATCH_MESSAGES = 2000;

/** Publishes from one channel: each tick writes one buffer of as many messages as the rate, the confirm window and the socket allow. */
export class Producer {
  sent = 0;
  confirmed = 0;
  nacked = 0;
  /** performance.now() when the last message was written. */
  lastSentAt = 0;
  private readonly template: Buffer;
  /** Offset of the 8-byte send time inside the template; -1 when the body is too short to carry it. */
  private readonly stampAt: number;
  private readonly maxBatch: number;
  /** Unconfirmed sequence numbers -> send time; a Map iterates in insertion (= sequence) order, which multiple-acks walk. */
  private readonly unconfirmed = new Map<number, number>();
  private nextSeq = 1;
  private startAt = 0;
  private scheduled = false;
  private publishing = false;
  private waitingConfirms = false;
  private finished: (() => void) | undefined;

  constructor(
    private readonly ch: PerfChannel,
    private readonly o: PerfOptions,
    topology: Topology,
    private readonly confirmLatency: LatencyHistogram,
  ) {
    const w = new Writer();
    writeMethodFrame(w, ch.id, "basic.publish", { ticket: 0, exchange: topology.exchange, routingKey: topology.routingKey, mandatory: false, immediate: false });
    writeContentHeaderFrame(w, ch.id, 60, o.size, o.persistent ? Properties.encode({ deliveryMode: 2 }) : Properties.EMPTY);
    // the first body frame's payload starts after its 7-byte frame header
    this.stampAt = o.size >= 8 ? w.length + 7 : -1;
    writeBodyFrames(w, ch.id, Buffer.alloc(o.size, 0x78), ch.conn.frameMax);
    this.template = Buffer.from(w.finish());
    this.maxBatch = Math.max(1, Math.min(BATCH_MESSAGES, Math.floor(BATCH_BYTES / this.template.length)));
    ch.onConfirm = (tag, multiple, nack) => this.onConfirm(tag, multiple, nack);
  }

  get connection(): PerfConnection {
    return this.ch.conn;
  }

  get inFlight(): number {
    return this.unconfirmed.size;
  }

  /** Turns confirm mode on if asked; call before start(). */
  async prepare(): Promise<void> {
    if (this.o.confirm > 0) await this.ch.call("confirm.select", { nowait: false });
  }

  /** Publishes until --pmessages or stop(); resolves once every published message is confirmed (or the channel failed). */
  start(startAt: number): Promise<void> {
    this.startAt = startAt;
    this.publishing = true;
    const done = new Promise<void>((resolve) => (this.finished = resolve));
    this.ch.onFailure(() => this.finish());
    this.wake();
    return done;
  }

  /** Stops publishing; confirms still in flight are waited for by start()'s promise. */
  stop(): void {
    this.publishing = false;
    this.checkDone();
  }

  private readonly tick = (): void => {
    this.scheduled = false;
    if (!this.publishing || this.ch.failure !== undefined) return this.checkDone();
    const conn = this.ch.conn;
    if (conn.blocked) {
      this.scheduled = true;
      void conn.waitUnblocked().then(this.resume);
      return;
    }
    const o = this.o;
    let n = this.maxBatch;
    if (o.pmessages !== undefined) n = Math.min(n, o.pmessages - this.sent);
    if (o.confirm > 0) {
      n = Math.min(n, o.confirm - this.unconfirmed.size);
      if (n <= 0) {
        this.waitingConfirms = true;
        return;
      }
    }
    const now = performance.now();
    if (o.rate > 0) {
      // messages due by now since the start (the first is due at once); late ticks catch up, bounded by the batch
      const due = Math.floor(((now - this.startAt) / 1000) * o.rate) + 1 - this.sent;
      if (due <= 0) return this.sleepUntilDue(now);
      n = Math.min(n, due);
    }
    const ok = conn.write(this.fill(n, now));
    this.sent += n;
    this.lastSentAt = now;
    if (o.pmessages !== undefined && this.sent >= o.pmessages) {
      this.publishing = false;
      return this.checkDone();
    }
    this.scheduled = true;
    if (!ok) void conn.waitDrain().then(this.resume);
    else if (o.rate > 0) this.sleepUntilDue(performance.now());
    else setImmediate(this.tick);
  };

  private readonly resume = (): void => {
    this.scheduled = false;
    this.wake();
  };

  private wake(): void {
    if (this.scheduled || !this.publishing) return;
    this.scheduled = true;
    setImmediate(this.tick);
  }

  /** One timer until the next message is due: rate limiting costs a timer per tick, not per message. */
  private sleepUntilDue(now: number): void {
    const dueAt = this.startAt + (this.sent / this.o.rate) * 1000;
    this.scheduled = true;
    setTimeout(this.tick, Math.max(0, dueAt - now));
  }

  /** n copies of the template in one buffer, each stamped with the send time and registered for its confirm. */
  private fill(n: number, now: number): Buffer {
    const t = this.template;
    const len = t.length;
    const buf = Buffer.allocUnsafe(n * len);
    for (let i = 0, at = 0; i < n; i++, at += len) {
      t.copy(buf, at);
      if (this.stampAt >= 0) buf.writeDoubleBE(now, at + this.stampAt);
    }
    if (this.o.confirm > 0) for (let i = 0; i < n; i++) this.unconfirmed.set(this.nextSeq++, now);
    return buf;
  }

  private onConfirm(tag: number, multiple: boolean, nack: boolean): void {
    const now = this.ch.conn.now;
    if (multiple) {
      for (const [seq, at] of this.unconfirmed) {
        if (seq > tag) break;
        this.unconfirmed.delete(seq);
        this.count(now - at, nack);
      }
    } else {
      const at = this.unconfirmed.get(tag);
      if (at !== undefined) {
        this.unconfirmed.delete(tag);
        this.count(now - at, nack);
      }
    }
    if (this.waitingConfirms && this.unconfirmed.size < this.o.confirm) {
      this.waitingConfirms = false;
      this.wake();
    }
    this.checkDone();
  }

  private count(latencyMs: number, nack: boolean): void {
    if (nack) this.nacked++;
    else this.confirmed++;
    this.confirmLatency.recordMs(latencyMs);
  }

  private checkDone(): void {
    if (!this.publishing && (this.unconfirmed.size === 0 || this.ch.failure !== undefined)) this.finish();
  }

  private finish(): void {
    this.publishing = false;
    this.finished?.();
    this.finished = undefined;
  }
}
