import type { Broker } from "../broker.js";
import type { Connection } from "../connection/connection.js";
import type { Queue } from "../queue/queue.js";

/** Which objects a caller sees: all of them, or those in visible vhosts and their own connections. */
export interface Visibility {
  vhost(name: string): boolean;
  connection(c: Connection): boolean;
}

export const SEE_ALL: Visibility = { vhost: () => true, connection: () => true };

/** Live counts (no stats lag): objects, and messages ready and unacknowledged per the caller's view. */
export interface LiveTotals {
  connections: number;
  channels: number;
  exchanges: number;
  queues: number;
  consumers: number;
  ready: number;
  unacked: number;
}

export function liveTotals(broker: Broker, see: Visibility): LiveTotals {
  const t: LiveTotals = { connections: 0, channels: 0, exchanges: 0, queues: 0, consumers: 0, ready: 0, unacked: 0 };
  const visibleQueues = new Set<Queue>();
  for (const v of broker.vhosts.values()) {
    if (!see.vhost(v.name)) continue;
    t.exchanges += v.exchanges.size;
    for (const q of v.queues.values()) {
      visibleQueues.add(q);
      t.queues++;
      t.consumers += q.consumerCount;
      t.ready += q.messageCount;
    }
  }
  for (const c of broker.connections) {
    // unacknowledged messages belong to the queue they came from, whoever's channel holds them
    for (const ch of c.channels.values()) for (const u of ch.unacked.values()) if (visibleQueues.has(u.queue)) t.unacked++;
    if (c.state !== "opened" || !see.connection(c)) continue;
    t.connections++;
    t.channels += c.channels.size;
  }
  return t;
}
