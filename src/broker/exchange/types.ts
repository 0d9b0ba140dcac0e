import { DirectExchange } from "./direct.js";
import type { Exchange, ExchangeOptions } from "./exchange.js";
import { FanoutExchange } from "./fanout.js";
import { HeadersExchange } from "./headers.js";
import { TopicExchange } from "./topic.js";

const TYPES: Readonly<Record<string, new (o: ExchangeOptions) => Exchange>> = {
  direct: DirectExchange,
  fanout: FanoutExchange,
  topic: TopicExchange,
  headers: HeadersExchange,
};

export const isExchangeType = (type: string): boolean => Object.hasOwn(TYPES, type);

/** Builds an exchange of a known type; callers check isExchangeType first (unknown type is a 503). */
export function createExchange(type: string, o: ExchangeOptions): Exchange {
  const Ctor = TYPES[type];
  if (Ctor === undefined) throw new Error(`unknown exchange type ${type}`);
  return new Ctor(o);
}
