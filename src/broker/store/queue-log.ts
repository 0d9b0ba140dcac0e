import { mkdirSync, readdirSync, renameSync, rm, unlinkSync } from "node:fs";
import { dirname, join } from "node:path";
import { ACK_ENTRY_BYTES } from "./ack-entry.js";
import { FRAME_HEADER_BYTES, isFrameAt } from "./frame.js";
import { decodeRecord, MIN_RECORD_PAYLOAD, type MessageRecord, recordFrameBytes } from "./message-record.js";
import { MAX_SEGMENT_RECORDS, makeRef, type RecordRef, recordNoOfRef, segmentIdOfRef } from "./record-ref.js";
import { parseSegmentFileName, Segment, type SegmentFile, segmentFileName } from "./segment.js";
import { type RecoveredRecord, recoverSegment } from "./segment-recovery.js";
import { CorruptRecordError, type StoreContext } from "./store-context.js";

/** Suffix of a destroyed queue's directory while it is being removed (start-up removes leftovers). */
export const DELETED_MARK = ".deleted.";
let deletions = 0;

/**
 * The disk side of one durable queue: records append to the current segment (rolling over at the segment size),
 * acks append to the record's segment's ack log, reads come from the cache or the segment file. The queue keeps
 * only RecordRefs (numbers) and whatever else it indexes; bodies stay on disk.
 */
export class QueueLog {
  private readonly segments = new Map<number, Segment>();
  private current: Segment | undefined;
  private nextSegmentId = 1;
  private unrecovered: { id: number; present: ReadonlySet<SegmentFile> }[] = [];
  private dirExists = false;
  private destroyed = false;

  constructor(
    readonly id: string,
    private readonly dir: string,
    private readonly ctx: StoreContext,
    private readonly onDestroy: (log: QueueLog) => void,
  ) {
    let names: string[];
    try {
      names = readdirSync(dir);
      this.dirExists = true;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
      return;
    }
    const files = new Map<number, Set<SegmentFile>>();
    for (const n of names) {
      const f = parseSegmentFileName(n);
      if (f !== undefined) files.set(f.id, (files.get(f.id) ?? new Set()).add(f.ext));
    }
    for (const [id, present] of files) {
      if (present.has("seg")) continue;
      // an ack log or sidecar whose segment is gone: the segment's deletion was interrupted
      for (const ext of present) unlinkSync(join(dir, segmentFileName(id, ext)));
      files.delete(id);
    }
    this.unrecovered = [...files].sort(([a], [b]) => a - b).map(([id, present]) => ({ id, present }));
    this.nextSegmentId = (this.unrecovered.at(-1)?.id ?? 0) + 1;
  }

  /**
   * The unacked messages stored before this start, oldest first, each marked redelivered. Call once before the
   * queue takes new messages' order for granted; appends go to new segments, never after a recovered tail.
   */
  *recover(): Generator<RecoveredRecord> {
    const todo = this.unrecovered;
    this.unrecovered = [];
    for (const { id, present } of todo) {
      if (this.destroyed) return;
      let found: ReturnType<typeof recoverSegment>;
      try {
        found = recoverSegment(this.dir, id, present, this.ctx.pool, this.ctx.warn);
      } catch (e) {
        this.ctx.warn(`${this.dir}: segment ${id} could not be read and was left as it is: ${(e as Error).message}`);
        continue;
      }
      if (found === undefined) continue;
      this.segments.set(id, found.segment);
      yield* found.recovered;
    }
  }

  /**
   * Queues the record for the next batch and returns where it will be; it is durable once flush() settles. The
   * record's buffers are kept (not copied) until written and while cached, so they must not be changed afterwards.
   */
  append(record: MessageRecord): RecordRef {
    this.assertLive();
    const bytes = recordFrameBytes(record);
    let seg = this.current;
    if (seg === undefined || seg.count === MAX_SEGMENT_RECORDS || (seg.count > 0 && seg.records.end + bytes > this.ctx.segmentBytes)) seg = this.roll();
    const no = seg.append(record, bytes);
    this.ctx.cache.put(seg, no, record);
    this.ctx.commit.fileChanged(seg.records);
    return makeRef(seg.id, no);
  }

  /** The message is done with (acked, expired, dropped, dead-lettered): log it, or delete the segment it completes. */
  ack(ref: RecordRef): void {
    const seg = this.segments.get(segmentIdOfRef(ref));
    const no = recordNoOfRef(ref);
    // a missing segment was deleted with its last ack: this ack is a repeat
    if (seg === undefined || !seg.markAcked(no)) return;
    this.ctx.cache.delete(seg, no);
    if (seg.sealed && seg.fullyAcked) return this.remove(seg);
    seg.acks.add(no, ACK_ENTRY_BYTES);
    this.ctx.commit.fileChanged(seg.acks);
  }

  /** The record (from memory, else from its segment); throws CorruptRecordError if the disk copy fails its check. */
  readSync(ref: RecordRef): MessageRecord {
    const [record] = this.readManySync([ref]);
    if (record instanceof Error) throw record;
    return record!;
  }

