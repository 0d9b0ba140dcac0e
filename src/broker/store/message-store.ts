import { createHash } from "node:crypto";
import { mkdir, readdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { FdPool } from "./fd-pool.js";
import { fsyncDir } from "./file-io.js";
import { type CommitStats, GroupCommit } from "./group-commit.js";
import { DELETED_MARK, QueueLog } from "./queue-log.js";
import { RecordCache } from "./record-cache.js";
import type { StoreContext } from "./store-context.js";

export interface MessageStoreOptions {
  /** Appends roll over to a new segment file past this size (default 16 MiB). */
  readonly segmentBytes?: number;
  /** Recently written records kept in memory for delivery without a disk read (default 16 MiB). */
  readonly cacheBytes?: number;
  /** Descriptors kept open across all queues; idle ones beyond it are closed (default 512). */
  readonly maxOpenFiles?: number;
  /** Torn tails dropped, damaged entries skipped, failed writes: things the node log should say. */
  readonly onWarning?: (message: string) => void;
}

// enough for the backlog a queue lets build while its consumers keep up (publisher-flow.ts holds publishers past 2 MB ready),
// small enough that a long backlog costs little RSS beyond its index
const DEFAULT_CACHE_BYTES = 16 * 1024 * 1024;

export interface MessageStoreStats extends CommitStats {
  readonly cachedBytes: number;
  readonly openFiles: number;
}

// queue names are up to 255 bytes plus a vhost: too long and too free-form for file names, so directories are hashes
const dirNameOf = (queueId: string): string => createHash("sha256").update(queueId).digest("hex").slice(0, 32);

/** Every durable queue's messages under one directory, with one group commit across all of them. */
export class MessageStore {
  private readonly queues = new Map<string, QueueLog>();
  private readonly ctx: StoreContext;

  constructor(
    private readonly dir: string,
    options: MessageStoreOptions,
  ) {
    const warn = options.onWarning ?? ((m: string) => process.emitWarning(m, "WarrenStore"));
    const cache = new RecordCache(options.cacheBytes ?? DEFAULT_CACHE_BYTES);
    this.ctx = {
      commit: new GroupCommit(warn, () => cache.trim()),
      cache,
      pool: new FdPool(options.maxOpenFiles ?? 512),
      segmentBytes: options.segmentBytes ?? 16 * 1024 * 1024,
      warn,
    };
  }

  /** The log of the queue with this id (any string that names it uniquely, e.g. vhost and name); one per id. */
  queue(id: string): QueueLog {
    let log = this.queues.get(id);
    if (log === undefined) {
      log = new QueueLog(id, join(this.dir, dirNameOf(id)), this.ctx, (l) => this.queues.delete(l.id));
      this.queues.set(id, log);
    }
    return log;
  }

  /** Settles once everything appended or acked before the call is on disk: what publisher confirms wait for. */
  flush(): Promise<void> {
    return this.ctx.commit.flush();
  }

  /** Removes the messages of queues not in keep (deleted while the broker was down or before a crash finished it). */
  async deleteQueuesExcept(keep: Iterable<string>): Promise<number> {
    const wanted = new Set([...keep, ...this.queues.keys()].map(dirNameOf));
    let removed = 0;
    for (const name of await readdir(this.dir)) {
      if (wanted.has(name) || name.includes(DELETED_MARK)) continue;
      await rm(join(this.dir, name), { recursive: true, force: true });
      removed++;
    }
    return removed;
  }

  stats(): MessageStoreStats {
    return { ...this.ctx.commit.stats, cachedBytes: this.ctx.cache.bytes, openFiles: this.ctx.pool.size };
  }

  /** Writes what is queued, then closes descriptors; the store is not used afterwards. */
  async close(): Promise<void> {
    await this.ctx.commit.drain();
    for (const q of this.queues.values()) q.closeFiles();
  }
}

/** Opens (creating if needed) a message store and clears what a crash left of destroyed queues. */
export async function openMessageStore(dir: string, options: MessageStoreOptions = {}): Promise<MessageStore> {
  await mkdir(dir, { recursive: true });
  await fsyncDir(join(dir, ".."));
  for (const name of await readdir(dir)) {
    if (name.includes(DELETED_MARK)) await rm(join(dir, name), { recursive: true, force: true });
  }
  return new MessageStore(dir, options);
}
