import { commandInvalid, DecodeError, erlangBinary, FrameError, frameError, payloadSnippet, ProtocolError, unexpectedFrame } from "./errors.js";
import {
  FRAME_BODY,
  FRAME_END,
  FRAME_HEADER,
  FRAME_HEARTBEAT,
  FRAME_METHOD,
  METHOD_BY_ID,
  METHODS,
  type Method,
  type MethodArgs,
  type MethodInfo,
  type MethodName,
} from "./methods.generated.js";
import { Properties } from "./properties.js";
import { Reader } from "./reader.js";
import { Writer } from "./writer.js";

/** type u8 + channel u16 + size u32 */
export const FRAME_HEADER_SIZE = 7;
/** header + the frame-end octet: what frame_max counts on top of the payload */
export const FRAME_OVERHEAD = 8;
/** Frame size both sides accept before tune-ok, and the smallest frame_max a peer may ask for (the spec table says 8192; RabbitMQ and clients use 4096). */
export const FRAME_MIN_SIZE_NEGOTIATED = 4096;

export const PROTOCOL_HEADER: Buffer = Buffer.from("AMQP\x00\x00\x09\x01", "latin1");
export const HEARTBEAT_FRAME: Buffer = Buffer.from([FRAME_HEARTBEAT, 0, 0, 0, 0, 0, 0, FRAME_END]);

/** A frame as split from the stream. payload is a view into the received chunk: copy what you keep. */
export interface Frame {
  readonly type: number;
  readonly channel: number;
  readonly payload: Buffer;
}

export type HeaderCheck = "ok" | "incomplete" | "mismatch";

/** Checks a client's first bytes; on "mismatch" reply PROTOCOL_HEADER and close, as RabbitMQ does (bytes after the 8 are frames). */
export function checkProtocolHeader(data: Uint8Array): HeaderCheck {
  const n = Math.min(data.length, PROTOCOL_HEADER.length);
  for (let i = 0; i < n; i++) if (data[i] !== PROTOCOL_HEADER[i]) return "mismatch";
  return n < PROTOCOL_HEADER.length ? "incomplete" : "ok";
}

/** Per-frame checks after splitting, with RabbitMQ's reply texts. */
export function validateFrame(type: number, channel: number, payload: Buffer): void {
  switch (type) {
    case FRAME_METHOD:
      if (payload.length >= 4) return;
      break;
    case FRAME_HEADER:
      // class, weight, body size and the flags word
      if (payload.length >= 14) return;
      break;
    case FRAME_BODY:
      return;
    case FRAME_HEARTBEAT:
      if (payload.length !== 0) break;
      if (channel !== 0) throw unexpectedFrame(`type 8, all octets = <<>>`);
      return;
  }
  throw frameError(`type ${type}, ${payloadSnippet(payload)}: unknown_frame`);
}

/** Decodes a method frame's payload; a malformed one is a 501 naming the method, an unknown id a 503. */
export function decodeMethod(payload: Buffer): Method {
  if (payload.length < 4) throw frameError(`type 1, ${payloadSnippet(payload)}: unknown_frame`);
  const classId = (payload[0]! << 8) | payload[1]!;
  const methodId = (payload[2]! << 8) | payload[3]!;
  const info = METHOD_BY_ID.get((classId << 16) | methodId);
  if (info === undefined) throw commandInvalid(`unknown method (${classId}, ${methodId})`);
  const r = new Reader(payload, 4);
  try {
    const args = info.decode(r);
    r.expectEnd();
    return { name: info.name, classId, methodId, args } as Method;
  } catch (e) {
    if (e instanceof DecodeError) {
      const err = new FrameError(`cannot decode ${erlangBinary(payload.subarray(4))}`).inMethod(classId, methodId);
      err.cause = e;
      throw err;
    }
    if (e instanceof ProtocolError) throw e.inMethod(classId, methodId);
    throw e;
  }
}

/** Whether the peer must answer this method (synchronous and its nowait bit, if any, clear). */
export function expectsResponse(m: Method): boolean {
  const info: MethodInfo = METHODS[m.name];
  return info.synchronous && !(info.hasNowait && (m.args as { nowait?: boolean }).nowait === true);
}

export interface ContentHeader {
  readonly classId: number;
  /** Must be 0; the broker decides what a nonzero weight means (RabbitMQ: 505). */
  readonly weight: number;
  /** Exact up to 2^53-1; larger announced sizes are rounded, which only a max-size check ever sees. */
  readonly bodySize: number;
  readonly properties: Properties;
}

