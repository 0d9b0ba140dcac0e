import { closeSync, openSync, readSync, unlinkSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * Where the bodies of a long queue's tail wait on disk: a FIFO byte stream in segment files that are unlinked as
 * soon as they are opened (nothing is left behind, even after kill -9), read back in batches as the queue's head
 * gets near. RabbitMQ pages transient messages to disk too; it keeps a big backlog from living in RSS.
 */

/** Segments rotate at this size, and a segment read to its end is closed, so the files track the backlog, not the traffic. */
const SEGMENT_BYTES = 64 * 1024 * 1024;
/** Appends are written together once this much waits (one write instead of a syscall per message). */
const WRITE_BATCH_BYTES = 256 * 1024;

let spillDirectory = tmpdir();
let fileCount = 0;

/** The node's data directory, when it has one: paged bodies go there rather than to a /tmp that may be RAM. */
export function setSpillDirectory(dir: string): void {
  spillDirectory = dir;
}

interface Segment {
  readonly fd: number;
  /** Bytes written to it. */
  size: number;
  /** Bytes read back from it. */
  read: number;
}

/** One ready list's paged bodies, in the order they were appended; read() takes them back in that order. */
export class BodyPager {
  private readonly segments: Segment[] = [];
  /** Appended, not yet on disk: they come after everything in the segments. */
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  /** Set when the disk refused a write: from then on bodies stay in `pending`, nothing is lost. */
  private diskFailed = false;

  append(body: Buffer): void {
    this.pending.push(body);
    this.pendingBytes += body.length;
    if (this.pendingBytes >= WRITE_BATCH_BYTES && !this.diskFailed) this.flush();
  }

  /**
   * The next bodies, of the given sizes in order (at most `count` of them, at least one, about `maxBytes` in all):
   * from one segment with a single read, or from what is still waiting to be written.
   */
  read(sizes: readonly number[], from: number, count: number, maxBytes: number): Buffer[] {
    let seg = this.segments[0];
    while (seg !== undefined && seg.read === seg.size && (this.segments.length > 1 || seg.size >= SEGMENT_BYTES)) {
      this.closeFirst();
      seg = this.segments[0];
    }
    if (seg === undefined || seg.read === seg.size) return this.takePending(count);
    // bodies never straddle segments, so whole bodies fit in what is left of this one
    let n = 0;
    let total = 0;
    const left = seg.size - seg.read;
    while (n < count && total + sizes[from + n]! <= left && (n === 0 || total + sizes[from + n]! <= maxBytes)) total += sizes[from + n++]!;
    if (n === 0) throw new Error("paged message bodies: the next body does not fit its segment");
    const buf = Buffer.allocUnsafeSlow(total);
    let got = 0;
    while (got < total) {
      const r = readSync(seg.fd, buf, got, total - got, seg.read + got);
      if (r === 0) throw new Error("paged message bodies: unexpected end of segment");
      got += r;
    }
    seg.read += total;
    const out: Buffer[] = new Array<Buffer>(n);
    for (let i = 0, at = 0; i < n; at += sizes[from + i]!, i++) out[i] = buf.subarray(at, at + sizes[from + i]!);
    return out;
  }

  /** Drops everything (the list was cleared or drained). */
  reset(): void {
    while (this.segments.length > 0) this.closeFirst();
    this.pending = [];
    this.pendingBytes = 0;
  }

  private takePending(count: number): Buffer[] {
    const out = this.pending.splice(0, count);
    for (const b of out) this.pendingBytes -= b.length;
    return out;
  }

  private flush(): void {
    try {
      let seg = this.segments[this.segments.length - 1];
      if (seg === undefined || seg.size + this.pendingBytes > SEGMENT_BYTES) seg = this.openSegment();
      const bytes = Buffer.concat(this.pending, this.pendingBytes);
      for (let done = 0; done < bytes.length; ) {
        const n = writeSync(seg.fd, bytes, done, bytes.length - done, seg.size + done);
        if (n <= 0) throw new Error("the disk took no bytes");
        done += n;
      }
      seg.size += bytes.length;
      this.pending = [];
      this.pendingBytes = 0;
    } catch (e) {
      // a partial write is never read: the segment's size still ends before it
      this.diskFailed = true;
      process.emitWarning(`warren: paging message bodies to ${spillDirectory} failed, keeping them in memory: ${(e as Error).message}`);
    }
  }

  private openSegment(): Segment {
    const path = join(spillDirectory, `.warren-paged-${process.pid}-${++fileCount}`);
    const fd = openSync(path, "w+", 0o600);
    try {
      // an unlinked file lives while it is open: the kernel reclaims it however the process ends
      unlinkSync(path);
    } catch {
      // kept until closed where open files cannot be unlinked
    }
    const seg: Segment = { fd, size: 0, read: 0 };
    this.segments.push(seg);
    return seg;
  }

  private closeFirst(): void {
    const seg = this.segments.shift()!;
    closeSync(seg.fd);
  }
}
