import type { Broker } from "../broker.js";
import { preconditionFailed } from "../errors.js";

// RabbitMQ's consumer_timeout: a channel whose oldest unacknowledged delivery is older than the timeout is
// closed with 406, and its unacked messages go back to their queues. Deliveries are stamped with a clock
// that the periodic sweep advances, so a delivery costs a field write, not a clock read.

let coarseNow = performance.now();

/** The delivery clock (ms), as of the last sweep. */
export const deliveryClock = (): number => coarseNow;

/** How often the sweep runs for a timeout: often enough to close within about a quarter of the timeout, at most once a second. */
export const sweepInterval = (timeoutMs: number): number => Math.min(1000, Math.max(10, Math.floor(timeoutMs / 4)));

/** Closes every channel whose oldest unacknowledged delivery has waited longer than the timeout. */
export function sweepConsumerTimeouts(broker: Broker, timeoutMs: number): void {
  coarseNow = performance.now();
  for (const conn of broker.connections) {
    for (const ch of conn.channels.values()) {
      // unacked is in delivery order: the first entry is the oldest
      const oldest = ch.unacked.values().next();
      if (oldest.done === true || coarseNow - oldest.value.at <= timeoutMs) continue;
      ch.failChannel(
        preconditionFailed(
          `delivery acknowledgement on channel ${ch.id} timed out. Timeout value used: ${timeoutMs} ms. This timeout value can be configured, see consumers doc guide to learn more`,
        ),
      );
    }
  }
}
