import { MAX_SEGMENT_RECORDS } from "./record-ref.js";
import type { MessageRecord } from "./message-record.js";
import type { Segment } from "./segment.js";

interface Entry {
  readonly segment: Segment;
  readonly no: number;
  readonly record: MessageRecord;
  readonly bytes: number;
}

/**
 * Records kept in memory so recent messages are delivered without a disk read: every record until its batch is
 * written (it can be read from nowhere else), then the most recent ones within a byte budget.
 */
export class RecordCache {
  // keyed by segment uid and record number; a Map iterates in insertion order: oldest first, the eviction order
  private readonly entries = new Map<number, Entry>();
  private cachedBytes = 0;

  constructor(private readonly budget: number) {}

  get bytes(): number {
    return this.cachedBytes;
  }

  put(segment: Segment, no: number, record: MessageRecord): void {
    const bytes = segment.sizeOf(no);
    this.entries.set(keyOf(segment, no), { segment, no, record, bytes });
    this.cachedBytes += bytes;
  }

  get(segment: Segment, no: number): MessageRecord | undefined {
    return this.entries.get(keyOf(segment, no))?.record;
  }

  delete(segment: Segment, no: number): void {
    const key = keyOf(segment, no);
    const e = this.entries.get(key);
    if (e === undefined) return;
    this.entries.delete(key);
    this.cachedBytes -= e.bytes;
  }

  /** Drops the oldest records already on disk until the budget holds (called after each batch, not per append). */
  trim(): void {
    if (this.cachedBytes <= this.budget) return;
    for (const [key, e] of this.entries) {
      if (this.cachedBytes <= this.budget) return;
      if (!e.segment.isWritten(e.no)) continue;
      this.entries.delete(key);
      this.cachedBytes -= e.bytes;
    }
  }
}

const keyOf = (segment: Segment, no: number): number => segment.uid * MAX_SEGMENT_RECORDS + no;
