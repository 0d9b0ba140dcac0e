import { isUtf8 } from "node:buffer";
import { DecodeError, frameError, syntaxError } from "./errors.js";
import { decodeArray, decodeTable, type FieldTable, type FieldValue } from "./field-table.js";

/** A bounds-checked cursor over a Buffer; every read past `end` throws a 501 FrameError. */
export class Reader {
  pos: number;
  /** Exclusive limit; field-table decoding narrows it temporarily to a nested table's extent. */
  end: number;

  constructor(
    readonly buf: Buffer,
    start = 0,
    end = buf.length,
  ) {
    this.pos = start;
    this.end = end;
  }

  get remaining(): number {
    return this.end - this.pos;
  }

  /** Throws unless n more bytes are available; callers read the bytes themselves. */
  need(n: number): void {
    if (this.end - this.pos < n) throw new DecodeError(`truncated: needed ${n} bytes, ${this.end - this.pos} left`);
  }

  /** A frame or method must be consumed exactly: RabbitMQ refuses trailing bytes too. */
  expectEnd(): void {
    if (this.pos !== this.end) throw new DecodeError(`${this.end - this.pos} unexpected trailing bytes`);
  }

  octet(): number {
    this.need(1);
    return this.buf[this.pos++]!;
  }

  short(): number {
    this.need(2);
    const b = this.buf;
    const p = this.pos;
    this.pos = p + 2;
    return (b[p]! << 8) | b[p + 1]!;
  }

  long(): number {
    this.need(4);
    const b = this.buf;
    const p = this.pos;
    this.pos = p + 4;
    return b[p]! * 0x1000000 + ((b[p + 1]! << 16) | (b[p + 2]! << 8) | b[p + 3]!);
  }

  /** Unsigned 64-bit as a number; values above 2^53-1 cannot be represented exactly, so they are a 502. */
  longlong(): number {
    const hi = this.long();
    const lo = this.long();
    if (hi > 0x1fffff) throw syntaxError(`longlong ${(BigInt(hi) << 32n) | BigInt(lo)} exceeds 2^53-1`);
    return hi * 0x100000000 + lo;
  }

  longlongBig(): bigint {
    this.need(8);
    const v = this.buf.readBigUInt64BE(this.pos);
    this.pos += 8;
    return v;
  }

  /** AMQP timestamps are u64 seconds; kept as bigint so any value a client sends survives. */
  timestamp(): bigint {
    return this.longlongBig();
  }

  int8(): number {
    const v = this.octet();
    return v > 0x7f ? v - 0x100 : v;
  }

  int16(): number {
    const v = this.short();
    return v > 0x7fff ? v - 0x10000 : v;
  }

  int32(): number {
    return this.long() | 0;
  }

  int64(): bigint {
    this.need(8);
    const v = this.buf.readBigInt64BE(this.pos);
    this.pos += 8;
    return v;
  }

  float(): number {
    this.need(4);
    const v = this.buf.readFloatBE(this.pos);
    this.pos += 4;
    return v;
  }

  double(): number {
    this.need(8);
    const v = this.buf.readDoubleBE(this.pos);
    this.pos += 8;
    return v;
  }

  /** `count` packed bit fields from one octet, least significant bit first. */
  bits(count: number): boolean[] {
    const v = this.octet();
    const out: boolean[] = [];
    for (let i = 0; i < count; i++) out.push((v & (1 << i)) !== 0);
    return out;
  }

  /** A shortstr that must be valid UTF-8, as RabbitMQ checks on methods without content (501 otherwise). */
  shortstr(): string {
    const len = this.octet();
    this.need(len);
    const start = this.pos;
    this.pos = start + len;
    const s = this.buf.toString("utf8", start, start + len);
    // the decoder substitutes U+FFFD for bad bytes; only then is the slower exact check worth it
    if (s.includes("\uFFFD") && !isUtf8(this.buf.subarray(start, start + len))) throw frameError("Malformed UTF-8 in shortstr");
    return s;
  }

  /** A shortstr decoded leniently (bad UTF-8 becomes U+FFFD): content methods, table keys, properties. */
  shortstrLoose(): string {
    const len = this.octet();
    this.need(len);
    const start = this.pos;
    this.pos = start + len;
    const s = this.buf.toString("utf8", start, start + len);
    // each bad byte became a 3-byte U+FFFD: cut the text so it still fits a shortstr when sent on (deliver, x-death)
    return len > 85 && s.includes("\uFFFD") ? fitShortstr(s) : s;
  }

  /** A longstr's bytes, copied so a stored value never pins the socket chunk it arrived in. */
  longstr(): Buffer {
    const len = this.long();
    return Buffer.from(this.bytes(len));
  }

  /** A view of the next n bytes (no copy). */
  bytes(n: number): Buffer {
    this.need(n);
    const start = this.pos;
    this.pos = start + n;
    return this.buf.subarray(start, start + n);
  }

  table(): FieldTable {
    return decodeTable(this, 0);
  }

  array(): FieldValue[] {
    return decodeArray(this, 0);
  }
}

/** The longest prefix of s (whole code points) whose UTF-8 form is at most 255 bytes. */
function fitShortstr(s: string): string {
  let bytes = 0;
  let end = 0;
  for (const ch of s) {
    bytes += Buffer.byteLength(ch, "utf8");
    if (bytes > 255) break;
    end += ch.length;
  }
  return s.slice(0, end);
}
