import { readFileSync, truncateSync } from "node:fs";
import { mkdir, readdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { fsyncDir, replaceFileDurably } from "./file-io.js";
import { FRAME_HEADER_BYTES, scanFrames } from "./frame.js";
import { GroupCommit } from "./group-commit.js";
import { LogFile } from "./log-file.js";
import { frameInto, MetadataState, parseChanges } from "./metadata-state.js";
import type { JsonValue, MetadataChange, MetadataKind, MetadataSnapshot, MetadataStore } from "./metadata-store.js";

export interface FileMetadataStoreOptions {
  /** The log is compacted into a snapshot once it is larger than this and than the last snapshot (default 4 MiB). */
  readonly compactAfterBytes?: number;
  readonly onWarning?: (message: string) => void;
}

const payloadEncoder = { encodeInto: frameInto };
const MIN_PAYLOAD = 2; // "[]"
const FILE = /^(snapshot|log)\.(\d+)$/;

/**
 * Definitions in a directory: snapshot.G (a compacted log, written to a temp file, fsynced, renamed, directory
 * fsynced) plus log.G (changes since, appended and group-committed). Start-up replays the newest snapshot and
 * its log; compaction writes snapshot.G+1 and only then moves on to log.G+1, so every crash point has a whole state.
 */
class FileMetadataStore implements MetadataStore {
  private readonly state = new MetadataState();
  private readonly commit: GroupCommit;
  private readonly warn: (message: string) => void;
  private readonly compactAfterBytes: number;
  private log: LogFile<Buffer> | undefined;
  private generation = 0;
  private snapshotBytes = 0;
  private compacting = false;

  constructor(
    private readonly dir: string,
    options: FileMetadataStoreOptions,
  ) {
    this.warn = options.onWarning ?? ((m: string) => process.emitWarning(m, "WarrenStore"));
    this.compactAfterBytes = options.compactAfterBytes ?? 4 * 1024 * 1024;
    this.commit = new GroupCommit(this.warn, () => this.maybeCompact());
  }

  async load(): Promise<MetadataSnapshot> {
    if (this.log !== undefined) return this.state.snapshot();
    await mkdir(this.dir, { recursive: true });
    await fsyncDir(join(this.dir, ".."));
    const names = await readdir(this.dir);
    const snapshots = names.flatMap((n) => {
      const m = FILE.exec(n);
      return m?.[1] === "snapshot" ? [Number(m[2])] : [];
    });
    const g = Math.max(0, ...snapshots);
    if (g > 0) this.snapshotBytes = this.replay(this.path("snapshot", g)).end;
    const logPath = this.path("log", g);
    const logEnd = names.includes(`log.${g}`) ? this.replay(logPath).end : undefined;
    // older generations were compacted into snapshot.g; a .tmp is a snapshot that never got renamed
    for (const n of names) {
      const m = FILE.exec(n);
      if (n.endsWith(".tmp") || (m !== null && Number(m[2]) !== g)) await rm(join(this.dir, n), { force: true });
    }
    this.generation = g;
    this.log = new LogFile(logPath, payloadEncoder, undefined, logEnd === undefined ? undefined : { size: logEnd });
    return this.state.snapshot();
  }

  apply(changes: readonly MetadataChange[]): Promise<void> {
    const log = this.log;
    if (log === undefined) return Promise.reject(new Error("metadata store used before load()"));
    let payload: Buffer;
    try {
      payload = this.state.apply(changes);
    } catch (e) {
      return Promise.reject(e);
    }
    log.add(payload, FRAME_HEADER_BYTES + payload.length);
    this.commit.fileChanged(log);
    return this.commit.flush();
  }

  put(kind: MetadataKind, key: string, value: JsonValue): Promise<void> {
    return this.apply([{ op: "put", kind, key, value }]);
  }

  delete(kind: MetadataKind, key: string): Promise<void> {
    return this.apply([{ op: "delete", kind, key }]);
  }

  async close(): Promise<void> {
    await this.commit.drain();
    this.log?.closeIfIdle();
  }

  private path(what: "snapshot" | "log", g: number): string {
    return join(this.dir, `${what}.${g}`);
  }

  /** Applies a file's intact frames; a torn tail is logged and cut off so appends continue after intact data. */
  private replay(path: string): { end: number } {
    const buf = readFileSync(path);
    const scan = scanFrames(buf, MIN_PAYLOAD, {
      frame: (i, start, end) => {
        try {
          this.state.apply(parseChanges(buf.subarray(start, end)));
        } catch (e) {
          this.warn(`${path}: change ${i} is unreadable and was skipped: ${(e as Error).message}`);
        }
      },
      skipped: (i, offset) => this.warn(`${path}: change ${i} at offset ${offset} failed its CRC and was skipped`),
    });
    if (scan.tornTail !== undefined) {
      this.warn(`${path}: dropped a torn tail of ${buf.length - scan.end} bytes at offset ${scan.end} (${scan.tornTail})`);
      truncateSync(path, scan.end);
    }
    return { end: scan.end };
  }

  /** After a batch: a log grown past its threshold and the snapshot's size is compacted at the next batch's start. */
  private maybeCompact(): void {
    const log = this.log;
    if (this.compacting || log === undefined || log.written <= Math.max(this.compactAfterBytes, this.snapshotBytes)) return;
    this.compacting = true;
    void this.commit.addTask(() => this.compact()).finally(() => (this.compacting = false));
  }

  private async compact(): Promise<void> {
    const g = this.generation + 1;
    // taken now, so it holds every change applied so far, including those still queued for the old log
    const data = this.state.encode();
    await replaceFileDurably(this.path("snapshot", g), data);
    const old = this.log!;
    const next = new LogFile<Buffer>(this.path("log", g), payloadEncoder, undefined, undefined);
    // changes queued meanwhile may postdate the snapshot: they go to the new log, in order
    for (const p of old.takePending()) next.add(p, FRAME_HEADER_BYTES + p.length);
    this.log = next;
    if (next.hasPending) this.commit.fileChanged(next);
    const oldSnapshot = this.generation > 0 ? this.path("snapshot", this.generation) : undefined;
    this.generation = g;
    this.snapshotBytes = data.length;
    await old.remove();
    if (oldSnapshot !== undefined) await rm(oldSnapshot, { force: true });
  }
}

/** The local-disk metadata store under dir. */
export function openFileMetadataStore(dir: string, options: FileMetadataStoreOptions = {}): MetadataStore {
  return new FileMetadataStore(dir, options);
}

