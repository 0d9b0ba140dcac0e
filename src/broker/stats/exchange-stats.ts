import type { Exchange } from "../exchange/exchange.js";
import { Counters } from "./counters.js";

const PUBLISH_IN = 0;
const PUBLISH_OUT = 1;

/** publish_in (messages published to the exchange) and publish_out (deliveries to queues it routed them to). */
export class ExchangeStats {
  private readonly counters = new Counters(2);
  private inSeen = false;
  private outSeen = false;

  published(routedTo: number): void {
    this.inSeen = true;
    this.counters.add(PUBLISH_IN);
    if (routedTo === 0) return;
    this.outSeen = true;
    this.counters.add(PUBLISH_OUT, routedTo);
  }

  /** RabbitMQ's exchange message_stats; each key appears once its event has happened. */
  toJson(): Record<string, unknown> | undefined {
    if (!this.inSeen) return undefined;
    const c = this.counters;
    const out: Record<string, unknown> = { publish_in: c.get(PUBLISH_IN), publish_in_details: { rate: c.rate(PUBLISH_IN) } };
    if (this.outSeen) Object.assign(out, { publish_out: c.get(PUBLISH_OUT), publish_out_details: { rate: c.rate(PUBLISH_OUT) } });
    return out;
  }
}

const byExchange = new WeakMap<Exchange, ExchangeStats>();

export function exchangeStats(x: Exchange): ExchangeStats {
  let s = byExchange.get(x);
  if (s === undefined) byExchange.set(x, (s = new ExchangeStats()));
  return s;
}

/** Stats of an exchange that has seen traffic, without creating any. */
export const exchangeStatsIfAny = (x: Exchange): ExchangeStats | undefined => byExchange.get(x);
