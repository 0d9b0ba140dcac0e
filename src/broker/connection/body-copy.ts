/**
 * Message bodies copied out of socket chunks into slabs of their own: a queued body then pins neither a 64 KB
 * socket chunk nor a slot of Node's shared 8 KB pool between short-lived buffers (which wasted ~13% per 1 KB body).
 */

/** Slab size: big enough to pack bodies tightly, small enough that one long-lived body pins little. */
const SLAB_BYTES = 16 * 1024;
/** Bodies above this get an allocation of their own, so a slab never wastes more than this at its end. */
const MAX_SHARED_BYTES = 2 * 1024;
const EMPTY = Buffer.alloc(0);

let slab = Buffer.allocUnsafeSlow(SLAB_BYTES);
let used = 0;

/** A stored copy of a body that arrived as `parts` (frame payload views), `size` bytes in all. */
export function copyBody(parts: readonly Buffer[], size: number): Buffer {
  if (size === 0) return EMPTY;
  let out: Buffer;
  if (size > MAX_SHARED_BYTES) out = Buffer.allocUnsafeSlow(size);
  else {
    if (used + size > SLAB_BYTES) {
      slab = Buffer.allocUnsafeSlow(SLAB_BYTES);
      used = 0;
    }
    out = slab.subarray(used, used + size);
    used += size;
  }
  let at = 0;
  for (const p of parts) at += p.copy(out, at);
  return out;
}
