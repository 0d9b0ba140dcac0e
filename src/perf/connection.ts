import { connect, type Socket } from "node:net";
import { performance } from "node:perf_hooks";
import {
  decodeMethod,
  type Frame,
  FRAME_HEARTBEAT,
  FRAME_METHOD,
  FrameSplitter,
  fromFieldTable,
  type Method,
  type MethodArgs,
  type MethodName,
  PROTOCOL_HEADER,
  toFieldTable,
  Writer,
  writeMethodFrame,
} from "../protocol/index.js";
import { PerfChannel } from "./channel.js";
import type { AmqpTarget } from "./uri.js";

export interface ConnectOptions extends AmqpTarget {
  /** Shown by the broker's management UI and `list_connections name`. */
  readonly connectionName: string;
  readonly timeoutMs?: number;
}

/** A connection.close or channel.close the server sent: reply code and text as it wrote them. */
export class ServerClosed extends Error {
  constructor(
    readonly replyCode: number,
    readonly replyText: string,
    readonly scope: "connection" | "channel",
  ) {
    super(`${scope} closed by the server: ${replyCode} ${replyText}`);
  }
}

/** The broker could not be reached or refused the handshake (sysexits 69 for the CLI). */
export class ConnectFailed extends Error {}

/** Our frame_max ceiling: RabbitMQ's default, large enough that a 128 KB body needs one frame. */
const FRAME_MAX = 131072;

interface Waiter {
  resolve(m: Method): void;
  reject(e: Error): void;
}

/** A minimal AMQP 0-9-1 client connection for load generation: one socket, one output buffer flushed per received chunk or call. */
export class PerfConnection {
  private readonly splitter = new FrameSplitter(0);
  /** Frames queued by channels (acks, calls); flush() writes them in one socket write. */
  readonly out = new Writer(64 * 1024);
  frameMax = FRAME_MAX;
  /** performance.now() when the chunk being dispatched arrived: every delivery in it shares one clock read. */
  now = 0;
  /** connection.blocked from the broker: publishers must wait. */
  blocked = false;
  failure: Error | undefined;
  /** product and version from the broker's connection.start. */
  server = { product: "unknown", version: "unknown" };
  private readonly channels: (PerfChannel | undefined)[] = [];
  private readonly control: Waiter[] = [];
  private readonly waitingDrain: (() => void)[] = [];
  private readonly waitingUnblock: (() => void)[] = [];
  private closing = false;

  private constructor(readonly socket: Socket) {
    socket.on("data", (chunk: Buffer) => this.onData(chunk));
    socket.on("drain", () => this.release(this.waitingDrain));
    socket.on("error", (e) => this.fail(e));
    socket.on("close", () => this.fail(new Error(this.closing ? "connection closed" : "the server closed the connection")));
  }

