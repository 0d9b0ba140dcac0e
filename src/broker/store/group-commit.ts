import { dirname } from "node:path";
import { fsyncDir } from "./file-io.js";

/** What a batch writes: a LogFile, seen only through what the commit needs. */
export interface CommitFile {
  readonly path: string;
  readonly hasPending: boolean;
  /** Writes and syncs what is queued; true when that created the file. */
  writePending(): Promise<boolean>;
}

/** Counters that show the batching at work (tests assert on them; benchmarks report them). */
export interface CommitStats {
  batches: number;
  writes: number;
  syncs: number;
  failedBatches: number;
}

interface Deferred {
  readonly promise: Promise<void>;
  resolve(): void;
  reject(e: unknown): void;
}

function deferred(): Deferred {
  let resolve!: () => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  // nobody may be waiting on a batch; its failure is reported through onWarning, not as an unhandled rejection
  promise.catch(() => {});
  return { promise, resolve, reject };
}

/** After a failed batch (say ENOSPC), wait before retrying so a full disk does not spin the event loop. */
const RETRY_DELAY_MS = 250;

/**
 * Group commit: everything queued during an event-loop turn (appends to any number of files, plus maintenance
 * tasks such as unlinks) goes out as one batch — one write and one fdatasync per dirty file, one fsync per
 * directory that gained a file — and one promise settles for all of it. One batch runs at a time; what arrives
 * meanwhile forms the next, so batches grow with load instead of fsyncs multiplying.
 */
export class GroupCommit {
  readonly stats: CommitStats = { batches: 0, writes: 0, syncs: 0, failedBatches: 0 };
  private readonly dirty = new Set<CommitFile>();
  private readonly dirs = new Set<string>();
  private tasks: (() => Promise<void>)[] = [];
  private next: Deferred | undefined;
  private running: Promise<void> | undefined;
  private scheduled = false;

  constructor(
    private readonly warn: (message: string) => void,
    /** Runs after each successful batch, inside it (cache trimming, compaction checks). */
    private readonly afterBatch: () => void = () => {},
  ) {}

  fileChanged(file: CommitFile): void {
    this.dirty.add(file);
    this.schedule();
  }

  /** The directory's entries must be durable by the end of the next batch (a directory was created in it). */
  syncDir(dir: string): void {
    this.dirs.add(dir);
    this.schedule();
  }

  /** Runs task at the start of the next batch, before its writes; the promise settles when the task has run. */
  addTask(task: () => Promise<void>): Promise<void> {
    const done = deferred();
    this.tasks.push(() => task().then(done.resolve, (e: unknown) => (done.reject(e), Promise.reject(e))));
    this.schedule();
    return done.promise;
  }

  /** Settles once everything queued before this call is on disk (rejects if its batch failed). */
  flush(): Promise<void> {
    if (this.hasWork()) {
      this.next ??= deferred();
      this.schedule();
      return this.next.promise;
    }
    return this.running ?? Promise.resolve();
  }

  /** Waits until nothing is queued or running (retrying failed batches). */
  async drain(): Promise<void> {
    while (this.hasWork() || this.running !== undefined) await this.flush();
  }

  private hasWork(): boolean {
    return this.dirty.size > 0 || this.dirs.size > 0 || this.tasks.length > 0;
  }

  private schedule(delay = 0): void {
    if (this.scheduled || this.running !== undefined) return;
    this.scheduled = true;
    // setImmediate runs after this turn's I/O callbacks, so every publish read in the turn joins the batch
    const start = (): void => {
      this.scheduled = false;
      void this.run();
    };
    if (delay > 0) setTimeout(start, delay);
    else setImmediate(start);
  }

  private async run(): Promise<void> {
    if (!this.hasWork()) return;
    const batch = this.next ?? deferred();
    this.next = undefined;
    this.running = batch.promise;
    let failed = false;
    try {
      await this.writeBatch();
      batch.resolve();
    } catch (e) {
      failed = true;
      this.stats.failedBatches++;
      this.warn(`store write failed, will retry: ${(e as Error).message}`);
      batch.reject(e);
    }
    this.running = undefined;
    if (this.hasWork()) this.schedule(failed ? RETRY_DELAY_MS : 0);
    else this.settleWaiters();
  }

  /** Flushes called while a batch ran, for work that batch then took (files are taken after its tasks), are done. */
  private settleWaiters(): void {
    const waiting = this.next;
    this.next = undefined;
    waiting?.resolve();
  }

  private async writeBatch(): Promise<void> {
    this.stats.batches++;
    for (const task of this.tasks.splice(0)) {
      await task().catch((e: unknown) => this.warn(`store maintenance failed: ${(e as Error).message}`));
    }
    const files = [...this.dirty];
    this.dirty.clear();
    const dirs = new Set(this.dirs);
    this.dirs.clear();
    const results = await Promise.allSettled(
      files.map(async (f) => {
        if (!f.hasPending) return;
        this.stats.writes++;
        this.stats.syncs++;
        if (await f.writePending()) dirs.add(dirname(f.path));
      }),
    );
    let error: unknown;
    results.forEach((r, i) => {
      if (r.status === "fulfilled") return;
      error ??= r.reason;
      this.dirty.add(files[i]!);
    });
    const dirList = [...dirs];
    const dirResults = await Promise.allSettled(
      dirList.map((d) => {
        this.stats.syncs++;
        return fsyncDir(d);
      }),
    );
    dirResults.forEach((r, i) => {
      if (r.status === "fulfilled") return;
      error ??= r.reason;
      this.dirs.add(dirList[i]!);
    });
    if (error !== undefined) throw error;
    this.afterBatch();
  }
}
