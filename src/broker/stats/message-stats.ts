import { epochStart, statsClock } from "./clock.js";
import { Counters } from "./counters.js";

/** The counters behind RabbitMQ's message_stats, in one layout shared by channels, queues and vhosts. */
export const Stat = {
  Publish: 0,
  Confirm: 1,
  ReturnUnroutable: 2,
  DropUnroutable: 3,
  Ack: 4,
  Deliver: 5,
  DeliverNoAck: 6,
  Get: 7,
  GetEmpty: 8,
  GetNoAck: 9,
  Redeliver: 10,
} as const;
export type Stat = (typeof Stat)[keyof typeof Stat];
const SIZE = 11;

/** What a publisher's stats show (RabbitMQ's channel_exchange_metrics), in key order. */
const PUBLISH_GROUP: readonly [string, Stat][] = [
  ["confirm", Stat.Confirm],
  ["drop_unroutable", Stat.DropUnroutable],
  ["publish", Stat.Publish],
  ["return_unroutable", Stat.ReturnUnroutable],
];
/** What a consumer's stats show (channel_queue_metrics); deliver_get is the sum of the four ways out. */
const DELIVER_GROUP: readonly [string, Stat][] = [
  ["ack", Stat.Ack],
  ["deliver", Stat.Deliver],
  ["deliver_no_ack", Stat.DeliverNoAck],
  ["get", Stat.Get],
  ["get_empty", Stat.GetEmpty],
  ["get_no_ack", Stat.GetNoAck],
  ["redeliver", Stat.Redeliver],
];
const DELIVER_GET: readonly Stat[] = [Stat.Deliver, Stat.DeliverNoAck, Stat.Get, Stat.GetNoAck];

/** Counters whose keys appear in JSON once their group has seen an event, as RabbitMQ's appear. */
export class MessageStats {
  readonly counters = new Counters(SIZE);
  /** A message was published through (channel, vhost) or into (queue) this object. */
  published = false;
  /** A delivery, get or ack happened. */
  consumed = false;
  readonly createdAt = Date.now();

  /** When the object went quiet (ms), or undefined while busy: no event this stats interval or the one before. */
  idleSince(): number | undefined {
    const last = this.counters.lastActiveEpoch;
    if (last < 0) return this.createdAt;
    if (last >= statsClock.epoch - 1) return undefined;
    return Math.max(this.createdAt, epochStart(last + 1));
  }

  add(stat: Stat, n = 1): void {
    this.counters.add(stat, n);
  }

  publish(n = 1): void {
    this.published = true;
    this.counters.add(Stat.Publish, n);
  }

  consume(stat: Stat, n = 1): void {
    this.consumed = true;
    this.counters.add(stat, n);
  }

  /** RabbitMQ's message_stats object; `publishGroup` false shows only publish (queues show no confirms). */
  toJson(publishGroup = true): Record<string, unknown> | undefined {
    if (!this.published && !this.consumed) return undefined;
    const c = this.counters;
    const now = Date.now();
    const entries: [string, number, number][] = [];
    if (this.published) {
      for (const [k, i] of publishGroup ? PUBLISH_GROUP : PUBLISH_GROUP.filter(([k]) => k === "publish")) entries.push([k, c.get(i), c.rate(i, now)]);
    }
    if (this.consumed) {
      for (const [k, i] of DELIVER_GROUP) entries.push([k, c.get(i), c.rate(i, now)]);
      entries.push(["deliver_get", DELIVER_GET.reduce<number>((n, i) => n + c.get(i), 0), c.rateOf(DELIVER_GET, now)]);
    }
    entries.sort((a, b) => (a[0] < b[0] ? -1 : 1));
    const out: Record<string, unknown> = {};
    for (const [k, v, rate] of entries) {
      out[k] = v;
      out[`${k}_details`] = { rate };
    }
    return out;
  }
}
