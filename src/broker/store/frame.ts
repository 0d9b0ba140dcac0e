import { crc32 } from "node:zlib";

/** Every record on disk is framed: u32 payload length, u32 CRC-32 of the payload, then the payload. */
export const FRAME_HEADER_BYTES = 8;
/** Lengths are u32; a larger payload could not be framed. */
export const MAX_PAYLOAD_BYTES = 0xffff_ffff;

/** Writes the header of a payload already placed at at + 8; returns the frame's size. */
export function sealFrame(buf: Buffer, at: number, payloadBytes: number): number {
  buf.writeUInt32BE(payloadBytes, at);
  buf.writeUInt32BE(crc32(buf.subarray(at + FRAME_HEADER_BYTES, at + FRAME_HEADER_BYTES + payloadBytes)), at + 4);
  return FRAME_HEADER_BYTES + payloadBytes;
}

/** Whether a whole frame with a matching CRC starts at `at` (a payload shorter than minPayload never does). */
export function isFrameAt(buf: Buffer, at: number, minPayload: number): boolean {
  if (at + FRAME_HEADER_BYTES > buf.length) return false;
  const len = buf.readUInt32BE(at);
  const end = at + FRAME_HEADER_BYTES + len;
  return len >= minPayload && end <= buf.length && crc32(buf.subarray(at + FRAME_HEADER_BYTES, end)) === buf.readUInt32BE(at + 4);
}

export interface FrameVisitor {
  /** An intact frame: its index (skipped frames count too, so indexes stay record numbers) and payload bounds. */
  frame(index: number, payloadStart: number, payloadEnd: number): void;
  /** A frame whose CRC failed but whose length led to another intact frame: only this one is lost. */
  skipped(index: number, offset: number): void;
}

export interface FrameScan {
  /** Frames seen, intact or skipped: the next record number. */
  readonly frames: number;
  /** Offset after the last frame kept; bytes past it are the torn tail. */
  readonly end: number;
  /** Why scanning stopped before the end of buf, when it did. */
  readonly tornTail: string | undefined;
}

/**
 * Walks the frames of a log. A bad frame followed by an intact one (a flipped byte inside a payload) is skipped;
 * a bad frame with nothing intact after it is the torn tail of a crash, and scanning stops there.
 */
export function scanFrames(buf: Buffer, minPayload: number, visit: FrameVisitor): FrameScan {
  let at = 0;
  let index = 0;
  while (at < buf.length) {
    if (at + FRAME_HEADER_BYTES > buf.length) return { frames: index, end: at, tornTail: "partial frame header" };
    const len = buf.readUInt32BE(at);
    const end = at + FRAME_HEADER_BYTES + len;
    if (len < minPayload) return { frames: index, end: at, tornTail: `impossible frame length ${len}` };
    if (end > buf.length) return { frames: index, end: at, tornTail: `frame of ${len} bytes cut short` };
    if (crc32(buf.subarray(at + FRAME_HEADER_BYTES, end)) === buf.readUInt32BE(at + 4)) {
      visit.frame(index, at + FRAME_HEADER_BYTES, end);
    } else if (isFrameAt(buf, end, minPayload)) {
      visit.skipped(index, at);
    } else {
      return { frames: index, end: at, tornTail: "CRC mismatch" };
    }
    index++;
    at = end;
  }
  return { frames: index, end: at, tornTail: undefined };
}
