import { close, constants, fdatasync, fsync, open, read, readSync, rename, write } from "node:fs";
import { dirname } from "node:path";

// Callback fs calls wrapped by hand: util.promisify loses the overload types, and fs/promises wants FileHandles.

/** Writes all of buf at pos (regular files may still return short writes, e.g. when the disk fills). */
export async function writeAt(fd: number, buf: Buffer, pos: number): Promise<void> {
  let done = 0;
  while (done < buf.length) {
    done += await new Promise<number>((resolve, reject) =>
      write(fd, buf, done, buf.length - done, pos + done, (e, n) => (e ? reject(e) : resolve(n))),
    );
  }
}

/** Reads exactly len bytes at pos; a shorter file means the data is not there. */
export async function readAt(fd: number, len: number, pos: number): Promise<Buffer> {
  const buf = Buffer.allocUnsafe(len);
  let done = 0;
  while (done < len) {
    const n = await new Promise<number>((resolve, reject) => read(fd, buf, done, len - done, pos + done, (e, k) => (e ? reject(e) : resolve(k))));
    if (n === 0) throw new RangeError(`file ends before offset ${pos + len}`);
    done += n;
  }
  return buf;
}

export function readAtSync(fd: number, len: number, pos: number): Buffer {
  const buf = Buffer.allocUnsafe(len);
  let done = 0;
  while (done < len) {
    const n = readSync(fd, buf, done, len - done, pos + done);
    if (n === 0) throw new RangeError(`file ends before offset ${pos + len}`);
    done += n;
  }
  return buf;
}

/** fdatasync: the data and the size needed to read it back, without the mtime an fsync would also flush. */
export const datasync = (fd: number): Promise<void> => new Promise((resolve, reject) => fdatasync(fd, (e) => (e ? reject(e) : resolve())));

const fsyncFd = (fd: number): Promise<void> => new Promise((resolve, reject) => fsync(fd, (e) => (e ? reject(e) : resolve())));
const openFd = (path: string, flags: number): Promise<number> =>
  new Promise((resolve, reject) => open(path, flags, 0o644, (e, fd) => (e ? reject(e) : resolve(fd))));
const closeFd = (fd: number): Promise<void> => new Promise((resolve, reject) => close(fd, (e) => (e ? reject(e) : resolve())));

/** Makes a directory's entries (files created, renamed, removed in it) durable. */
export async function fsyncDir(dir: string): Promise<void> {
  const fd = await openFd(dir, constants.O_RDONLY | constants.O_DIRECTORY);
  try {
    await fsyncFd(fd);
  } finally {
    await closeFd(fd);
  }
}

/** Replaces path atomically: write a temp file, fsync it, rename it over path, fsync the directory. */
export async function replaceFileDurably(path: string, data: Buffer): Promise<void> {
  const tmp = `${path}.tmp`;
  const fd = await openFd(tmp, constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC);
  try {
    await writeAt(fd, data, 0);
    await fsyncFd(fd);
  } finally {
    await closeFd(fd);
  }
  await new Promise<void>((resolve, reject) => rename(tmp, path, (e) => (e ? reject(e) : resolve())));
  await fsyncDir(dirname(path));
}
