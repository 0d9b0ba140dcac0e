import { crc32 } from "node:zlib";

/** An ack log entry: u32 record number, u32 CRC-32 of those 4 bytes, so a torn or flipped entry is never read as an ack. */
export const ACK_ENTRY_BYTES = 8;

export function encodeAckInto(buf: Buffer, at: number, recordNo: number): number {
  buf.writeUInt32BE(recordNo, at);
  buf.writeUInt32BE(crc32(buf.subarray(at, at + 4)), at + 4);
  return ACK_ENTRY_BYTES;
}

export interface AckLogScan {
  readonly acked: number[];
  /** Offset after the last intact entry: appends continue there. */
  readonly end: number;
  /** Entries (or a partial entry) that failed their check; their messages come back rather than vanish. */
  readonly bad: number;
}

export function scanAckLog(buf: Buffer): AckLogScan {
  const acked: number[] = [];
  let end = 0;
  let bad = 0;
  for (let at = 0; at < buf.length; at += ACK_ENTRY_BYTES) {
    if (at + ACK_ENTRY_BYTES > buf.length || crc32(buf.subarray(at, at + 4)) !== buf.readUInt32BE(at + 4)) {
      bad++;
      continue;
    }
    acked.push(buf.readUInt32BE(at));
    end = at + ACK_ENTRY_BYTES;
  }
  return { acked, end, bad };
}
