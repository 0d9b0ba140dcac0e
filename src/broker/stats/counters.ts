import { ensureTicking, rateWindowSeconds, roundRate, statsClock } from "./clock.js";

/**
 * A fixed set of event counters with per-second rates. Counting is an increment plus one epoch comparison:
 * the first event of an epoch rolls the snapshots (value at the start of this and of the previous epoch), so
 * idle counters cost nothing and no timer visits them. A rate is (now - value at the start of the previous
 * epoch) / the time since then, i.e. over the last one to two stats intervals.
 */
export class Counters {
  readonly values: Float64Array;
  /** Value at the start of `epoch`, and at the start of the epoch before it. */
  private readonly base: Float64Array;
  private readonly prev: Float64Array;
  /** The last epoch anything was counted in (or read). */
  private epoch: number;
  /** The last epoch an event was counted in; -1 before the first. */
  lastActiveEpoch = -1;

  constructor(size: number) {
    ensureTicking();
    this.values = new Float64Array(size);
    this.base = new Float64Array(size);
    this.prev = new Float64Array(size);
    this.epoch = statsClock.epoch;
  }

  add(i: number, n = 1): void {
    if (this.epoch !== statsClock.epoch) this.roll();
    this.values[i]! += n;
    this.lastActiveEpoch = this.epoch;
  }

  get(i: number): number {
    return this.values[i]!;
  }

  /** Events per second of counter i over the last one to two intervals, rounded as RabbitMQ rounds. */
  rate(i: number, now = Date.now()): number {
    if (this.epoch !== statsClock.epoch) this.roll();
    const dt = rateWindowSeconds(now);
    return dt > 0 ? roundRate((this.values[i]! - this.prev[i]!) / dt) : 0;
  }

  /** Sum of several counters' rates, for derived figures (deliver_get). */
  rateOf(indexes: readonly number[], now = Date.now()): number {
    if (this.epoch !== statsClock.epoch) this.roll();
    const dt = rateWindowSeconds(now);
    if (dt <= 0) return 0;
    let d = 0;
    for (const i of indexes) d += this.values[i]! - this.prev[i]!;
    return roundRate(d / dt);
  }

  private roll(): void {
    const e = statsClock.epoch;
    // nothing was counted after epoch `this.epoch`: the value then is the value at every later epoch start
    this.prev.set(this.epoch === e - 1 ? this.base : this.values);
    this.base.set(this.values);
    this.epoch = e;
  }
}

/**
 * Gauges (queue lengths) sampled at every tick by their owner, for the *_details rate of a level:
 * (now - level at the start of the previous epoch) / time since then.
 */
export class GaugeHistory {
  private readonly base: Float64Array;
  private readonly prev: Float64Array;

  constructor(initial: readonly number[]) {
    ensureTicking();
    this.base = Float64Array.from(initial);
    this.prev = Float64Array.from(initial);
  }

  /** Called at a tick with the current levels. */
  sample(levels: readonly number[]): void {
    this.prev.set(this.base);
    for (let i = 0; i < levels.length; i++) this.base[i] = levels[i]!;
  }

  rate(i: number, level: number, now = Date.now()): number {
    const dt = rateWindowSeconds(now);
    return dt > 0 ? roundRate((level - this.prev[i]!) / dt) : 0;
  }
}
