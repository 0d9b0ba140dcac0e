import { performance } from "node:perf_hooks";
import type { Properties } from "../../protocol/index.js";

/** The queue clock for message deadlines: monotonic milliseconds. */
export const clock = (): number => performance.now();

/** The longest delay a Node timer takes (2^31 - 1 ms); longer TTLs wait in steps. */
export const MAX_TIMER_MS = 0x7fffffff;

/**
 * A message's deadline: now plus the smaller of the queue's x-message-ttl and the message's expiration
 * (validated at publish as a decimal integer); Infinity when neither applies.
 */
export function deadlineOf(props: Properties, queueTtl: number | undefined): number {
  let ttl = queueTtl;
  if (props.has("expiration")) {
    const own = Number.parseInt(props.get("expiration") ?? "", 10);
    if (ttl === undefined || own < ttl) ttl = own;
  }
  return ttl === undefined ? Infinity : clock() + ttl;
}

/**
 * One timer per queue for the deadline of the message at its head (classic queues expire messages only there).
 * An armed timer due no later than the new deadline is kept: when it fires, the queue re-arms for its new head
 * (also when a capped long timer fires early).
 */
export class HeadDeadlineTimer {
  private timer: NodeJS.Timeout | undefined;
  private due = Infinity;

  constructor(private readonly onDue: () => void) {}

  arm(deadline: number): void {
    if (deadline === Infinity) return;
    // RabbitMQ's slack: re-arm only for a deadline more than a millisecond earlier
    if (this.timer !== undefined && this.due <= deadline + 1) return;
    this.stop();
    this.due = deadline;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.due = Infinity;
      this.onDue();
    }, Math.min(MAX_TIMER_MS, Math.max(0, Math.ceil(deadline - clock()))));
    this.timer.unref();
  }

  stop(): void {
    if (this.timer === undefined) return;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.due = Infinity;
  }
}
