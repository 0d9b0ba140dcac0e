import { statfs } from "node:fs";

export interface DiskSpace {
  /** Bytes an unprivileged process may still write (statfs bavail: root's reserved blocks excluded). */
  readonly freeBytes: number;
  readonly totalBytes: number;
}

/** The space of the file system holding dir, without blocking the event loop (the disk alarm polls this). */
export function diskSpace(dir: string): Promise<DiskSpace> {
  return new Promise((resolve, reject) =>
    statfs(dir, (e, s) => (e ? reject(e) : resolve({ freeBytes: s.bavail * s.bsize, totalBytes: s.blocks * s.bsize }))),
  );
}
