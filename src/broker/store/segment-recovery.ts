import { closeSync, fdatasyncSync, openSync, readFileSync, statSync, truncateSync, unlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { scanAckLog } from "./ack-entry.js";
import type { FdPool } from "./fd-pool.js";
import { FRAME_HEADER_BYTES, scanFrames } from "./frame.js";
import { MIN_RECORD_PAYLOAD, type RecordSummary, summarizeRecord } from "./message-record.js";
import { makeRef, type RecordRef } from "./record-ref.js";
import { Segment, type SegmentFile, segmentFileName } from "./segment.js";
import { SegmentIndex } from "./segment-index.js";

/** An unacked message found at start-up; it was possibly delivered before the crash, so it goes out as redelivered. */
export interface RecoveredRecord extends RecordSummary {
  readonly ref: RecordRef;
  readonly redelivered: true;
}

/**
 * Reads one segment and its ack log back after a restart. The index sidecar stands in for the records when it
 * matches the segment; otherwise the segment is scanned: intact records kept, a torn tail dropped, logged and cut
 * off, and a fresh sidecar written for next time. A torn ack entry is ignored (its message comes back). A segment
 * with nothing left is deleted.
 */
export function recoverSegment(
  dir: string,
  id: number,
  present: ReadonlySet<SegmentFile>,
  pool: FdPool,
  warn: (message: string) => void,
): { segment: Segment; recovered: RecoveredRecord[] } | undefined {
  const path = (ext: SegmentFile): string => join(dir, segmentFileName(id, ext));
  const size = statSync(path("seg")).size;
  const sidecar = present.has("idx") ? SegmentIndex.decode(readFileSync(path("idx")), size) : undefined;
  const { index, end } = sidecar === undefined ? scanSegment(path("seg"), warn) : { index: sidecar, end: size };
  const acks = present.has("ack") ? readAckLog(path("ack"), warn) : undefined;
  const offsets = new Uint32Array(index.count);
  for (let no = 1; no < index.count; no++) offsets[no] = offsets[no - 1]! + index.frameSize(no - 1);
  const bodySizes = new Uint32Array(index.count);
  for (let no = 0; no < index.count; no++) bodySizes[no] = index.bodySize(no);
  const segment = new Segment(id, dir, pool, { segmentBytes: end, ackBytes: acks?.end, offsets, bodySizes, records: index.count });
  for (const no of acks?.acked ?? []) segment.markAcked(no);
  const recovered: RecoveredRecord[] = [];
  for (let no = 0; no < index.count; no++) {
    const summary = index.summary(no);
    // unreadable records can never be delivered; counting them as acked (in memory) lets the segment be deleted
    if (summary === undefined) segment.markAcked(no);
    else if (!segment.isAcked(no)) recovered.push({ ref: makeRef(id, no), ...summary, redelivered: true });
  }
  if (!segment.fullyAcked) return { segment, recovered };
  segment.discard();
  // the segment first, its ack log last (as in Segment.unlink); scanning may just have written a sidecar
  for (const ext of ["seg", "idx", "ack"] as const) unlinkIfThere(path(ext));
  return undefined;
}

/** Scans a segment's frames into an index, cuts off a torn tail, and leaves a sidecar so the next start need not scan. */
function scanSegment(segPath: string, warn: (message: string) => void): { index: SegmentIndex; end: number } {
  const buf = readFileSync(segPath);
  const index = new SegmentIndex();
  const scan = scanFrames(buf, MIN_RECORD_PAYLOAD, {
    frame(no, start, end) {
      let summary: RecordSummary | undefined;
      try {
        summary = summarizeRecord(buf, start, end);
      } catch (e) {
        warn(`${segPath}: record ${no} is unreadable and was dropped: ${(e as Error).message}`);
      }
      index.push(end - start + FRAME_HEADER_BYTES, summary);
    },
    skipped(no, offset) {
      warn(`${segPath}: record ${no} at offset ${offset} failed its CRC and was dropped`);
      index.push(buf.readUInt32BE(offset) + FRAME_HEADER_BYTES, undefined);
    },
  });
  if (scan.tornTail !== undefined) {
    warn(`${segPath}: dropped a torn tail of ${buf.length - scan.end} bytes at offset ${scan.end} (${scan.tornTail})`);
    // cut it off so the next start does not log it again (appends never go to a recovered segment)
    truncateSync(segPath, scan.end);
  }
  // the sidecar vouches for these bytes, so they must be on disk before it is
  const fd = openSync(segPath, "r+");
  try {
    fdatasyncSync(fd);
  } finally {
    closeSync(fd);
  }
  writeFileSync(segPath.replace(/\.seg$/, ".idx"), index.encode(scan.end));
  return { index, end: scan.end };
}

function readAckLog(ackPath: string, warn: (message: string) => void): { acked: number[]; end: number } {
  const buf = readFileSync(ackPath);
  const acks = scanAckLog(buf);
  if (acks.bad > 0) warn(`${ackPath}: ignored ${acks.bad} damaged ack entries; those messages will be redelivered`);
  // appends continue after the last intact entry
  if (acks.end < buf.length) truncateSync(ackPath, acks.end);
  return acks;
}

function unlinkIfThere(path: string): void {
  try {
    unlinkSync(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
  }
}
