import type { FieldTable } from "../../protocol/index.js";
import type { Message, QueuedMessage } from "../message.js";
import type { Vhost } from "../vhost/vhost.js";
import type { Consumer } from "./consumer.js";
import { type DeathReason, publishDeadLetter } from "./dead-letter.js";
import type { DurableLog } from "./durable-log.js";
import type { AppliedPolicy } from "./effective-args.js";
import { IdleExpiry } from "./expiry.js";
import { isOverLimit, wouldOverflow } from "./overflow.js";
import { maxPriorityOf, PriorityReadyList, priorityLevel } from "./priority.js";
import { type FlowPublisher, overFlowMark, PublisherFlow } from "./publisher-flow.js";
import { type Ready, ReadyList } from "./ready-list.js";
import { type QueueSettings, readSettings } from "./settings.js";
import { STORED } from "./stored-messages.js";
import { type ConsumerActivity, ConsumerList } from "./single-active-consumer.js";
import { clock, deadlineOf, HeadDeadlineTimer } from "./ttl.js";

export interface QueueOptions {
  readonly name: string;
  readonly durable: boolean;
  /** The declaring connection for exclusive queues. */
  readonly exclusiveOwner: object | undefined;
  readonly autoDelete: boolean;
  readonly arguments: FieldTable;
  /** Where it lives: dead letters route through its exchanges, and x-expires deletes the queue from it. */
  readonly vhost: Vhost;
}

/**
 * An in-memory classic queue: ready messages (FIFO, or per priority level) and the consumers it serves, with
 * RabbitMQ's message TTL (expiry at the head, one timer per queue), queue expiry, length limits and dead-lettering.
 */
export class Queue {
  readonly name: string;
  readonly durable: boolean;
  readonly exclusiveOwner: object | undefined;
  readonly autoDelete: boolean;
  readonly arguments: FieldTable;
  readonly vhost: Vhost;
  /** x-max-priority; undefined for a plain FIFO queue. */
  readonly maxPriority: number | undefined;
  /** The policy and operator policy matching this queue, kept current by the policy engine (which then calls policyChanged). */
  policy: AppliedPolicy | undefined;
  operatorPolicy: AppliedPolicy | undefined;
  /** auto-delete applies only once the queue has had a consumer. */
  hadConsumer = false;
  private isDeleted = false;
  private readonly ready: Ready;
  private readonly consumers: ConsumerList;
  private settings: QueueSettings;
  private readonly headTimer = new HeadDeadlineTimer(() => this.expireHead());
  private readonly idle = new IdleExpiry(() => this.idleExpired());
  private seq = 0;
  private dispatching = false;
  /** Messages handed to consumers so far: flow control's measure of progress. */
  private deliveries = 0;
  /** Publishers held back while consumers work through a backlog; created on the first hold. */
  private flow: PublisherFlow | undefined;
  /** Its persistent messages' log on a node with a message store (durable-log.ts); opened on first use. */
  private storeLog: DurableLog | undefined;

  constructor(o: QueueOptions) {
    this.name = o.name;
    this.durable = o.durable;
    this.exclusiveOwner = o.exclusiveOwner;
    this.autoDelete = o.autoDelete;
    this.arguments = o.arguments;
    this.vhost = o.vhost;
    this.maxPriority = maxPriorityOf(o.arguments);
    const stored = (): DurableLog | undefined => this.storeLog;
    this.ready = this.maxPriority === undefined ? new ReadyList(stored) : new PriorityReadyList(this.maxPriority, stored);
    const sac = o.arguments.get("x-single-active-consumer");
    this.consumers = new ConsumerList(sac?.type === "t" && sac.value);
    this.settings = readSettings(this);
    this.idle.restart(this.settings.expires);
  }

  get deleted(): boolean {
    return this.isDeleted;
  }

  /** Set by Vhost.deleteQueue; a deleted queue's timers stop. */
  set deleted(v: boolean) {
    this.isDeleted = v;
    if (!v) return;
    this.headTimer.stop();
    this.idle.stop();
    this.flow?.releaseAll();
    this.storeLog?.destroy();
  }

  get messageCount(): number {
    return this.ready.length;
  }

  /** Body bytes of the ready messages (message_bytes_ready). */
  get messageBytes(): number {
    return this.ready.byteLength;
  }

  get consumerCount(): number {
    return this.consumers.length;
  }

  get hasExclusiveConsumer(): boolean {
    return this.consumers.all().some((c) => c.exclusive);
  }

