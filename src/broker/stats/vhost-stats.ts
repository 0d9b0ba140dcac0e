import type { Vhost } from "../vhost/vhost.js";
import { MessageStats } from "./message-stats.js";

const byVhost = new WeakMap<Vhost, MessageStats>();

/** A vhost's message_stats: every channel's publishes, deliveries, gets and acks in it (and the HTTP API's). */
export function vhostStats(v: Vhost): MessageStats {
  let s = byVhost.get(v);
  if (s === undefined) byVhost.set(v, (s = new MessageStats()));
  return s;
}
