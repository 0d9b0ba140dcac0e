import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

/** The pid a pid file names, if that process is still alive. */
export function livePid(path: string): number | undefined {
  let pid: number;
  try {
    pid = Number.parseInt(readFileSync(path, "utf8"), 10);
  } catch {
    return undefined;
  }
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  try {
    process.kill(pid, 0);
    return pid;
  } catch (e) {
    // EPERM: alive, but someone else's
    return (e as NodeJS.ErrnoException).code === "EPERM" ? pid : undefined;
  }
}

/** Writes this process's pid (rabbitmqctl stop/wait read it) and returns the function that removes it again. */
export function writePidFile(path: string): () => void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${process.pid}\n`);
  return () => {
    // only our own pid file: a newer node may have taken the name since
    if (livePid(path) === process.pid) rmSync(path, { force: true });
  };
}