  /**
   * Several records at once, in the order asked: runs of consecutive records in one segment come with a single
   * read. In place of a record that is gone or fails its check stands the Error saying why.
   */
  readManySync(refs: readonly RecordRef[]): (MessageRecord | Error)[] {
    const out: (MessageRecord | Error)[] = new Array(refs.length);
    let i = 0;
    while (i < refs.length) {
      let seg: Segment;
      let no: number;
      try {
        [seg, no] = this.locate(refs[i]!);
      } catch (e) {
        out[i++] = e as Error;
        continue;
      }
      const cached = this.ctx.cache.get(seg, no);
      if (cached !== undefined) {
        out[i++] = cached;
        continue;
      }
      // extend the run while the next ref is the next record of the same segment and not cached
      let n = 1;
      while (i + n < refs.length && refs[i + n] === refs[i]! + n && no + n < seg.count && this.ctx.cache.get(seg, no + n) === undefined) n++;
      const start = seg.offsetOf(no);
      let buf: Buffer;
      try {
        buf = seg.records.readSync(start, seg.offsetOf(no + n - 1) + seg.sizeOf(no + n - 1) - start);
      } catch (e) {
        for (let k = 0; k < n; k++) out[i + k] = e as Error;
        i += n;
        continue;
      }
      for (let k = 0; k < n; k++, i++) {
        const at = seg.offsetOf(no + k) - start;
        try {
          out[i] = decodeStored(seg, no + k, buf.subarray(at, at + seg.sizeOf(no + k)));
        } catch (e) {
          out[i] = e as Error;
        }
      }
    }
    return out;
  }

  /** Body bytes of a record still held (0 for one acked or unknown). */
  bodySizeOf(ref: RecordRef): number {
    const seg = this.segments.get(segmentIdOfRef(ref));
    return seg === undefined ? 0 : seg.bodySizeOf(recordNoOfRef(ref));
  }

  async read(ref: RecordRef): Promise<MessageRecord> {
    const [seg, no] = this.locate(ref);
    return this.ctx.cache.get(seg, no) ?? decodeStored(seg, no, await seg.records.read(seg.offsetOf(no), seg.sizeOf(no)));
  }

  /** Settles once everything appended or acked before the call (in any queue of the store) is on disk. */
  flush(): Promise<void> {
    return this.ctx.commit.flush();
  }

  /** The queue was deleted: its directory is renamed away now and removed in the next batch. */
  destroy(): Promise<void> {
    if (this.destroyed) return Promise.resolve();
    this.destroyed = true;
    for (const seg of this.segments.values()) seg.discard();
    this.segments.clear();
    this.current = undefined;
    this.unrecovered = [];
    this.onDestroy(this);
    if (!this.dirExists) return Promise.resolve();
    const doomed = `${this.dir}${DELETED_MARK}${Date.now()}.${deletions++}`;
    renameSync(this.dir, doomed);
    return this.ctx.commit.addTask(() => new Promise((resolve, reject) => rm(doomed, { recursive: true, force: true }, (e) => (e ? reject(e) : resolve()))));
  }

  /** Segments held and their bytes (appended, including not yet written). */
  stats(): { segments: number; bytes: number } {
    let bytes = 0;
    for (const s of this.segments.values()) bytes += s.records.end;
    return { segments: this.segments.size, bytes };
  }

  /** Closes idle descriptors (the store is closing). */
  closeFiles(): void {
    for (const s of this.segments.values()) {
      s.records.closeIfIdle();
      s.acks.closeIfIdle();
    }
  }

  private roll(): Segment {
    const old = this.current;
    if (old !== undefined) {
      old.sealed = true;
      if (old.fullyAcked) this.remove(old);
      else this.indexWhenDurable(old);
    }
    if (!this.dirExists) {
      mkdirSync(this.dir, { recursive: true });
      this.dirExists = true;
      this.ctx.commit.syncDir(dirname(this.dir));
    }
    const seg = new Segment(this.nextSegmentId++, this.dir, this.ctx.pool, undefined);
    this.segments.set(seg.id, seg);
    this.current = seg;
    return seg;
  }

  /** Once the sealed segment's last batch is on disk, its sidecar is written (in a later batch). */
  private indexWhenDurable(seg: Segment): void {
    const index = seg.index;
    seg.index = undefined;
    if (index === undefined) return;
    this.ctx.commit.flush().then(
      () => (seg.removed ? undefined : this.ctx.commit.addTask(() => seg.writeIndex(index))),
      // a failed batch leaves no sidecar: the next start scans this segment instead
      () => undefined,
    );
  }

  private remove(seg: Segment): void {
    seg.discard();
    this.segments.delete(seg.id);
    void this.ctx.commit.addTask(() => seg.unlink());
  }

  private locate(ref: RecordRef): [Segment, number] {
    const seg = this.segments.get(segmentIdOfRef(ref));
    const no = recordNoOfRef(ref);
    if (seg === undefined || no >= seg.count) throw new Error(`queue ${this.id} holds no record ${ref} (acked, or its queue destroyed)`);
    return [seg, no];
  }

  private assertLive(): void {
    if (this.destroyed) throw new Error(`queue ${this.id} was destroyed`);
  }
}

function decodeStored(seg: Segment, no: number, buf: Buffer): MessageRecord {
  if (!isFrameAt(buf, 0, MIN_RECORD_PAYLOAD) || buf.readUInt32BE(0) + FRAME_HEADER_BYTES !== buf.length) {
    throw new CorruptRecordError(`record ${no} of ${seg.records.path} failed its check`);
  }
  return decodeRecord(buf, FRAME_HEADER_BYTES, buf.length);
}
