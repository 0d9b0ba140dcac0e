/**
 * Buffers for the group commit's batch writes, handed back once a write is done: a busy store writes a batch every
 * few milliseconds, and a fresh buffer each time is a steady stream of native garbage that the allocator keeps as
 * resident memory long after the garbage collector frees it.
 */

/** Buffers kept for reuse; a batch rarely has more files in flight at once. */
const KEPT = 4;
/** Larger batches get a buffer of their own, not kept. */
const MAX_KEPT_BYTES = 4 * 1024 * 1024;
/** Kept buffers are at least this big, so small and medium batches share them. */
const MIN_BYTES = 256 * 1024;

const free: Buffer[] = [];

/** A buffer of at least `len` bytes; only its first `len` are the caller's, and it must go back through release(). */
export function takeWriteBuffer(len: number): Buffer {
  if (len > MAX_KEPT_BYTES) return Buffer.allocUnsafeSlow(len);
  const i = free.findIndex((b) => b.length >= len);
  if (i >= 0) return free.splice(i, 1)[0]!;
  return Buffer.allocUnsafeSlow(Math.max(MIN_BYTES, len));
}

/** The write that used it is finished (nothing else holds a view of it). */
export function releaseWriteBuffer(buf: Buffer): void {
  if (buf.length > MAX_KEPT_BYTES || free.length >= KEPT) return;
  free.push(buf);
}
