import { closeSync, constants, openSync, unlink } from "node:fs";
import type { FdPool, PooledFile } from "./fd-pool.js";
import { datasync, readAt, readAtSync, writeAt } from "./file-io.js";
import { releaseWriteBuffer, takeWriteBuffer } from "./write-buffers.js";

export interface ItemEncoder<T> {
  /** Writes item at `at`; returns the bytes written (the size the item was added with). */
  encodeInto(buf: Buffer, at: number, item: T): number;
}

const OPEN_FLAGS = constants.O_RDWR | constants.O_CREAT;

/**
 * An append-only file written by the group commit: add() queues an item and returns its offset at once; the next
 * batch encodes everything queued into one buffer, writes it with one call and fdatasyncs it. A failed write keeps
 * its items queued, to be written again at the same offset.
 */
export class LogFile<T> implements PooledFile {
  /** Bytes written and synced by finished batches: what reads from disk may cover. */
  written: number;
  private pending: T[] = [];
  private pendingBytes = 0;
  private inFlightBytes = 0;
  private fd: number | undefined;
  private busy = 0;
  private onDisk: boolean;
  // created by open() but not yet reported to the commit (whose directory fsync makes the creation durable)
  private createdUnreported = false;
  private gone = false;

  constructor(
    readonly path: string,
    private readonly encoder: ItemEncoder<T>,
    private readonly pool: FdPool | undefined,
    existing: { size: number } | undefined,
  ) {
    this.written = existing?.size ?? 0;
    this.onDisk = existing !== undefined;
  }

  /** The logical end: written, being written, and queued bytes. */
  get end(): number {
    return this.written + this.inFlightBytes + this.pendingBytes;
  }

  get hasPending(): boolean {
    return this.pendingBytes > 0 && !this.gone;
  }

  add(item: T, bytes: number): number {
    const at = this.end;
    this.pending.push(item);
    this.pendingBytes += bytes;
    return at;
  }

  /** Hands over the queued items (to move them to another file); only between batches. */
  takePending(): T[] {
    const items = this.pending;
    this.pending = [];
    this.pendingBytes = 0;
    return items;
  }

  /** Writes and syncs what is queued; true when this created the file (its directory then needs an fsync too). */
  async writePending(): Promise<boolean> {
    if (!this.hasPending) return false;
    const items = this.pending;
    const len = this.pendingBytes;
    this.pending = [];
    this.pendingBytes = 0;
    this.inFlightBytes = len;
    const buf = takeWriteBuffer(len);
    let at = 0;
    for (const item of items) at += this.encoder.encodeInto(buf, at, item);
    this.busy++;
    try {
      const fd = this.open();
      await writeAt(fd, buf.subarray(0, len), this.written);
      await datasync(fd);
      this.written += len;
      const created = this.createdUnreported;
      this.createdUnreported = false;
      return created;
    } catch (e) {
      this.pending = items.concat(this.pending);
      this.pendingBytes += len;
      throw e;
    } finally {
      releaseWriteBuffer(buf);
      this.inFlightBytes = 0;
      this.released();
    }
  }

  readSync(offset: number, len: number): Buffer {
    return readAtSync(this.open(), len, offset);
  }

  async read(offset: number, len: number): Promise<Buffer> {
    this.busy++;
    try {
      return await readAt(this.open(), len, offset);
    } finally {
      this.released();
    }
  }

  /** Nothing more is written; the descriptor closes once no call is using it. */
  discard(): void {
    this.gone = true;
    this.pending = [];
    this.pendingBytes = 0;
    this.closeIfIdle();
  }

  /** Discards and unlinks (a missing file is already what we want). */
  async remove(): Promise<void> {
    this.discard();
    if (!this.onDisk) return;
    await new Promise<void>((resolve, reject) => unlink(this.path, (e) => (e && e.code !== "ENOENT" ? reject(e) : resolve())));
  }

  closeIfIdle(): boolean {
    if (this.fd === undefined || this.busy > 0) return false;
    closeSync(this.fd);
    this.fd = undefined;
    this.pool?.forget(this);
    return true;
  }

  /** A call finished with the descriptor: close it if removed, or if the pool is over its limit. */
  private released(): void {
    this.busy--;
    if (this.gone) this.closeIfIdle();
    else this.pool?.trim();
  }

  private open(): number {
    if (this.gone) throw new Error(`${this.path} was removed`);
    if (this.fd === undefined) {
      this.fd = openSync(this.path, OPEN_FLAGS, 0o644);
      if (!this.onDisk) this.createdUnreported = true;
      this.onDisk = true;
    }
    this.pool?.used(this);
    return this.fd;
  }
}
