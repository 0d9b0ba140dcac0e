import type { FieldTable, FieldValue } from "../../protocol/index.js";
import { allRoutingKeys, longstrList, type Message } from "../message.js";
import type { Vhost } from "../vhost/vhost.js";
import { recordDeath } from "./x-death.js";

export type DeathReason = "rejected" | "expired" | "maxlen";

export interface DeadLetterTarget {
  readonly exchange: string;
  /** x-dead-letter-routing-key; undefined keeps the message's own keys. */
  readonly routingKey: string | undefined;
}

/**
 * The message as its dead-letter exchange receives it: x-death recorded, the expiration property removed
 * (kept as original-expiration), CC dropped when a dead-letter routing key replaces the keys. Only dead letters
 * have their properties re-encoded.
 */
export function deadLettered(m: Message, reason: DeathReason, queue: string, target: DeadLetterTarget, nowSeconds: number): Message {
  const props = m.properties;
  const headers = props.has("headers") ? props.get("headers") : undefined;
  const updated = recordDeath(headers, {
    reason,
    queue,
    time: nowSeconds,
    exchange: m.exchange,
    // the publish's key, then the CC and BCC keys still in the headers
    routingKeys: [m.routingKey, ...longstrList(headers?.get("CC")), ...longstrList(headers?.get("BCC"))],
    originalExpiration: props.has("expiration") ? props.get("expiration") : undefined,
  });
  if (target.routingKey !== undefined) updated.delete("CC");
  const keys = target.routingKey === undefined ? allRoutingKeys(m) : [target.routingKey];
  return {
    exchange: target.exchange,
    routingKey: keys[0]!,
    routingKeys: keys.length > 1 ? keys : undefined,
    properties: props.with({ headers: updated, expiration: undefined }),
    body: m.body,
  };
}

/**
 * Whether delivering a dead letter to `queue` would close a loop with no client rejection in it: the x-death
 * events up to and including the queue's own most recent one are all automatic (expired, maxlen).
 */
export function isDeadLetterCycle(queue: string, headers: FieldTable | undefined): boolean {
  const deaths = headers?.get("x-death");
  if (deaths?.type !== "A") return false;
  const events = deaths.value;
  const at = events.findIndex((e) => e.type === "F" && isQueue(e.value.get("queue"), queue));
  if (at < 0) return false;
  // anything that is not a table was put there by a client, so the loop was not fully automatic
  return events.slice(0, at + 1).every((e) => e.type === "F" && !isLongstr(e.value.get("reason"), "rejected"));
}

const isLongstr = (v: FieldValue | undefined, s: string): boolean => v?.type === "S" && v.value.toString("utf8") === s;
const isQueue = isLongstr;

/**
 * Publishes a message dead-lettered from `queue` through its dead-letter exchange, as RabbitMQ does (no
 * mandatory, no confirm); a missing exchange drops it, and so does each queue an automatic cycle would reach.
 */
export function publishDeadLetter(vhost: Vhost, queue: string, m: Message, reason: DeathReason, target: DeadLetterTarget): void {
  const x = vhost.exchanges.get(target.exchange);
  if (x === undefined) return;
  const dl = deadLettered(m, reason, queue, target, Math.floor(Date.now() / 1000));
  const headers = dl.properties.get("headers");
  for (const q of vhost.route(x, { routingKeys: allRoutingKeys(dl), headers: () => headers })) {
    if (reason !== "rejected" && isDeadLetterCycle(q.name, headers)) continue;
    q.enqueue(dl);
  }
}
