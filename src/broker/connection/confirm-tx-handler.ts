import type { ConfirmSelect } from "../../protocol/index.js";
import { preconditionFailed } from "../errors.js";
import type { Channel } from "./channel.js";
import { afterStored, storeMark } from "./durable-confirms.js";
import { vhostOf } from "./resolve.js";

export function confirmSelect(ch: Channel, a: ConfirmSelect): void {
  if (ch.tx !== undefined) throw preconditionFailed("cannot switch from tx to confirm mode");
  ch.confirm = true;
  if (!a.nowait) ch.conn.output.method(ch.id, "confirm.select-ok", {});
}

export function txSelect(ch: Channel): void {
  if (ch.confirm) throw preconditionFailed("cannot switch from confirm to tx mode");
  ch.tx ??= [];
  ch.conn.output.method(ch.id, "tx.select-ok", {});
}

/** Applies buffered publishes and acks in order (like RabbitMQ, not atomic across queues). */
export function txCommit(ch: Channel): void {
  if (ch.tx === undefined) throw preconditionFailed("channel is not transactional");
  const actions = ch.tx;
  ch.tx = [];
  const vhost = vhostOf(ch);
  const mark = storeMark(vhost);
  for (const run of actions) run();
  // persistent messages the commit stored are on disk before commit-ok
  afterStored(ch, vhost, mark, () => ch.conn.output.method(ch.id, "tx.commit-ok", {}));
}

export function txRollback(ch: Channel): void {
  if (ch.tx === undefined) throw preconditionFailed("channel is not transactional");
  ch.tx = [];
  ch.conn.output.method(ch.id, "tx.rollback-ok", {});
}
