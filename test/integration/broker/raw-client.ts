// A bare AMQP client on our own codec, for cases real clients never produce (bad frames, odd ordering).
import { connect as tcpConnect, type Socket } from "node:net";
import {
  decodeMethod,
  encodeFrame,
  encodeMethodFrame,
  type Frame,
  FRAME_METHOD,
  FrameSplitter,
  type Method,
  type MethodArgs,
  type MethodName,
  PROTOCOL_HEADER,
  toFieldTable,
} from "../../../src/protocol/index.js";

export class RawClient {
  private readonly splitter = new FrameSplitter(0);
  private readonly frames: Frame[] = [];
  private waiter: (() => void) | undefined;
  readonly received: Buffer[] = [];
  ended = false;

  private constructor(readonly socket: Socket) {
    socket.on("data", (chunk: Buffer) => {
      this.received.push(chunk);
      this.splitter.push(chunk);
      for (let f = this.splitter.next(); f !== undefined; f = this.splitter.next()) this.frames.push({ ...f, payload: Buffer.from(f.payload) });
      this.waiter?.();
    });
    socket.on("close", () => {
      this.ended = true;
      this.waiter?.();
    });
    socket.on("error", () => {});
  }

  static async open(port: number): Promise<RawClient> {
    const socket = tcpConnect(port, "127.0.0.1");
    await new Promise<void>((resolve, reject) => socket.once("connect", resolve).once("error", reject));
    return new RawClient(socket);
  }

  /** Header, start-ok (PLAIN guest), tune-ok and open, leaving the connection ready. */
  static async handshake(port: number, tune: { channelMax?: number; frameMax?: number; heartbeat?: number } = {}): Promise<RawClient> {
    const c = await RawClient.open(port);
    c.socket.write(PROTOCOL_HEADER);
    await c.expectMethod("connection.start");
    c.send(0, "connection.start-ok", { clientProperties: toFieldTable({ capabilities: { authentication_failure_close: true } }), mechanism: "PLAIN", response: Buffer.from("\0guest\0guest"), locale: "en_US" });
    await c.expectMethod("connection.tune");
    c.send(0, "connection.tune-ok", { channelMax: tune.channelMax ?? 2047, frameMax: tune.frameMax ?? 131072, heartbeat: tune.heartbeat ?? 0 });
    c.send(0, "connection.open", { virtualHost: "/", capabilities: "", insist: false });
    await c.expectMethod("connection.open-ok");
    return c;
  }

  send<N extends MethodName>(channel: number, name: N, args: MethodArgs[N]): void {
    this.socket.write(encodeMethodFrame(channel, name, args));
  }

  sendFrame(type: number, channel: number, payload: Uint8Array): void {
    this.socket.write(encodeFrame(type, channel, payload));
  }

  /** The next frame, or undefined once the socket closed. */
  async nextFrame(timeoutMs = 5000): Promise<Frame | undefined> {
    const deadline = Date.now() + timeoutMs;
    while (this.frames.length === 0 && !this.ended) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error("timed out waiting for a frame");
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiter = () => {
          clearTimeout(t);
          resolve();
        };
      });
      this.waiter = undefined;
    }
    return this.frames.shift();
  }

  /** Skips heartbeats; returns the next method. */
  async nextMethod(timeoutMs = 5000): Promise<{ channel: number; method: Method } | undefined> {
    for (;;) {
      const f = await this.nextFrame(timeoutMs);
      if (f === undefined) return undefined;
      if (f.type === FRAME_METHOD) return { channel: f.channel, method: decodeMethod(f.payload) };
    }
  }

  async expectMethod<N extends MethodName>(name: N): Promise<MethodArgs[N]> {
    const m = await this.nextMethod();
    if (m?.method.name !== name) throw new Error(`expected ${name}, got ${m?.method.name ?? "socket close"}`);
    return m.method.args as MethodArgs[N];
  }

  async closed(timeoutMs = 5000): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (!this.ended && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    return this.ended;
  }

  destroy(): void {
    this.socket.destroy();
  }
}
