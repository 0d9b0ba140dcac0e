import type { Message } from "../message.js";
import type { Queue } from "../queue/queue.js";
import { onStatsTick } from "./clock.js";
import { GaugeHistory } from "./counters.js";
import { MessageStats } from "./message-stats.js";

/** Gauge slots in a queue's history: messages, messages_ready, messages_unacknowledged. */
const MESSAGES = 0;
const READY = 1;
const UNACKED = 2;

/** What a queue's management view needs beyond the queue itself: counters, unacknowledged totals, level history. */
export class QueueStats {
  readonly messages = new MessageStats();
  /** Deliveries awaiting ack on some channel, and their body bytes. */
  unacked = 0;
  unackedBytes = 0;
  private readonly gauges: GaugeHistory;

  constructor(readonly queue: Queue) {
    this.gauges = new GaugeHistory(this.levels());
  }

  levels(): [messages: number, ready: number, unacked: number] {
    const ready = this.queue.messageCount;
    return [ready + this.unacked, ready, this.unacked];
  }

  sample(): void {
    this.gauges.sample(this.levels());
  }

  /** Rates of change of messages, messages_ready and messages_unacknowledged. */
  levelRates(now = Date.now()): [messages: number, ready: number, unacked: number] {
    const [m, r, u] = this.levels();
    return [this.gauges.rate(MESSAGES, m, now), this.gauges.rate(READY, r, now), this.gauges.rate(UNACKED, u, now)];
  }

  trackUnacked(m: Message, delta: 1 | -1): void {
    this.unacked += delta;
    this.unackedBytes += delta * m.body.length;
  }
}

const byQueue = new WeakMap<Queue, QueueStats>();
/** Live queues whose levels are sampled at each tick; deleted queues drop out at the next one. */
const sampled = new Set<QueueStats>();
let unsubscribe: (() => void) | undefined;

function sampleAll(): void {
  for (const s of sampled) {
    const q = s.queue;
    // a queue deleted, or gone with its vhost, is sampled no more
    if (q.deleted || q.vhost.queues.get(q.name) !== q) sampled.delete(s);
    else s.sample();
  }
  if (sampled.size === 0) {
    unsubscribe?.();
    unsubscribe = undefined;
  }
}

/** The stats of a queue, created on first use. */
export function queueStats(q: Queue): QueueStats {
  let s = byQueue.get(q);
  if (s === undefined) {
    s = new QueueStats(q);
    byQueue.set(q, s);
    sampled.add(s);
    unsubscribe ??= onStatsTick(sampleAll);
  }
  return s;
}
