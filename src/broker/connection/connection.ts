import type { Socket } from "node:net";
import {
  checkProtocolHeader,
  decodeMethod,
  type FieldTable,
  type Frame,
  FRAME_HEADER,
  FRAME_HEARTBEAT,
  FRAME_METHOD,
  FRAME_MIN_SIZE_NEGOTIATED,
  FrameSplitter,
  payloadSnippet,
  PROTOCOL_HEADER,
  ProtocolError,
} from "../../protocol/index.js";
import type { LoginUser } from "../auth/users.js";
import type { Broker } from "../broker.js";
import type { FlowPublisher, PublisherFlow } from "../queue/publisher-flow.js";
import { AmqpError, unexpectedFrame } from "../errors.js";
import type { Vhost } from "../vhost/vhost.js";
import { blockPublisher } from "./blocking.js";
import { Channel } from "./channel.js";
import { openChannel } from "./channel-handler.js";
import { handleConnectionMethod, sendStart } from "./connection-handler.js";
import { Heartbeat } from "./heartbeat.js";
import { Output } from "./output.js";

export type ConnectionState = "header" | "start-ok" | "tune-ok" | "open" | "opened" | "closing" | "closed";

/** How long a client may take to answer our connection.close (RabbitMQ: 3 s); the handshake timeout is the node's handshakeTimeout. */
const CLOSE_TIMEOUT_MS = 3_000;
/** RabbitMQ makes a client that failed the handshake wait before the socket closes, so failed logins cannot be hammered. */
const SILENT_CLOSE_DELAY_MS = 3_000;

/** One client connection: the frame loop, channel table, heartbeats and close handshake. */
export class Connection implements FlowPublisher {
  state: ConnectionState = "header";
  readonly output: Output;
  readonly channels = new Map<number, Channel>();
  readonly splitter = new FrameSplitter(FRAME_MIN_SIZE_NEGOTIATED);
  channelMax = 2047;
  frameMax = FRAME_MIN_SIZE_NEGOTIATED;
  user: LoginUser | undefined;
  vhost: Vhost | undefined;
  clientCapabilities: FieldTable = new Map();
  /** What the management API shows: the client's start-ok properties and mechanism, when the socket was accepted. */
  clientProperties: FieldTable = new Map();
  authMechanism = "";
  readonly connectedAt = Date.now();
  readonly heartbeat: Heartbeat;
  /** Set while a resource alarm blocks this publisher (blocking.ts): its frames wait unread. */
  publishBlock: { readonly notified: boolean } | undefined;
  /** Queue flow control holds this publisher (publisher-flow.ts): its frames wait unread, as under publishBlock. */
  flowHeld = false;
  /** Reading waits while a durable definition change is written (replyWhenDurable). */
  private awaitingDisk = false;
  private flowHolds: Set<PublisherFlow> | undefined;
  private header = Buffer.alloc(0);
  private timer: NodeJS.Timeout | undefined;

  constructor(
    readonly socket: Socket,
    readonly broker: Broker,
  ) {
    this.output = new Output(socket, () => this.resumeDeliveries());
    this.heartbeat = new Heartbeat(this.output, () => this.socket.destroy());
    socket.setNoDelay(true);
    socket.on("data", (chunk: Buffer) => this.onData(chunk));
    socket.on("error", () => {});
    socket.on("close", () => this.cleanup());
    // from TCP accept to open-ok: a client that stalls anywhere in the handshake loses its socket
    this.timer = setTimeout(() => socket.destroy(), broker.node.limits.handshakeTimeout);
    broker.connections.add(this);
  }

  hasCapability(name: string): boolean {
    const v = this.clientCapabilities.get(name);
    return v?.type === "t" && v.value;
  }

  /** Handshake finished: the open-ok went out. */
  opened(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.state = "opened";
  }