  /** x-single-active-consumer: one consumer at a time gets messages. */
  get singleActive(): boolean {
    return this.consumers.singleActive;
  }

  /** The consumer currently receiving on a single-active-consumer queue. */
  get singleActiveConsumer(): Consumer | undefined {
    return this.consumers.singleActiveConsumer;
  }

  allConsumers(): readonly Consumer[] {
    return this.consumers.all();
  }

  /** `active` / `activity_status` of one of this queue's consumers, as /api/consumers shows them. */
  activityOf(c: Consumer): ConsumerActivity {
    return this.consumers.activityOf(c);
  }

  /** Takes a routed message; false means x-overflow refused it (the publisher gets basic.nack). */
  enqueue(message: Message): boolean {
    if (this.isDeleted) return true;
    const s = this.settings;
    if (s.overflow !== "drop-head" && wouldOverflow(this.ready, s, message.body.length)) {
      if (s.overflow === "reject-publish-dlx") this.deadLetter(message, "maxlen");
      return false;
    }
    const props = message.properties;
    const qm: QueuedMessage = {
      seq: ++this.seq,
      message,
      redelivered: false,
      expiresAt: deadlineOf(props, s.messageTtl),
      priority: this.maxPriority === undefined ? 0 : priorityLevel(props, this.maxPriority),
      // in the literal, so setting it later does not give every message an out-of-object property store
      storeRef: undefined,
    };
    // as RabbitMQ's attempt_delivery: a consumer free right now takes it before any TTL check (so TTL 0 still delivers)
    if (this.ready.length === 0 && !this.dispatching) {
      const c = this.consumers.pick();
      if (c !== undefined) {
        this.log?.append(qm);
        this.deliveries++;
        c.deliver(this, qm);
        return true;
      }
    }
    // RabbitMQ drops at once what a TTL-0 queue cannot deliver and could only dead-letter nowhere
    if (s.messageTtl === 0 && s.deadLetterExchange === undefined) return true;
    this.log?.append(qm);
    this.ready.push(qm);
    const dropped = s.overflow === "drop-head" && this.dropOverLimit();
    if (dropped || this.ready.peek() === qm) this.expireHead();
    return true;
  }

  /** After a publisher enqueued here: hold it back while consumers work through a backlog over the flow mark. */
  holdPublisher(p: FlowPublisher): void {
    if (this.consumers.length === 0 || !overFlowMark(this.ready.length, this.ready.byteLength)) return;
    (this.flow ??= new PublisherFlow(() => this.deliveries)).hold(p);
  }

  /** Returns delivered messages to their place, flagged redelivered; their deadlines stay as they were. */
  requeue(qms: Iterable<QueuedMessage>): void {
    if (this.isDeleted) return;
    for (const qm of qms) {
      qm.redelivered = true;
      this.ready.requeue(qm);
    }
    if (this.settings.overflow === "drop-head") this.dropOverLimit();
    this.expireHead();
    this.dispatch();
  }

  /** A consumer rejected (or nacked) a delivery without requeue: dead-letter it if the queue has somewhere to send it. */
  reject(qm: QueuedMessage): void {
    if (!this.isDeleted) this.deadLetter(qm.message, "rejected");
    this.storeLog?.ack(qm);
  }

  /** A delivery was acked (or taken with no-ack): it leaves the queue for good. */
  settle(qm: QueuedMessage): void {
    this.storeLog?.ack(qm);
  }

  /**
   * Start-up: replays what its log kept, oldest first and marked redelivered, each read from disk only as it nears
   * the head. Limits and expiry wait for recovered(), once every queue has its messages back.
   */
  recoverStored(): number {
    const log = this.log;
    if (log === undefined) return 0;
    let n = 0;
    for (const r of log.recover()) {
      this.ready.push({ seq: ++this.seq, message: STORED, redelivered: true, expiresAt: r.expiresAt, priority: r.priority, storeRef: r.ref });
      n++;
    }
    return n;
  }

  /** Every durable queue has its stored messages back: a drop-head length limit applies to them, then delivery starts. */
  recovered(): void {
    if (this.settings.overflow === "drop-head") this.dropOverLimit();
    this.dispatch();
  }

  /** Its persistent messages' log, if one is open (messages_persistent counts from it). */
  get durableLog(): DurableLog | undefined {
    return this.storeLog;
  }

