import { performance } from "node:perf_hooks";
import { fullGc } from "./full-gc.js";

/** How often the node looks. */
export const IDLE_GC_INTERVAL_MS = 5000;
/** Growth of heap plus Buffer memory since the last full collection that makes one worth it. */
const GROWTH_BYTES = 32 * 1024 * 1024;
/** Event-loop utilisation over the last interval below which the node counts as quiet. */
const QUIET_UTILISATION = 0.05;

const inUse = (): number => {
  const m = process.memoryUsage();
  return m.heapUsed + m.external;
};

/**
 * After a burst has grown memory, one full collection once the node goes quiet hands back what the burst left
 * behind (published messages since paged out, records since written), much as RabbitMQ's idle processes hibernate.
 * V8 would otherwise keep it until the next allocation-driven collection, which an idle node never reaches. Never
 * while busy: a full collection of a large heap pauses everything for a moment.
 */
export class IdleGc {
  private baseline = inUse();
  private last = performance.eventLoopUtilization();
  /** Full collections run so far (for tests and the log). */
  runs = 0;

  check(): void {
    const now = performance.eventLoopUtilization();
    const busy = performance.eventLoopUtilization(now, this.last).utilization;
    this.last = now;
    if (busy >= QUIET_UTILISATION || inUse() - this.baseline < GROWTH_BYTES) return;
    fullGc(true);
    this.runs++;
    this.baseline = inUse();
  }
}
