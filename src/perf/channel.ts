import { decodeMethod, type Frame, FRAME_BODY, FRAME_END, FRAME_HEADER, FRAME_METHOD, type Method, type MethodArgs, type MethodName } from "../protocol/index.js";
import { type PerfConnection, ServerClosed } from "./connection.js";

const TWO_32 = 0x100000000;
// class basic (60) and the ids of the methods on the per-message path, matched on raw bytes
const BASIC = 60;
const DELIVER = 60;
const ACK = 80;
const NACK = 120;

interface Waiter {
  resolve(m: Method): void;
  reject(e: Error): void;
}

/** One channel: synchronous calls answered in order, and the per-message path (deliveries, confirms) decoded from raw bytes only as far as needed. */
export class PerfChannel {
  /** A delivery is complete: its tag and the timestamp the producer wrote in the first 8 body bytes (NaN when the body is shorter). */
  onDelivery: (tag: number, sentAt: number) => void = () => {};
  /** basic.ack / basic.nack from the broker in confirm mode. */
  onConfirm: (tag: number, multiple: boolean, nack: boolean) => void = () => {};
  /** A mandatory message came back with basic.return. */
  onReturn: (replyText: string) => void = () => {};
  failure: Error | undefined;
  private readonly calls: Waiter[] = [];
  private readonly failureListeners: ((e: Error) => void)[] = [];
  private deliveryTag = 0;
  private remaining = 0;
  private firstBody = false;
  private sentAt = Number.NaN;
  private returnText: string | undefined;
  /** A basic.ack frame patched in place per ack: no encoder on the hot path. */
  private readonly ackFrame: Buffer;

  constructor(
    readonly conn: PerfConnection,
    readonly id: number,
  ) {
    this.ackFrame = Buffer.from([FRAME_METHOD, id >> 8, id & 0xff, 0, 0, 0, 13, 0, BASIC, 0, ACK, 0, 0, 0, 0, 0, 0, 0, 0, 0, FRAME_END]);
  }

  /** Sends a synchronous method and resolves with the broker's reply. */
  call<N extends MethodName>(name: N, args: MethodArgs[N]): Promise<Method> {
    if (this.failure !== undefined) return Promise.reject(this.failure);
    const reply = new Promise<Method>((resolve, reject) => this.calls.push({ resolve, reject }));
    this.conn.send(this.id, name, args);
    return reply;
  }

  /** Queues a basic.ack in the connection's output; it goes out with the next flush (end of the received chunk). */
  ack(tag: number, multiple: boolean): void {
    const f = this.ackFrame;
    f.writeUInt32BE(Math.floor(tag / TWO_32), 11);
    f.writeUInt32BE(tag % TWO_32, 15);
    f[19] = multiple ? 1 : 0;
    this.conn.out.bytes(f);
  }

  onFailure(listener: (e: Error) => void): void {
    this.failureListeners.push(listener);
  }

  fail(e: Error, notify = true): void {
    if (this.failure !== undefined) return;
    this.failure = e;
    for (const w of this.calls.splice(0)) w.reject(e);
    if (notify) for (const l of this.failureListeners) l(e);
  }

  onFrame(f: Frame): void {
    const p = f.payload;
    if (f.type === FRAME_METHOD) return this.onMethod(p);
    if (f.type === FRAME_HEADER) {
      const size = p.readUInt32BE(4) * TWO_32 + p.readUInt32BE(8);
      this.sentAt = Number.NaN;
      this.remaining = size;
      this.firstBody = true;
      if (size === 0) this.complete();
      return;
    }
    if (f.type === FRAME_BODY) {
      if (this.firstBody) {
        this.firstBody = false;
        if (p.length >= 8) this.sentAt = p.readDoubleBE(0);
      }
      this.remaining -= p.length;
      if (this.remaining <= 0) this.complete();
    }
  }

  private complete(): void {
    if (this.returnText !== undefined) {
      const text = this.returnText;
      this.returnText = undefined;
      this.onReturn(text);
      return;
    }
    this.onDelivery(this.deliveryTag, this.sentAt);
  }

  private onMethod(p: Buffer): void {
    if (p[0] === 0 && p[1] === BASIC && p[2] === 0) {
      const methodId = p[3];
      if (methodId === DELIVER) {
        // consumer-tag shortstr, then the 64-bit delivery tag
        const at = 5 + p[4]!;
        this.deliveryTag = p.readUInt32BE(at) * TWO_32 + p.readUInt32BE(at + 4);
        return;
      }
      if (methodId === ACK || methodId === NACK) {
        this.onConfirm(p.readUInt32BE(4) * TWO_32 + p.readUInt32BE(8), (p[12]! & 1) !== 0, methodId === NACK);
        return;
      }
    }
    const m = decodeMethod(p);
    switch (m.name) {
      case "basic.return":
        this.returnText = `${m.args.replyCode} ${m.args.replyText}`;
        return;
      case "channel.close":
        this.conn.send(this.id, "channel.close-ok", {});
        this.fail(new ServerClosed(m.args.replyCode, m.args.replyText, "channel"));
        return;
      case "channel.flow":
        this.conn.send(this.id, "channel.flow-ok", { active: m.args.active });
        return;
      case "basic.cancel":
        this.fail(new Error(`the server cancelled consumer ${m.args.consumerTag} (queue deleted?)`));
        return;
      default:
        this.calls.shift()?.resolve(m);
    }
  }
}
