import type { Socket } from "node:net";
import {
  FRAME_BODY,
  FRAME_END,
  FRAME_METHOD,
  HEARTBEAT_FRAME,
  type MethodArgs,
  type MethodName,
  type Properties,
  Writer,
  writeBodyFrames,
  writeContentHeaderFrame,
  writeMethodFrame,
} from "../../protocol/index.js";
import { Traffic } from "../stats/traffic.js";

/** Above this many unsent bytes, deliveries stop and reading pauses until the socket drains. */
const HIGH_WATER = 512 * 1024;

/** Frames encoded into one buffer and written once per event-loop turn, so a burst of deliveries costs one syscall. */
export class Output {
  private readonly w = new Writer(64 * 1024);
  private scheduled = false;
  private waiting = false;
  /** Bytes and writes each way, for the management API (the connection counts what it reads). */
  readonly traffic = new Traffic();
  /** Sent anything since the heartbeat timer last looked. */
  sentSinceTick = false;
  /** Reading stays paused after a drain while a resource alarm blocks this publisher (blocking.ts). */
  holdReading = false;
  /** Reading stays paused after a drain while queue flow control holds this publisher (Connection.flowHold). */
  flowHold = false;
  frameMax = 4096;

  constructor(
    private readonly socket: Socket,
    /** Called when writing may resume after back-pressure. */
    private readonly onDrain: () => void,
  ) {
    socket.on("drain", () => this.drained());
  }

  /** Whether more deliveries may be queued now; false also arms the drain callback. */
  get writable(): boolean {
    if (this.w.length + this.socket.writableLength < HIGH_WATER) return true;
    this.waiting = true;
    return false;
  }

  method<N extends MethodName>(channel: number, name: N, args: MethodArgs[N]): void {
    writeMethodFrame(this.w, channel, name, args);
    this.schedule();
  }

  content(channel: number, classId: number, properties: Properties, body: Buffer): void {
    writeContentHeaderFrame(this.w, channel, classId, body.length, properties);
    this.body(channel, body);
    this.schedule();
  }

  /**
   * basic.deliver and its content: the frames method() and content() would write, encoded by hand because this
   * runs once per message. consumerTag is the tag already encoded as a shortstr (ChannelConsumer keeps it).
   */
  deliver(channel: number, consumerTag: Buffer, deliveryTag: number, redelivered: boolean, exchange: string, routingKey: string, properties: Properties, body: Buffer): void {
    const w = this.w;
    w.octet(FRAME_METHOD);
    w.short(channel);
    const mark = w.reserveLong();
    w.long(0x003c003c); // class 60 (basic), method 60 (deliver)
    w.bytes(consumerTag);
    w.longlong(deliveryTag);
    w.octet(redelivered ? 1 : 0);
    w.shortstr(exchange);
    w.shortstr(routingKey);
    w.patchLength(mark);
    w.octet(FRAME_END);
    writeContentHeaderFrame(w, channel, 60, body.length, properties);
    this.body(channel, body);
    this.schedule();
  }

  /** Body frames; a body that fits one frame is written as it is, without slicing it first. */
  private body(channel: number, body: Buffer): void {
    const n = body.length;
    if (n === 0 || (this.frameMax > 0 && n > this.frameMax - 8)) return writeBodyFrames(this.w, channel, body, this.frameMax);
    const w = this.w;
    w.octet(FRAME_BODY);
    w.short(channel);
    w.long(n);
    w.bytes(body);
    w.octet(FRAME_END);
  }

  raw(bytes: Uint8Array): void {
    this.w.bytes(bytes);
    this.schedule();
  }

  heartbeat(): void {
    this.raw(HEARTBEAT_FRAME);
  }

  /** Writes what is pending now (before closing the socket, for instance). */
  flush(): void {
    this.scheduled = false;
    if (this.w.length === 0 || this.socket.destroyed) {
      this.w.finish();
      return;
    }
    this.sentSinceTick = true;
    const bytes = this.w.finish();
    this.traffic.sent(bytes.length);
    const ok = this.socket.write(bytes);
    if (!ok) {
      // the peer is not keeping up: stop reading its requests until it does
      this.waiting = true;
      this.socket.pause();
    } else if (this.waiting) this.drained();
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.flush());
  }

  private drained(): void {
    if (this.socket.destroyed) return;
    if (this.socket.isPaused() && !this.holdReading && !this.flowHold) this.socket.resume();
    if (!this.waiting) return;
    this.waiting = false;
    this.onDrain();
  }
}
