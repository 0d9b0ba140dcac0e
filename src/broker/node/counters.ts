import { roundRate } from "../stats/clock.js";

/** How often rates are sampled; RabbitMQ's collect_statistics_interval is 5 s. */
export const SAMPLE_INTERVAL_MS = 5000;

/**
 * Node-wide event counters (connection_created, publish, ...) with per-second rates over the last sample
 * interval. The broker's parts call count() where the event happens; readers get the totals and rates.
 */
export class NodeCounters {
  private readonly totals = new Map<string, number>();
  private previous: { at: number; values: Map<string, number> } = { at: Date.now(), values: new Map() };
  private latest: { at: number; values: Map<string, number> } = this.previous;

  count(name: string, n = 1): void {
    this.totals.set(name, (this.totals.get(name) ?? 0) + n);
  }

  /** Sets a level (mem_used, fd_used, ...) rather than adding to a count; its rate is its change per second. */
  gauge(name: string, value: number): void {
    this.totals.set(name, value);
  }

  get(name: string): number {
    return this.totals.get(name) ?? 0;
  }

  has(name: string): boolean {
    return this.totals.has(name);
  }

  /** Takes a sample; rates compare the two latest samples. */
  sample(now = Date.now()): void {
    this.previous = this.latest;
    this.latest = { at: now, values: new Map(this.totals) };
  }

  rate(name: string): number {
    const dt = (this.latest.at - this.previous.at) / 1000;
    if (dt <= 0) return 0;
    return roundRate(((this.latest.values.get(name) ?? 0) - (this.previous.values.get(name) ?? 0)) / dt);
  }

  /** `{name: total, name_details: {rate}}` for each name, the shape of RabbitMQ's message_stats and churn_rates. */
  withRates(names: readonly string[]): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const n of names) {
      out[n] = this.get(n);
      out[`${n}_details`] = { rate: this.rate(n) };
    }
    return out;
  }

  reset(): void {
    this.totals.clear();
    this.previous = this.latest = { at: Date.now(), values: new Map() };
  }
}
