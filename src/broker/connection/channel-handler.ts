import { decodeMethod, type Frame, FRAME_METHOD } from "../../protocol/index.js";
import { channelError, notAllowed, notImplemented, unexpectedFrame } from "../errors.js";
import { authorizeChannelOpen } from "./authorize.js";
import { Channel } from "./channel.js";
import type { Connection } from "./connection.js";

/** A frame on a channel id with no channel: only channel.open may create one. */
export function openChannel(conn: Connection, f: Frame): void {
  if (f.type !== FRAME_METHOD) throw unexpectedFrame("expected method frame, got non method frame instead");
  const m = decodeMethod(f.payload);
  // a channel we closed stays known until its close-ok, so even a close-ok here names no channel (504, as in RabbitMQ)
  if (m.name !== "channel.open") throw channelError("expected 'channel.open'").inMethod(m.classId, m.methodId);
  // RabbitMQ limits how many channels are open, not which ids they use
  if (conn.channels.size >= conn.channelMax) {
    throw notAllowed(`number of channels opened (${conn.channels.size}) has reached the negotiated channel_max (${conn.channelMax})`);
  }
  authorizeChannelOpen(conn);
  conn.channels.set(f.channel, new Channel(f.channel, conn));
  conn.output.method(f.channel, "channel.open-ok", { channelId: Buffer.alloc(0) });
}

export function channelOpenAgain(): never {
  throw channelError("second 'channel.open' seen");
}

export function channelClose(ch: Channel): void {
  ch.release();
  ch.conn.channels.delete(ch.id);
  ch.conn.output.method(ch.id, "channel.close-ok", {});
}

export function channelCloseOk(ch: Channel): void {
  // our close completed; the id becomes free
  if (ch.state === "closing") ch.conn.channels.delete(ch.id);
}

export function channelFlow(ch: Channel, active: boolean): void {
  if (!active) throw notImplemented("active=false");
  ch.conn.output.method(ch.id, "channel.flow-ok", { active: true });
}
