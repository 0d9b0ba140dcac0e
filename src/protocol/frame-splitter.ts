import { DecodeError, frameError, payloadSnippet } from "./errors.js";
import { FRAME_END } from "./methods.generated.js";
import { FRAME_HEADER_SIZE, FRAME_OVERHEAD, type Frame, validateFrame } from "./frame.js";

const EMPTY = Buffer.alloc(0);

/** Push socket chunks, pull frames: straddling frames are copied only once size-checked and fully arrived, so an announced size alone never allocates. */
export class FrameSplitter {
  private cur: Buffer = EMPTY;
  private pos = 0;
  private readonly queue: Buffer[] = [];
  private qHead = 0;
  private queued = 0;

  /** frameMax is the negotiated frame_max (payload + 8); 0 means no limit, so buffering is bounded only by bytes received. */
  constructor(public frameMax: number) {}

  /** Bytes received but not yet returned as frames. */
  get buffered(): number {
    return this.cur.length - this.pos + this.queued;
  }

  push(chunk: Buffer): void {
    if (chunk.length === 0) return;
    if (this.pos === this.cur.length && this.queued === 0) {
      this.cur = chunk;
      this.pos = 0;
      return;
    }
    this.queue.push(chunk);
    this.queued += chunk.length;
  }

  /** The next complete frame, or undefined until more bytes arrive; throws a ProtocolError for a bad frame. */
  next(): Frame | undefined {
    for (;;) {
      const avail = this.cur.length - this.pos;
      if (avail === 0 && this.queued > 0) {
        this.shift();
        continue;
      }
      if (avail < FRAME_HEADER_SIZE) {
        if (avail + this.queued < FRAME_HEADER_SIZE) return undefined;
        this.gather(FRAME_HEADER_SIZE);
        continue;
      }
      const b = this.cur;
      const p = this.pos;
      const type = b[p]!;
      const size = b.readUInt32BE(p + 3);
      if (this.frameMax > 0 && size > this.frameMax - FRAME_OVERHEAD) {
        throw frameError(`type ${type}, all octets = <<>>: {frame_too_large,${size},${this.frameMax - FRAME_OVERHEAD}}`);
      }
      const total = size + FRAME_OVERHEAD;
      if (avail < total) {
        if (avail + this.queued < total) return undefined;
        this.gather(total);
        continue;
      }
      const payload = b.subarray(p + FRAME_HEADER_SIZE, p + FRAME_HEADER_SIZE + size);
      const end = b[p + total - 1]!;
      if (end !== FRAME_END) throw frameError(`type ${type}, ${payloadSnippet(payload)}: {invalid_frame_end_marker,${end}}`);
      const channel = (b[p + 1]! << 8) | b[p + 2]!;
      this.pos = p + total;
      if (this.pos === b.length && this.queued === 0) this.release();
      validateFrame(type, channel, payload);
      return { type, channel, payload };
    }
  }

  /** Drops everything buffered (after a fatal error, or when the connection goes away). */
  reset(): void {
    this.release();
    this.queue.length = 0;
    this.qHead = 0;
    this.queued = 0;
  }

  private release(): void {
    this.cur = EMPTY;
    this.pos = 0;
  }

  private shift(): void {
    const next = this.queue[this.qHead]!;
    this.queue[this.qHead++] = EMPTY;
    this.queued -= next.length;
    this.compact();
    this.cur = next;
    this.pos = 0;
  }

  /** Drops consumed queue slots so a long-lived splitter does not accumulate them. */
  private compact(): void {
    if (this.qHead === this.queue.length) {
      this.queue.length = 0;
      this.qHead = 0;
    } else if (this.qHead > 1024) {
      this.queue.splice(0, this.qHead);
      this.qHead = 0;
    }
  }

  /** Makes cur hold at least n bytes from pos by copying exactly n; the caller checked they have arrived. */
  private gather(n: number): void {
    const out = Buffer.allocUnsafe(n);
    let filled = this.cur.copy(out, 0, this.pos);
    while (filled < n) {
      const chunk = this.queue[this.qHead]!;
      const take = Math.min(chunk.length, n - filled);
      chunk.copy(out, filled, 0, take);
      filled += take;
      this.queued -= take;
      if (take === chunk.length) {
        this.queue[this.qHead++] = EMPTY;
      } else {
        this.queue[this.qHead] = chunk.subarray(take);
      }
    }
    this.compact();
    this.cur = out;
    this.pos = 0;
  }
}

/** Exactly one complete frame from a buffer (tests, relays); the same checks as the splitter. */
export function parseFrame(bytes: Buffer, frameMax = 0): Frame {
  const s = new FrameSplitter(frameMax);
  s.push(bytes);
  const f = s.next();
  if (f === undefined) throw new DecodeError(`incomplete frame: ${bytes.length} bytes`);
  if (s.buffered !== 0) throw new DecodeError(`${s.buffered} bytes after the frame`);
  return f;
}
