import { performance } from "node:perf_hooks";

export interface Totals {
  readonly sent: number;
  readonly received: number;
  readonly confirmed: number;
}

/** Rates over one interval (usually a second), in messages per second. */
export interface Sample {
  /** Seconds since the start at the end of the interval. */
  readonly t: number;
  readonly sent: number;
  readonly received: number;
  readonly confirmed: number;
}

/** Shortest trailing interval worth a sample: shorter ones give noisy rates. */
const MIN_TAIL_MS = 200;

/** Samples the run's totals once a second and keeps the per-second rates. */
export class Meter {
  readonly samples: Sample[] = [];
  private timer: NodeJS.Timeout | undefined;
  private startAt = 0;
  private lastAt = 0;
  private last: Totals = { sent: 0, received: 0, confirmed: 0 };

  constructor(
    private readonly read: () => Totals,
    private readonly onSample: ((s: Sample) => void) | undefined,
  ) {}

  start(at: number): void {
    this.startAt = this.lastAt = at;
    this.last = this.read();
    this.timer = setInterval(() => this.take(performance.now()), 1000);
  }

  /** Stops sampling; a trailing partial interval counts if it is long enough to mean something. */
  stop(at: number): void {
    if (this.timer === undefined) return;
    clearInterval(this.timer);
    this.timer = undefined;
    if (at - this.lastAt >= MIN_TAIL_MS) this.take(at);
  }

  private take(at: number): void {
    const now = this.read();
    const dt = (at - this.lastAt) / 1000;
    const s: Sample = {
      t: round((at - this.startAt) / 1000, 3),
      sent: round((now.sent - this.last.sent) / dt, 0),
      received: round((now.received - this.last.received) / dt, 0),
      confirmed: round((now.confirmed - this.last.confirmed) / dt, 0),
    };
    this.last = now;
    this.lastAt = at;
    this.samples.push(s);
    this.onSample?.(s);
  }
}

export function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
