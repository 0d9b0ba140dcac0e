import { crc32 } from "node:zlib";
import { ensureIndex } from "./growable.js";
import type { RecordSummary } from "./message-record.js";

// <id>.idx: what recovery needs of a sealed segment's records, so a restart reads ~18 bytes per message instead of
// the whole segment. It is a cache: written without fsync, and used only when its CRC holds and the segment's size
// matches the one it was made for; anything else falls back to scanning the segment.
const MAGIC = 0x5749_4458; // "WIDX"
const VERSION = 1;
// u32 magic, u8 version, 3 spare, f64 segment size, u32 count, u32 CRC of the entries
const HEADER_BYTES = 4 + 1 + 3 + 8 + 4 + 4;
// u32 frame size, u32 body size, u8 priority, u8 lost, f64 expiresAt
const ENTRY_BYTES = 4 + 4 + 1 + 1 + 8;

/** Per-record columns of one segment (typed arrays: a segment holds thousands of records). */
export class SegmentIndex {
  count = 0;
  private size = new Uint32Array(256);
  private body = new Uint32Array(256);
  private priority = new Uint8Array(256);
  private lost = new Uint8Array(256);
  private expires = new Float64Array(256);

  push(frameSize: number, s: RecordSummary | undefined): void {
    const i = this.count++;
    this.size = ensureIndex(this.size, i, (n) => new Uint32Array(n));
    this.body = ensureIndex(this.body, i, (n) => new Uint32Array(n));
    this.priority = ensureIndex(this.priority, i, (n) => new Uint8Array(n));
    this.lost = ensureIndex(this.lost, i, (n) => new Uint8Array(n));
    this.expires = ensureIndex(this.expires, i, (n) => new Float64Array(n));
    this.size[i] = frameSize;
    this.body[i] = s?.bodySize ?? 0;
    this.priority[i] = s?.priority ?? 0;
    this.lost[i] = s === undefined ? 1 : 0;
    this.expires[i] = s?.expiresAt ?? Infinity;
  }

  frameSize = (i: number): number => this.size[i]!;
  bodySize = (i: number): number => this.body[i]!;
  /** undefined for a record that could not be read when the segment was scanned. */
  summary(i: number): RecordSummary | undefined {
    return this.lost[i] === 1 ? undefined : { priority: this.priority[i]!, expiresAt: this.expires[i]!, bodySize: this.body[i]! };
  }

  encode(segmentBytes: number): Buffer {
    const buf = Buffer.allocUnsafe(HEADER_BYTES + this.count * ENTRY_BYTES);
    let at = HEADER_BYTES;
    for (let i = 0; i < this.count; i++) {
      at = buf.writeUInt32BE(this.size[i]!, at);
      at = buf.writeUInt32BE(this.body[i]!, at);
      at = buf.writeUInt8(this.priority[i]!, at);
      at = buf.writeUInt8(this.lost[i]!, at);
      at = buf.writeDoubleBE(this.expires[i]!, at);
    }
    buf.writeUInt32BE(MAGIC, 0);
    buf.writeUInt32BE(VERSION << 24, 4);
    buf.writeDoubleBE(segmentBytes, 8);
    buf.writeUInt32BE(this.count, 16);
    buf.writeUInt32BE(crc32(buf.subarray(HEADER_BYTES)), 20);
    return buf;
  }

  /** The index in buf if it is whole and describes a segment of exactly segmentBytes; undefined otherwise. */
  static decode(buf: Buffer, segmentBytes: number): SegmentIndex | undefined {
    if (buf.length < HEADER_BYTES || buf.readUInt32BE(0) !== MAGIC || buf.readUInt8(4) !== VERSION) return undefined;
    const count = buf.readUInt32BE(16);
    if (buf.readDoubleBE(8) !== segmentBytes || buf.length !== HEADER_BYTES + count * ENTRY_BYTES) return undefined;
    if (crc32(buf.subarray(HEADER_BYTES)) !== buf.readUInt32BE(20)) return undefined;
    const index = new SegmentIndex();
    let total = 0;
    for (let at = HEADER_BYTES; at < buf.length; at += ENTRY_BYTES) {
      const size = buf.readUInt32BE(at);
      total += size;
      const lost = buf.readUInt8(at + 9) === 1;
      index.push(size, lost ? undefined : { bodySize: buf.readUInt32BE(at + 4), priority: buf.readUInt8(at + 8), expiresAt: buf.readDoubleBE(at + 10) });
    }
    return total === segmentBytes ? index : undefined;
  }
}
