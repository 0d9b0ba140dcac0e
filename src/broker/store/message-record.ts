import { FRAME_HEADER_BYTES, MAX_PAYLOAD_BYTES, sealFrame } from "./frame.js";

/** A message as the store keeps it: the publish's method fields, the content-header property bytes as they arrived, the body. */
export interface MessageRecord {
  readonly exchange: string;
  readonly routingKey: string;
  /** Every key it was routed with (CC/BCC) when there is more than routingKey; undefined otherwise. */
  readonly routingKeys: readonly string[] | undefined;
  /** The raw basic properties (flags then values), never re-encoded, so delivery forwards the same bytes. */
  readonly properties: Buffer;
  readonly body: Buffer;
  /** Priority level in a priority queue (0-255), 0 elsewhere. */
  readonly priority: number;
  /** Expiry deadline in wall-clock ms since the epoch (a monotonic clock does not survive restarts); Infinity = never. */
  readonly expiresAt: number;
}

/** What recovery needs to rebuild a queue's index without keeping bodies. */
export interface RecordSummary {
  readonly priority: number;
  readonly expiresAt: number;
  readonly bodySize: number;
}

const VERSION = 1;
// payload: u8 version, u8 priority, f64 expiresAt, u8-length exchange, u8-length routing key,
// u32 count of routingKeys then u32-length each, u32-length properties, body (the rest)
export const MIN_RECORD_PAYLOAD = 1 + 1 + 8 + 1 + 1 + 4 + 4;

function shortBytes(s: string, what: string): number {
  const n = Buffer.byteLength(s, "utf8");
  if (n > 255) throw new RangeError(`${what} is longer than 255 bytes`);
  return n;
}

/** The frame size a record takes on disk; throws RangeError for what cannot be stored (checked at append, before any I/O). */
export function recordFrameBytes(r: MessageRecord): number {
  if (!Number.isInteger(r.priority) || r.priority < 0 || r.priority > 255) throw new RangeError(`priority ${r.priority} is not 0-255`);
  let n = MIN_RECORD_PAYLOAD + shortBytes(r.exchange, "exchange name") + shortBytes(r.routingKey, "routing key");
  for (const k of r.routingKeys ?? []) n += 4 + Buffer.byteLength(k, "utf8");
  n += r.properties.length + r.body.length;
  if (n > MAX_PAYLOAD_BYTES) throw new RangeError("message too large to store");
  return FRAME_HEADER_BYTES + n;
}

/** Writes the record's frame at `at` (the caller sized buf with recordFrameBytes); returns the bytes written. */
export function encodeRecordInto(buf: Buffer, at: number, r: MessageRecord): number {
  let p = at + FRAME_HEADER_BYTES;
  p = buf.writeUInt8(VERSION, p);
  p = buf.writeUInt8(r.priority, p);
  p = buf.writeDoubleBE(r.expiresAt, p);
  p = writeShort(buf, p, r.exchange);
  p = writeShort(buf, p, r.routingKey);
  const keys = r.routingKeys ?? [];
  p = buf.writeUInt32BE(keys.length, p);
  for (const k of keys) p = writeLong(buf, p, k);
  p = buf.writeUInt32BE(r.properties.length, p);
  p += r.properties.copy(buf, p);
  p += r.body.copy(buf, p);
  return sealFrame(buf, at, p - at - FRAME_HEADER_BYTES);
}

function writeShort(buf: Buffer, p: number, s: string): number {
  const n = buf.write(s, p + 1, "utf8");
  buf.writeUInt8(n, p);
  return p + 1 + n;
}

function writeLong(buf: Buffer, p: number, s: string): number {
  const n = buf.write(s, p + 4, "utf8");
  buf.writeUInt32BE(n, p);
  return p + 4 + n;
}

/** A bounds-checked cursor over one payload: a frame whose CRC passes but whose fields do not fit is still rejected. */
class PayloadReader {
  constructor(
    private readonly buf: Buffer,
    public at: number,
    readonly end: number,
  ) {}

  take(n: number): number {
    const start = this.at;
    if (n < 0 || start + n > this.end) throw new RangeError("record fields overrun the frame");
    this.at += n;
    return start;
  }
  u8 = (): number => this.buf.readUInt8(this.take(1));
  u32 = (): number => this.buf.readUInt32BE(this.take(4));
  f64 = (): number => this.buf.readDoubleBE(this.take(8));
  bytes(n: number): Buffer {
    const start = this.take(n);
    return this.buf.subarray(start, start + n);
  }
  short = (): string => this.bytes(this.u8()).toString("utf8");
  long = (): string => this.bytes(this.u32()).toString("utf8");
}

function readHead(r: PayloadReader): { priority: number; expiresAt: number } {
  const version = r.u8();
  if (version !== VERSION) throw new RangeError(`unknown record version ${version}`);
  return { priority: r.u8(), expiresAt: r.f64() };
}

/** Decodes a payload; properties and body are views into buf (no copies). */
export function decodeRecord(buf: Buffer, payloadStart: number, payloadEnd: number): MessageRecord {
  const r = new PayloadReader(buf, payloadStart, payloadEnd);
  const { priority, expiresAt } = readHead(r);
  const exchange = r.short();
  const routingKey = r.short();
  const count = r.u32();
  let routingKeys: string[] | undefined;
  if (count > 0) {
    routingKeys = [];
    for (let i = 0; i < count; i++) routingKeys.push(r.long());
  }
  const properties = r.bytes(r.u32());
  const body = buf.subarray(r.at, payloadEnd);
  return { exchange, routingKey, routingKeys, properties, body, priority, expiresAt };
}

/** Reads only what an index needs, checking the structure as decodeRecord would, without decoding strings. */
export function summarizeRecord(buf: Buffer, payloadStart: number, payloadEnd: number): RecordSummary {
  const r = new PayloadReader(buf, payloadStart, payloadEnd);
  const { priority, expiresAt } = readHead(r);
  r.take(r.u8());
  r.take(r.u8());
  const count = r.u32();
  for (let i = 0; i < count; i++) r.take(r.u32());
  r.take(r.u32());
  return { priority, expiresAt, bodySize: payloadEnd - r.at };
}
