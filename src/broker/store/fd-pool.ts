/** A file whose descriptor the pool may close while nothing is using it. */
export interface PooledFile {
  closeIfIdle(): boolean;
}

/**
 * Caps the descriptors a store keeps open (a queue with a long backlog has many segments, a broker many queues):
 * the least recently used idle files are closed and reopen on their next use.
 */
export class FdPool {
  // a Set iterates in insertion order, so re-inserting on use keeps it least-recently-used first
  private readonly files = new Set<PooledFile>();

  constructor(private readonly max: number) {}

  /** file is about to be used: it becomes the most recent, and older idle files make room. */
  used(file: PooledFile): void {
    this.files.delete(file);
    this.files.add(file);
    this.trim(file);
  }

  /** Closes the least recently used idle files while over the limit (also when a busy file becomes idle). */
  trim(keep?: PooledFile): void {
    if (this.files.size <= this.max) return;
    for (const f of this.files) {
      if (this.files.size <= this.max) break;
      if (f !== keep) f.closeIfIdle();
    }
  }

  forget(file: PooledFile): void {
    this.files.delete(file);
  }

  get size(): number {
    return this.files.size;
  }
}
