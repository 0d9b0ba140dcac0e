import { clock, MAX_TIMER_MS } from "./ttl.js";

/**
 * x-expires: the countdown to deleting an unused queue. It runs only while the queue has no consumers and
 * restarts on every use RabbitMQ counts (declare, basic.get, the last consumer leaving, a policy change).
 */
export class IdleExpiry {
  private timer: NodeJS.Timeout | undefined;
  private due = 0;

  constructor(private readonly onExpired: () => void) {}

  /** Starts the countdown afresh; undefined (no x-expires in force) just stops it. */
  restart(ms: number | undefined): void {
    this.stop();
    if (ms === undefined) return;
    this.due = clock() + ms;
    this.schedule(ms);
  }

  stop(): void {
    if (this.timer === undefined) return;
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Node timers cap out near 24.8 days; x-expires may be up to 10 years, so long waits go in steps. */
  private schedule(ms: number): void {
    this.timer = setTimeout(() => {
      this.timer = undefined;
      const left = this.due - clock();
      if (left > 1) this.schedule(left);
      else this.onExpired();
    }, Math.min(ms, MAX_TIMER_MS));
    this.timer.unref();
  }
}
