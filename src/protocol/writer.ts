import { encodeArray, encodeTable, type FieldTable, type FieldValue } from "./field-table.js";

/** Growable output: finish() hands out a view and writing continues after it, so many frames share one allocation; marks survive a grow. */
export class Writer {
  private buf: Buffer;
  private pos = 0;
  private start = 0;

  constructor(private readonly chunkSize = 64 * 1024) {
    this.buf = Buffer.allocUnsafe(chunkSize);
  }

  /** Bytes written since the last finish(). */
  get length(): number {
    return this.pos - this.start;
  }

  /** The bytes written since the last finish(); they are never written to again. */
  finish(): Buffer {
    const out = this.buf.subarray(this.start, this.pos);
    this.start = this.pos;
    return out;
  }

  /** Drops the bytes written since the last finish(), e.g. after an encoding error midway. */
  discard(): void {
    this.pos = this.start;
  }

  /** Drops what was written after `length` bytes (a length read earlier), so a frame that failed midway leaves no trace. */
  rewind(length: number): void {
    this.pos = this.start + length;
  }

  ensure(n: number): void {
    if (this.buf.length - this.pos < n) this.grow(n);
  }

  private grow(n: number): void {
    const used = this.pos - this.start;
    const size = Math.max(this.chunkSize, used + n, used > 0 ? used * 2 : 0);
    const next = Buffer.allocUnsafe(size);
    // finished views keep the old buffer alive; only the unfinished part moves
    this.buf.copy(next, 0, this.start, this.pos);
    this.buf = next;
    this.start = 0;
    this.pos = used;
  }

  octet(v: number): void {
    if (!(v >= 0 && v <= 0xff && Number.isInteger(v))) throw new RangeError(`octet out of range: ${v}`);
    this.ensure(1);
    this.buf[this.pos++] = v;
  }

  short(v: number): void {
    if (!(v >= 0 && v <= 0xffff && Number.isInteger(v))) throw new RangeError(`short out of range: ${v}`);
    this.ensure(2);
    const b = this.buf;
    const p = this.pos;
    b[p] = v >>> 8;
    b[p + 1] = v & 0xff;
    this.pos = p + 2;
  }

  long(v: number): void {
    if (!(v >= 0 && v <= 0xffffffff && Number.isInteger(v))) throw new RangeError(`long out of range: ${v}`);
    this.ensure(4);
    const b = this.buf;
    const p = this.pos;
    b[p] = v >>> 24;
    b[p + 1] = (v >>> 16) & 0xff;
    b[p + 2] = (v >>> 8) & 0xff;
    b[p + 3] = v & 0xff;
    this.pos = p + 4;
  }

  /** Unsigned 64-bit from a safe integer (delivery tags, body sizes). */
  longlong(v: number): void {
    if (!(v >= 0 && Number.isSafeInteger(v))) throw new RangeError(`longlong out of range: ${v}`);
    const hi = Math.floor(v / 0x100000000);
    this.long(hi);
    this.long(v - hi * 0x100000000);
  }

  longlongBig(v: bigint): void {
    if (v < 0n || v > 0xffffffffffffffffn) throw new RangeError(`unsigned 64-bit value out of range: ${v}`);
    this.ensure(8);
    this.buf.writeBigUInt64BE(v, this.pos);
    this.pos += 8;
  }

  timestamp(v: bigint): void {
    this.longlongBig(v);
  }

  int8(v: number): void {
    if (!(v >= -0x80 && v <= 0x7f && Number.isInteger(v))) throw new RangeError(`int8 out of range: ${v}`);
    this.octet(v & 0xff);
  }

  int16(v: number): void {
    if (!(v >= -0x8000 && v <= 0x7fff && Number.isInteger(v))) throw new RangeError(`int16 out of range: ${v}`);
    this.short(v & 0xffff);
  }

  int32(v: number): void {
    if (!(v >= -0x80000000 && v <= 0x7fffffff && Number.isInteger(v))) throw new RangeError(`int32 out of range: ${v}`);
    this.long(v >>> 0);
  }

  int64(v: bigint): void {
    if (v < -0x8000000000000000n || v > 0x7fffffffffffffffn) throw new RangeError(`int64 out of range: ${v}`);
    this.ensure(8);
    this.buf.writeBigInt64BE(v, this.pos);
    this.pos += 8;
  }

  float(v: number): void {
    this.ensure(4);
    this.buf.writeFloatBE(v, this.pos);
    this.pos += 4;
  }

  double(v: number): void {
    this.ensure(8);
    this.buf.writeDoubleBE(v, this.pos);
    this.pos += 8;
  }

  /** UTF-8, at most 255 bytes; ASCII is copied by hand because a native call costs more for short names. */
  shortstr(s: string): void {
    const n = s.length;
    if (n <= 64) {
      this.ensure(1 + n);
      const b = this.buf;
      const lenAt = this.pos;
      let p = lenAt + 1;
      let i = 0;
      for (; i < n; i++) {
        const c = s.charCodeAt(i);
        if (c >= 0x80) break;
        b[p++] = c;
      }
      if (i === n) {
        b[lenAt] = n;
        this.pos = p;
        return;
      }
    }
    const len = Buffer.byteLength(s, "utf8");
    if (len > 0xff) throw new RangeError(`shortstr longer than 255 bytes (${len})`);
    this.ensure(1 + len);
    this.buf[this.pos] = len;
    this.buf.write(s, this.pos + 1, len, "utf8");
    this.pos += 1 + len;
  }

  longstr(v: Buffer | string): void {
    if (typeof v === "string") {
      const len = Buffer.byteLength(v, "utf8");
      this.long(len);
      this.ensure(len);
      this.buf.write(v, this.pos, len, "utf8");
      this.pos += len;
      return;
    }
    this.long(v.length);
    this.bytes(v);
  }

  bytes(v: Uint8Array): void {
    this.ensure(v.length);
    this.buf.set(v, this.pos);
    this.pos += v.length;
  }

  table(t: FieldTable): void {
    encodeTable(this, t);
  }

  array(a: readonly FieldValue[]): void {
    encodeArray(this, a);
  }

  /** Writes a placeholder u32 and returns its mark for patchLength(). */
  reserveLong(): number {
    this.ensure(4);
    const mark = this.pos - this.start;
    this.pos += 4;
    return mark;
  }

  /** Fills a reserved u32 with the number of bytes written after it. */
  patchLength(mark: number): void {
    const at = this.start + mark;
    this.buf.writeUInt32BE(this.pos - at - 4, at);
  }
}