  /** Sends connection.close and waits for close-ok, ignoring everything else meanwhile. */
  close(code: number, text: string, classId = 0, methodId = 0): void {
    if (this.state === "closing" || this.state === "closed") return;
    this.state = "closing";
    this.output.method(0, "connection.close", { replyCode: code, replyText: text, classId, methodId });
    this.releaseChannels();
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.socket.destroy(), CLOSE_TIMEOUT_MS);
  }

  /** Handshake failures RabbitMQ does not report: ignore the peer, then drop it after a delay. */
  silentClose(): void {
    this.state = "closing";
    this.splitter.reset();
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.socket.destroy(), SILENT_CLOSE_DELAY_MS);
  }

  /** Flushes what is pending, then ends the socket. */
  terminate(): void {
    this.output.flush();
    this.state = "closed";
    this.socket.end();
  }

  fail(e: unknown): void {
    // before open-ok RabbitMQ reports only a refused vhost (530); anything else closes silently
    const handshaking = this.state === "start-ok" || this.state === "tune-ok" || this.state === "open";
    if (handshaking && !(e instanceof AmqpError && e.replyCode === 530)) return this.silentClose();
    // AmqpError is a ProtocolError: both carry the reply and the method to echo
    if (e instanceof ProtocolError) return this.close(e.replyCode, e.replyText, e.classId, e.methodId);
    console.error("warren: internal error", e);
    this.close(541, `INTERNAL_ERROR - ${String((e as Error)?.message ?? e).slice(0, 200)}`);
  }

  private onData(chunk: Buffer): void {
    this.heartbeat.received();
    this.output.traffic.received(chunk.length);
    if (this.state === "closed") return;
    if (this.publishBlock !== undefined || this.flowHeld || this.awaitingDisk) {
      this.splitter.push(chunk);
      // whoever resumed the socket (a drain, an alarm clearing), this connection still waits
      if (!this.socket.isPaused()) this.socket.pause();
      return;
    }
    if (this.state === "header") {
      this.header = Buffer.concat([this.header, chunk]);
      const check = checkProtocolHeader(this.header);
      if (check === "incomplete") return;
      if (check === "mismatch") {
        // the spec's answer to an unsupported protocol: our header, then close
        this.state = "closed";
        this.socket.end(PROTOCOL_HEADER);
        return;
      }
      chunk = this.header.subarray(PROTOCOL_HEADER.length);
      this.header = Buffer.alloc(0);
      this.state = "start-ok";
      sendStart(this);
    }
    this.splitter.push(chunk);
    this.processFrames();
  }

  /** Runs the complete frames received so far; a publishing block leaves the rest waiting until it lifts. */
  processFrames(): void {
    try {
      for (let f = this.splitter.next(); f !== undefined; f = this.splitter.next()) {
        this.onFrame(f);
        // onFrame may have ended the connection, or blocked it as a publisher
        if ((this.state as ConnectionState) === "closed" || this.publishBlock !== undefined || this.flowHeld || this.awaitingDisk) break;
      }
    } catch (e) {
      this.splitter.reset();
      this.fail(e);
    }
  }

  private onFrame(f: Frame): void {
    if (f.type === FRAME_HEARTBEAT) return;
    if (this.state === "closing") {
      // after our connection.close only close/close-ok matter
      if (f.channel === 0 && f.type === FRAME_METHOD) {
        const m = decodeMethod(f.payload);
        if (m.name === "connection.close-ok" || m.name === "connection.close") handleConnectionMethod(this, m);
      }
      return;
    }
    if (f.channel === 0) {
      if (f.type !== FRAME_METHOD) throw unexpectedFrame(`type ${f.type}, ${payloadSnippet(f.payload)}`);
      handleConnectionMethod(this, decodeMethod(f.payload));
      return;
    }
    if (this.state !== "opened") throw unexpectedFrame(`non-zero channel ${f.channel} before connection.open`);
    const ch = this.channels.get(f.channel);
    if (ch !== undefined) {
      ch.onFrame(f);
      // a message arriving while an alarm blocks publishing: reading stops here (RabbitMQ blocks on the content header)
      if (f.type === FRAME_HEADER && this.broker.publishingBlocked !== undefined) blockPublisher(this);
      return;
    }
    openChannel(this, f);
  }

  /**
   * A queue it published to has a backlog its consumers are working through: stop reading until every such queue
   * lets go. Refused for a connection that consumes with acks, whose unread acks may be what that queue waits for.
   */
  flowHold(flow: PublisherFlow): boolean {
    if (this.state === "closed" || this.consumesWithAcks()) return false;
    (this.flowHolds ??= new Set()).add(flow);
    if (!this.flowHeld) {
      this.flowHeld = true;
      this.output.flowHold = true;
      this.socket.pause();
      // its heartbeats wait unread in the socket meanwhile
      this.heartbeat.monitorPaused = true;
    }
    return true;
  }

  flowRelease(flow: PublisherFlow): void {
    const holds = this.flowHolds;
    if (holds === undefined || !holds.delete(flow) || holds.size > 0 || !this.flowHeld) return;
    this.flowHeld = false;
    this.output.flowHold = false;
    if (this.publishBlock === undefined) this.heartbeat.monitorPaused = false;
    // not from inside the queue's dispatch: frames that waited run on a fresh stack, after this turn's writes
    setImmediate(() => this.resumeReading());
  }

  /**
   * A durable definition changed (declare, bind, delete): the -ok `send`s once the change is on disk, as RabbitMQ
   * answers after its database transaction, and nothing later on this connection runs before it, so replies keep
   * their order. A failed write closes the connection with 541: the client must not take the change as kept.
   */
  replyWhenDurable(send: () => void): void {
    this.awaitingDisk = true;
    this.socket.pause();
    this.broker.node.definitionsDurable().then(
      () => {
        this.awaitingDisk = false;
        if (this.state === "closed") return;
        send();
        setImmediate(() => this.resumeReading());
      },
      (e: unknown) => {
        this.awaitingDisk = false;
        if (this.state !== "closed") this.close(541, `INTERNAL_ERROR - definitions could not be written to disk: ${(e as Error).message}`);
      },
    );
  }

  private resumeReading(): void {
    if (this.state === "closed" || this.flowHeld || this.publishBlock !== undefined || this.awaitingDisk) return;
    if (!this.output.holdReading) this.socket.resume();
    this.processFrames();
  }

  private consumesWithAcks(): boolean {
    for (const ch of this.channels.values()) {
      if (ch.unacked.size > 0) return true;
      for (const c of ch.consumers.values()) if (!c.noAck) return true;
    }
    return false;
  }

  /** Back-pressure eased: let queues deliver to this connection's consumers again. */
  private resumeDeliveries(): void {
    for (const ch of this.channels.values()) ch.kickConsumers();
  }

  private releaseChannels(): void {
    for (const ch of this.channels.values()) ch.release();
    this.channels.clear();
  }

  private cleanup(): void {
    this.state = "closed";
    clearTimeout(this.timer);
    this.heartbeat.stop();
    this.splitter.reset();
    for (const flow of this.flowHolds ?? []) flow.forget(this);
    this.flowHolds = undefined;
    this.releaseChannels();
    const vhost = this.vhost;
    if (vhost !== undefined) {
      // exclusive queues die with their connection
      for (const q of [...vhost.queues.values()]) if (q.exclusiveOwner === this) vhost.deleteQueue(q);
    }
    this.broker.connections.delete(this);
  }
}