/** Parses a content header payload; the property bytes are copied and their structure checked. */
export function parseContentHeader(payload: Buffer): ContentHeader {
  if (payload.length < 14) throw frameError(`type 2, ${payloadSnippet(payload)}: unknown_frame`);
  const raw = Buffer.allocUnsafe(payload.length - 12);
  payload.copy(raw, 0, 12);
  return {
    classId: payload.readUInt16BE(0),
    weight: payload.readUInt16BE(2),
    bodySize: payload.readUInt32BE(4) * 0x100000000 + payload.readUInt32BE(8),
    properties: Properties.fromWire(raw, false),
  };
}

function beginFrame(w: Writer, type: number, channel: number): number {
  w.octet(type);
  w.short(channel);
  return w.reserveLong();
}

function endFrame(w: Writer, mark: number): void {
  w.patchLength(mark);
  w.octet(FRAME_END);
}

export function writeMethodFrame<N extends MethodName>(w: Writer, channel: number, name: N, args: MethodArgs[N]): void {
  const info: MethodInfo<N> = METHODS[name];
  const before = w.length;
  try {
    const mark = beginFrame(w, FRAME_METHOD, channel);
    w.short(info.classId);
    w.short(info.methodId);
    info.encode(w, args);
    endFrame(w, mark);
  } catch (e) {
    // a value that cannot be encoded must not leave half a frame among the frames already batched
    w.rewind(before);
    throw e;
  }
}

export function writeContentHeaderFrame(w: Writer, channel: number, classId: number, bodySize: number, properties: Properties): void {
  const mark = beginFrame(w, FRAME_HEADER, channel);
  w.short(classId);
  w.short(0);
  w.longlong(bodySize);
  w.bytes(properties.raw);
  endFrame(w, mark);
}

/** Body frames of at most frameMax - 8 payload bytes each (frameMax 0: no limit); an empty body has none. */
export function writeBodyFrames(w: Writer, channel: number, body: Uint8Array, frameMax: number): void {
  const step = bodyStep(body.length, frameMax);
  for (let at = 0; at < body.length; at += step) {
    const mark = beginFrame(w, FRAME_BODY, channel);
    w.bytes(body.subarray(at, Math.min(at + step, body.length)));
    endFrame(w, mark);
  }
}

/** The same body frames as views for writev, so a large body is never copied. */
export function bodyFrameParts(channel: number, body: Buffer, frameMax: number): Buffer[] {
  const parts: Buffer[] = [];
  const step = bodyStep(body.length, frameMax);
  for (let at = 0; at < body.length; at += step) {
    const n = Math.min(step, body.length - at);
    const head = Buffer.allocUnsafe(FRAME_HEADER_SIZE);
    head[0] = FRAME_BODY;
    head.writeUInt16BE(channel, 1);
    head.writeUInt32BE(n, 3);
    parts.push(head, body.subarray(at, at + n), FRAME_END_BYTE);
  }
  return parts;
}

function bodyStep(bodyLength: number, frameMax: number): number {
  if (frameMax === 0) return Math.max(bodyLength, 1);
  if (!(frameMax > FRAME_OVERHEAD)) throw new RangeError(`frame_max too small for body frames: ${frameMax}`);
  return frameMax - FRAME_OVERHEAD;
}

const FRAME_END_BYTE = Buffer.from([FRAME_END]);
const shared = new Writer();

/** One method frame as a Buffer, for code paths that do not batch into a Writer. */
export function encodeMethodFrame<N extends MethodName>(channel: number, name: N, args: MethodArgs[N]): Buffer {
  try {
    writeMethodFrame(shared, channel, name, args);
  } catch (e) {
    shared.discard();
    throw e;
  }
  return shared.finish();
}

/** Any frame from its parts (tests, heartbeats, raw relays). */
export function encodeFrame(type: number, channel: number, payload: Uint8Array): Buffer {
  const out = Buffer.allocUnsafe(payload.length + FRAME_OVERHEAD);
  out[0] = type;
  out.writeUInt16BE(channel, 1);
  out.writeUInt32BE(payload.length, 3);
  out.set(payload, FRAME_HEADER_SIZE);
  out[out.length - 1] = FRAME_END;
  return out;
}
