// An exchange as the management API shows it.
import type { Exchange } from "../../exchange/exchange.js";
import { exchangeStatsIfAny } from "../../stats/exchange-stats.js";
import { declaringUser } from "../../vhost/declare-exchange.js";
import { tableToJson } from "../amqp-json.js";

/** The list form; `withStats` false is disable_stats=true (no message_stats). */
export function exchangeJson(x: Exchange, vhost: string, withStats: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = { arguments: tableToJson(x.arguments), auto_delete: x.autoDelete, durable: x.durable, internal: x.internal };
  const stats = withStats ? exchangeStatsIfAny(x)?.toJson() : undefined;
  if (stats !== undefined) out.message_stats = stats;
  out.name = x.name;
  if (x.policy !== undefined) out.policy = x.policy.name;
  return { ...out, type: x.type, user_who_performed_action: declaringUser(x), vhost };
}

/** The single form adds incoming and outgoing, per-channel and per-queue rates RabbitMQ fills only in detailed rates mode. */
export function exchangeSingleJson(x: Exchange, vhost: string, withStats: boolean): Record<string, unknown> {
  const entries: [string, unknown][] = Object.entries({ ...exchangeJson(x, vhost, withStats), incoming: [], outgoing: [] });
  entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(entries);
}
