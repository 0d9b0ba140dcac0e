import type { Ready } from "./ready-list.js";
import type { QueueSettings } from "./settings.js";

/** x-max-length / x-max-length-bytes count ready messages only (unacked ones do not count). */
export const isOverLimit = (ready: Ready, s: QueueSettings): boolean => ready.length > s.maxLength || ready.byteLength > s.maxLengthBytes;

/** reject-publish checks before enqueueing: would one more message of `bytes` exceed a limit? */
export const wouldOverflow = (ready: Ready, s: QueueSettings, bytes: number): boolean =>
  ready.length + 1 > s.maxLength || ready.byteLength + bytes > s.maxLengthBytes;
