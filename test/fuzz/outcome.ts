// What a broker did with hostile bytes on a raw connection: closed the connection or a channel (and with what), went on
// serving, kept waiting for the rest of a frame, or dropped the socket.
import { decodeMethod, FRAME_METHOD, HARD_ERROR_CODES, replyName } from "../../src/protocol/index.js";
import { RawClient } from "../integration/broker/raw-client.js";

export type Outcome =
  | { kind: "connection.close" | "channel.close"; code: number; text: string; classId: number; methodId: number; channel: number }
  /** alive: the probe was answered; waiting: silence; ended: the bytes held a connection.close, answered; closed: the socket went */
  | { kind: "alive" | "waiting" | "ended" | "closed" };

/** The channel the liveness probe opens: never used by the cases. */
export const PROBE_CHANNEL = 65000;

/**
 * Sends the bytes, then a channel.open on PROBE_CHANNEL, and reads until the broker shows what it made of them:
 * a close (answered with close-ok, as a client would), the probe's open-ok, silence, or the end of the socket.
 */
export async function outcomeOf(c: RawClient, bytes: Buffer, quietMs = 150): Promise<Outcome> {
  c.socket.write(bytes);
  c.send(PROBE_CHANNEL, "channel.open", { outOfBand: "" });
  for (;;) {
    const f = await c.nextFrame(quietMs).catch(() => null);
    if (f === null) return { kind: "waiting" };
    if (f === undefined) return { kind: "closed" };
    if (f.type !== FRAME_METHOD) continue;
    const m = decodeMethod(f.payload);
    if (m.name === "connection.close" || m.name === "channel.close") {
      const { replyCode: code, replyText: text, classId, methodId } = m.args;
      if (m.name === "connection.close") c.send(0, "connection.close-ok", {});
      else c.send(f.channel, "channel.close-ok", {});
      return { kind: m.name, code, text, classId, methodId, channel: f.channel };
    }
    if (m.name === "connection.close-ok") return { kind: "ended" };
    if (m.name === "channel.open-ok" && f.channel === PROBE_CHANNEL) return { kind: "alive" };
  }
}

/**
 * A close is "right" when its code is a real AMQP reply of the right scope and its text is RabbitMQ-formed; 541 only as the
 * bare INTERNAL_ERROR RabbitMQ itself gives for an undecodable direct reply-to address (anything else is a broker bug).
 */
export function closeIsWellFormed(o: Outcome): boolean {
  if (o.kind !== "connection.close" && o.kind !== "channel.close") return true;
  if (o.code === 541) return o.kind === "connection.close" && o.text === "INTERNAL_ERROR";
  const name = replyName(o.code);
  const scopeOk = o.kind === "connection.close" ? HARD_ERROR_CODES.has(o.code) : !HARD_ERROR_CODES.has(o.code);
  return name !== undefined && scopeOk && o.text.startsWith(`${name} - `);
}
