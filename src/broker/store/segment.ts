import { unlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { encodeAckInto } from "./ack-entry.js";
import type { FdPool } from "./fd-pool.js";
import { ensureIndex } from "./growable.js";
import { LogFile } from "./log-file.js";
import { encodeRecordInto, type MessageRecord } from "./message-record.js";
import { SegmentIndex } from "./segment-index.js";

const recordEncoder = { encodeInto: encodeRecordInto };
const ackEncoder = { encodeInto: encodeAckInto };

/** A segment's files: records, acks, and the index sidecar recovery may use instead of scanning the records. */
export type SegmentFile = "seg" | "ack" | "idx";
export const segmentFileName = (id: number, ext: SegmentFile): string => `${String(id).padStart(8, "0")}.${ext}`;
/** The segment number and kind of a file name, or undefined for anything else in a queue's directory. */
export function parseSegmentFileName(fileName: string): { id: number; ext: SegmentFile } | undefined {
  const m = /^(\d{8,})\.(seg|ack|idx)$/.exec(fileName);
  return m === null ? undefined : { id: Number(m[1]), ext: m[2] as SegmentFile };
}

/** What recovery found on disk for a segment. */
export interface SegmentOnDisk {
  readonly segmentBytes: number;
  readonly ackBytes: number | undefined;
  /** Frame start of each record, in order. */
  readonly offsets: Uint32Array;
  /** Body bytes of each record (0 for one that could not be read). */
  readonly bodySizes: Uint32Array;
  readonly records: number;
}

// unique across the store's segments (of all queues) for the life of the process: the record cache's keys
let nextUid = 1;

/**
 * One segment of a queue: a file of message records (numbered by position) and its ack log. Once sealed (no
 * more appends) and fully acked, its files are deleted.
 */
export class Segment {
  readonly uid = nextUid++;
  readonly records: LogFile<MessageRecord>;
  readonly acks: LogFile<number>;
  /** Records appended (or found at recovery): the next record number. */
  count: number;
  ackedCount = 0;
  sealed: boolean;
  removed = false;
  /** The index being built while records are appended; written out as the sidecar once the segment is sealed. */
  index: SegmentIndex | undefined;
  private readonly indexPath: string;
  private offsets: Uint32Array;
  // messages_persistent's byte count needs a record's body size when it is acked, without reading the record
  private bodySizes: Uint32Array;
  // one bit per record, so a repeated ack is recognised and a segment's last ack is known
  private acked: Uint8Array;

  constructor(
    readonly id: number,
    dir: string,
    pool: FdPool,
    onDisk: SegmentOnDisk | undefined,
  ) {
    this.records = new LogFile(join(dir, segmentFileName(id, "seg")), recordEncoder, pool, onDisk && { size: onDisk.segmentBytes });
    const ackSize = onDisk?.ackBytes;
    this.acks = new LogFile(join(dir, segmentFileName(id, "ack")), ackEncoder, pool, ackSize === undefined ? undefined : { size: ackSize });
    this.indexPath = join(dir, segmentFileName(id, "idx"));
    this.count = onDisk?.records ?? 0;
    this.offsets = onDisk?.offsets ?? new Uint32Array(256);
    this.bodySizes = onDisk?.bodySizes ?? new Uint32Array(256);
    this.sealed = onDisk !== undefined;
    this.index = onDisk === undefined ? new SegmentIndex() : undefined;
    this.acked = new Uint8Array((this.count + 7) >> 3);
  }

  /** Queues the record's frame for the next batch; returns its record number. */
  append(record: MessageRecord, bytes: number): number {
    const no = this.count++;
    this.offsets = ensureIndex(this.offsets, no, (n) => new Uint32Array(n));
    this.offsets[no] = this.records.add(record, bytes);
    this.bodySizes = ensureIndex(this.bodySizes, no, (n) => new Uint32Array(n));
    this.bodySizes[no] = record.body.length;
    this.index?.push(bytes, { priority: record.priority, expiresAt: record.expiresAt, bodySize: record.body.length });
    return no;
  }

  offsetOf(no: number): number {
    return this.offsets[no]!;
  }

  bodySizeOf(no: number): number {
    return this.bodySizes[no] ?? 0;
  }

  sizeOf(no: number): number {
    return (no + 1 < this.count ? this.offsets[no + 1]! : this.records.end) - this.offsets[no]!;
  }

  /** On disk (or gone), so a copy in memory may be dropped. */
  isWritten(no: number): boolean {
    return this.removed || this.offsetOf(no) + this.sizeOf(no) <= this.records.written;
  }

  isAcked(no: number): boolean {
    return no < this.count && ((this.acked[no >> 3] ?? 0) & (1 << (no & 7))) !== 0;
  }

  /** Records the ack in memory; false when the record was already acked or does not exist. */
  markAcked(no: number): boolean {
    if (no >= this.count || this.isAcked(no)) return false;
    this.acked = ensureIndex(this.acked, no >> 3, (n) => new Uint8Array(n));
    this.acked[no >> 3]! |= 1 << (no & 7);
    this.ackedCount++;
    return true;
  }

  get fullyAcked(): boolean {
    return this.ackedCount === this.count;
  }

  /** Stops all writing now; the unlinks happen later, in a batch. */
  discard(): void {
    this.removed = true;
    this.records.discard();
    this.acks.discard();
  }

  /** Writes the index sidecar of a sealed segment whose records are all on disk (no fsync: it checks itself). */
  async writeIndex(index: SegmentIndex): Promise<void> {
    if (this.removed || this.records.written !== this.records.end) return;
    await writeFile(this.indexPath, index.encode(this.records.written));
  }

  /** Segment file first, its ack log last: a crash in between brings messages back rather than losing any. */
  async unlink(): Promise<void> {
    await this.records.remove();
    await unlink(this.indexPath).catch((e: NodeJS.ErrnoException) => {
      if (e.code !== "ENOENT") throw e;
    });
    await this.acks.remove();
  }
}
