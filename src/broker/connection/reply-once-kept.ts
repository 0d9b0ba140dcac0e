import type { Channel } from "./channel.js";

/**
 * Sends a definition change's -ok: at once when nothing durable changed, else once the change is on disk (the
 * connection reads nothing more meanwhile), so a client that saw declare-ok for a durable queue finds it after a crash.
 */
export function replyOnceKept(ch: Channel, durableChange: boolean, send: () => void): void {
  if (durableChange) ch.conn.replyWhenDurable(send);
  else send();
}
