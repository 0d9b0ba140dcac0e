import type { FdPool } from "./fd-pool.js";
import type { GroupCommit } from "./group-commit.js";
import type { RecordCache } from "./record-cache.js";

/** What every queue log of one message store shares. */
export interface StoreContext {
  readonly commit: GroupCommit;
  readonly cache: RecordCache;
  readonly pool: FdPool;
  /** Size at which a queue's appends roll over to a new segment. */
  readonly segmentBytes: number;
  readonly warn: (message: string) => void;
}

/** A record read back from disk failed its length or CRC check. */
export class CorruptRecordError extends Error {
  override readonly name = "CorruptRecordError";
}