  /** Connects, authenticates with PLAIN and opens the vhost; rejects with a one-line message. */
  static async open(o: ConnectOptions): Promise<PerfConnection> {
    const socket = connect({ host: o.host, port: o.port });
    socket.setNoDelay(true);
    const where = `${o.host}:${o.port}`;
    const timeoutMs = o.timeoutMs ?? 10_000;
    const timer = setTimeout(() => socket.destroy(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs);
    try {
      await new Promise<void>((resolve, reject) => {
        socket.once("connect", resolve);
        socket.once("error", (e: NodeJS.ErrnoException) => reject(new ConnectFailed(`cannot connect to ${where}: ${e.code ?? e.message}`)));
      });
      const c = new PerfConnection(socket);
      await c.handshake(o).catch((e: Error) => {
        socket.destroy();
        throw new ConnectFailed(`AMQP handshake with ${where} failed: ${e.message}`);
      });
      return c;
    } finally {
      clearTimeout(timer);
    }
  }

  private async handshake(o: ConnectOptions): Promise<void> {
    this.socket.write(PROTOCOL_HEADER);
    const start = (await this.expect("connection.start")) as MethodArgs["connection.start"];
    const props = fromFieldTable(start.serverProperties);
    this.server = { product: String(props.product ?? "unknown"), version: String(props.version ?? "unknown") };
    const clientProperties = toFieldTable({
      product: "warren-perf",
      platform: `Node.js ${process.version}`,
      connection_name: o.connectionName,
      capabilities: { publisher_confirms: true, "basic.nack": true, consumer_cancel_notify: true, "connection.blocked": true, authentication_failure_close: true },
    });
    const response = Buffer.from(`\0${o.username}\0${o.password}`, "utf8");
    this.send(0, "connection.start-ok", { clientProperties, mechanism: "PLAIN", response, locale: "en_US" });
    const tune = (await this.expect("connection.tune")) as MethodArgs["connection.tune"];
    this.frameMax = tune.frameMax === 0 ? FRAME_MAX : Math.min(tune.frameMax, FRAME_MAX);
    this.splitter.frameMax = this.frameMax;
    // heartbeat 0: a load generator is never idle long, and timers per connection would skew the numbers
    this.send(0, "connection.tune-ok", { channelMax: tune.channelMax === 0 ? 2047 : tune.channelMax, frameMax: this.frameMax, heartbeat: 0 });
    this.send(0, "connection.open", { virtualHost: o.vhost, capabilities: "", insist: false });
    await this.expect("connection.open-ok");
  }

  private async expect(name: MethodName): Promise<MethodArgs[MethodName]> {
    const m = await new Promise<Method>((resolve, reject) => this.control.push({ resolve, reject }));
    if (m.name !== name) throw new Error(`expected ${name}, got ${m.name}`);
    return m.args;
  }

  async openChannel(): Promise<PerfChannel> {
    const id = this.channels.length === 0 ? 1 : this.channels.length;
    const ch = new PerfChannel(this, id);
    this.channels[id] = ch;
    await ch.call("channel.open", { outOfBand: "" });
    return ch;
  }

  /** Encodes one method into the output buffer and writes it now (calls, not the per-message path). */
  send<N extends MethodName>(channel: number, name: N, args: MethodArgs[N]): void {
    writeMethodFrame(this.out, channel, name, args);
    this.flush();
  }

  /** Writes anything queued in `out`; false means the socket is full and 'drain' will follow. */
  flush(): boolean {
    if (this.out.length === 0) return !this.socket.writableNeedDrain;
    return this.socket.write(this.out.finish());
  }

  /** Queued frames first, then buf, preserving order; false means wait for drain. */
  write(buf: Buffer): boolean {
    if (this.out.length > 0) this.socket.write(this.out.finish());
    return this.socket.write(buf);
  }

  waitDrain(): Promise<void> {
    if (!this.socket.writableNeedDrain || this.failure !== undefined) return Promise.resolve();
    return new Promise((resolve) => this.waitingDrain.push(resolve));
  }

  waitUnblocked(): Promise<void> {
    if (!this.blocked || this.failure !== undefined) return Promise.resolve();
    return new Promise((resolve) => this.waitingUnblock.push(resolve));
  }

  /** connection.close and wait for close-ok (bounded), then end the socket. */
  async close(): Promise<void> {
    if (this.failure !== undefined || this.closing) return;
    this.closing = true;
    const ok = new Promise<void>((resolve) => {
      this.control.push({ resolve: () => resolve(), reject: () => resolve() });
      setTimeout(resolve, 2000).unref();
    });
    this.send(0, "connection.close", { replyCode: 200, replyText: "warren-perf done", classId: 0, methodId: 0 });
    await ok;
    this.socket.end();
  }

  private onData(chunk: Buffer): void {
    this.now = performance.now();
    this.splitter.push(chunk);
    try {
      for (let f = this.splitter.next(); f !== undefined; f = this.splitter.next()) {
        if (f.channel === 0) this.onControl(f);
        else this.channels[f.channel]?.onFrame(f);
      }
    } catch (e) {
      this.fail(e as Error);
      this.socket.destroy();
      return;
    }
    this.flush();
  }

  private onControl(f: Frame): void {
    if (f.type === FRAME_HEARTBEAT) return;
    if (f.type !== FRAME_METHOD) throw new Error(`unexpected frame type ${f.type} on channel 0`);
    const m = decodeMethod(f.payload);
    switch (m.name) {
      case "connection.close": {
        this.send(0, "connection.close-ok", {});
        const a = m.args;
        this.fail(new ServerClosed(a.replyCode, a.replyText, "connection"));
        this.socket.end();
        return;
      }
      case "connection.blocked":
        this.blocked = true;
        return;
      case "connection.unblocked":
        this.blocked = false;
        this.release(this.waitingUnblock);
        return;
      default:
        this.control.shift()?.resolve(m);
    }
  }

  private fail(e: Error): void {
    if (this.failure !== undefined) return;
    this.failure = e;
    for (const w of this.control.splice(0)) w.reject(e);
    // our own close is not a failure worth reporting to the channels' users
    for (const ch of this.channels) ch?.fail(e, !this.closing);
    this.release(this.waitingDrain);
    this.release(this.waitingUnblock);
  }

  private release(waiters: (() => void)[]): void {
    for (const w of waiters.splice(0)) w();
  }
}
