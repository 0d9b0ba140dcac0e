import type { Consumer } from "./consumer.js";

/** How the management API reports a consumer (`active`, `activity_status` in /api/consumers). */
export interface ConsumerActivity {
  readonly active: boolean;
  readonly activityStatus: "up" | "single_active" | "waiting";
}

const UP: ConsumerActivity = { active: true, activityStatus: "up" };
const SINGLE_ACTIVE: ConsumerActivity = { active: true, activityStatus: "single_active" };
const WAITING: ConsumerActivity = { active: false, activityStatus: "waiting" };

/**
 * A queue's consumers and who gets the next message: highest x-priority with capacity first, round-robin among
 * equals; with x-single-active-consumer only the active one, the rest standing by in subscription order.
 */
export class ConsumerList {
  private readonly list: Consumer[] = [];
  private rr = 0;
  private active: Consumer | undefined;

  constructor(readonly singleActive: boolean) {}

  get length(): number {
    return this.list.length;
  }

  all(): readonly Consumer[] {
    return this.list;
  }

  /** The single active consumer (undefined on other queues, or with no consumers). */
  get singleActiveConsumer(): Consumer | undefined {
    return this.active;
  }

  add(c: Consumer): void {
    this.list.push(c);
    if (this.singleActive && this.active === undefined) this.active = c;
  }

  /** Returns whether the consumer was attached; the active one's leaving hands over to the next. */
  remove(c: Consumer): boolean {
    const i = this.list.indexOf(c);
    if (i < 0) return false;
    this.list.splice(i, 1);
    if (this.rr > i) this.rr--;
    if (c === this.active) this.active = this.successor();
    return true;
  }

  activityOf(c: Consumer): ConsumerActivity {
    if (!this.singleActive) return UP;
    return c === this.active ? SINGLE_ACTIVE : WAITING;
  }

  /** The consumer for the next delivery, or undefined when none can take one now. */
  pick(): Consumer | undefined {
    if (this.singleActive) return this.active?.hasCapacity() === true ? this.active : undefined;
    const n = this.list.length;
    let best: Consumer | undefined;
    let bestAt = 0;
    for (let i = 0; i < n; i++) {
      const at = (this.rr + i) % n;
      const c = this.list[at]!;
      if ((best === undefined || c.priority > best.priority) && c.hasCapacity()) {
        best = c;
        bestAt = at;
      }
    }
    if (best !== undefined) this.rr = (bestAt + 1) % n;
    return best;
  }

  /** RabbitMQ hands over to the highest-priority waiting consumer, the earliest subscribed among equals. */
  private successor(): Consumer | undefined {
    let next: Consumer | undefined;
    for (const c of this.list) if (next === undefined || c.priority > next.priority) next = c;
    return next;
  }
}