  private get log(): DurableLog | undefined {
    return (this.storeLog ??= this.vhost.messageLogs?.open(this));
  }

  /** basic.get: the next live ready message, if any; counts as use for x-expires. */
  take(): QueuedMessage | undefined {
    this.touch();
    this.expireHead();
    const qm = this.ready.shift();
    // get-ok's message count must not include expired messages now at the head
    if (qm !== undefined) {
      this.deliveries++;
      this.expireHead();
      this.flow?.drained(this.ready.length, this.ready.byteLength);
    }
    return qm;
  }

  /** Redeclare, passive declare and basic.get restart the x-expires countdown of an unused queue. */
  touch(): void {
    if (this.consumers.length === 0) this.idle.restart(this.settings.expires);
  }

  purge(): number {
    this.headTimer.stop();
    this.flow?.releaseAll();
    return this.storeLog?.ackAll(this.ready) ?? this.ready.clear();
  }

  addConsumer(c: Consumer): void {
    this.consumers.add(c);
    this.hadConsumer = true;
    this.idle.stop();
    this.dispatch();
  }

  /** Returns whether the consumer was attached. A single active consumer's leaving hands its place to the next. */
  removeConsumer(c: Consumer): boolean {
    const handOver = c === this.consumers.singleActiveConsumer;
    if (!this.consumers.remove(c)) return false;
    if (this.consumers.length === 0) {
      this.idle.restart(this.settings.expires);
      // nobody drains the backlog now: holding publishers would only stall them
      this.flow?.releaseAll();
    }
    // deferred so a closing channel's unacked messages are requeued first and reach the successor in order
    else if (handOver) queueMicrotask(() => this.dispatch());
    return true;
  }

  /** A policy was applied, changed or removed: re-read the settings and apply them now, as RabbitMQ does. */
  policyChanged(): void {
    this.settings = readSettings(this);
    if (this.consumers.length === 0) this.idle.restart(this.settings.expires);
    this.headTimer.stop();
    if (this.settings.overflow === "drop-head") this.dropOverLimit();
    this.expireHead();
  }

  /** Hands ready messages to consumers with capacity: highest priority first, round-robin among equals. */
  dispatch(): void {
    if (this.dispatching || this.isDeleted) return;
    this.dispatching = true;
    try {
      for (let head = this.ready.peek(); head !== undefined; head = this.ready.peek()) {
        // an expired head goes first, so dead-lettering it cannot use up the capacity of the consumer picked next
        if (head.expiresAt !== Infinity && head.expiresAt <= clock()) {
          this.ready.shift();
          this.discard(head, "expired");
          continue;
        }
        const c = this.consumers.pick();
        if (c === undefined) break;
        this.deliveries++;
        c.deliver(this, this.ready.shift()!);
      }
    } finally {
      this.dispatching = false;
    }
    this.expireHead();
    this.flow?.drained(this.ready.length, this.ready.byteLength);
  }

  /** Expires messages whose deadline has passed from the head, then arms the timer for the new head's. */
  private expireHead(): void {
    if (this.isDeleted) return;
    let head = this.ready.peek();
    if (head === undefined || head.expiresAt === Infinity) return;
    const now = clock();
    while (head !== undefined && head.expiresAt <= now) {
      this.ready.shift();
      this.discard(head, "expired");
      head = this.ready.peek();
    }
    if (head !== undefined) this.headTimer.arm(head.expiresAt);
  }

  /** drop-head: drops (or dead-letters) the oldest ready messages until the limits hold; returns whether any went. */
  private dropOverLimit(): boolean {
    let dropped = false;
    while (isOverLimit(this.ready, this.settings)) {
      this.discard(this.ready.shift()!, "maxlen");
      dropped = true;
    }
    return dropped;
  }

  /** A ready message leaves for good: dead-lettered first, then acked, so a crash in between duplicates rather than loses it. */
  private discard(qm: QueuedMessage, reason: DeathReason): void {
    this.deadLetter(qm.message, reason);
    this.storeLog?.ack(qm);
  }

  private deadLetter(message: Message, reason: DeathReason): void {
    const s = this.settings;
    if (s.deadLetterExchange === undefined) return;
    publishDeadLetter(this.vhost, this.name, message, reason, { exchange: s.deadLetterExchange, routingKey: s.deadLetterRoutingKey });
  }

  private idleExpired(): void {
    if (!this.isDeleted && this.consumers.length === 0) this.vhost.deleteQueue(this);
  }
}
