import type { Output } from "./output.js";

/** One timer per connection ticking at half the interval: flags, not per-frame timers, record traffic. */
export class Heartbeat {
  private timer: NodeJS.Timeout | undefined;
  private receivedSinceTick = true;
  private silentTicks = 0;
  /** The negotiated interval (connection "timeout" in the management API); 0 when off. */
  seconds = 0;
  /** While a blocked publisher is not being read, its silence is not a lost peer. */
  monitorPaused = false;

  constructor(
    private readonly output: Output,
    private readonly onLost: () => void,
  ) {}

  received(): void {
    this.receivedSinceTick = true;
  }

  start(seconds: number): void {
    this.stop();
    this.seconds = seconds;
    if (seconds <= 0) return;
    this.timer = setInterval(() => this.tick(), (seconds * 1000) / 2);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private tick(): void {
    if (!this.output.sentSinceTick) this.output.heartbeat();
    this.output.sentSinceTick = false;
    if (this.receivedSinceTick || this.monitorPaused) this.silentTicks = 0;
    // two full intervals (four ticks) without a byte from the peer: it is gone
    else if (++this.silentTicks >= 4) {
      this.stop();
      this.onLost();
    }
    this.receivedSinceTick = false;
  }
}
