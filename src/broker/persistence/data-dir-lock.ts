import { closeSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import { join } from "node:path";

/** The lock file in a node's database directory, naming the pid that holds it. */
export const LOCK_FILE = ".lock";

// brokers of this process (tests run several): the pid in the file cannot tell them apart
const heldHere = new Set<string>();

/** A second node on the same database directory: two writers would each take the other's files for torn. */
export class DataDirLockedError extends Error {
  override readonly name = "DataDirLockedError";
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Takes the database directory for this node (a lock file created exclusively, holding our pid), or throws
 * DataDirLockedError naming the live process that has it; a lock left by a dead process is taken over.
 * Returns the release function.
 */
export function lockDataDir(dbDir: string): () => void {
  const path = join(dbDir, LOCK_FILE);
  if (heldHere.has(path)) throw new DataDirLockedError(`${dbDir} is in use by another node in this process`);
  for (let attempt = 0; ; attempt++) {
    let fd: number;
    try {
      fd = openSync(path, "wx", 0o644);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST" || attempt > 0) throw e;
      const pid = Number.parseInt(readFileOr(path), 10);
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid)) throw new DataDirLockedError(`${dbDir} is in use by process ${pid}`);
      // stale: its holder died (kill -9 leaves it behind), or it is ours from a node of this process that did not close
      rmSync(path, { force: true });
      continue;
    }
    writeSync(fd, `${process.pid}\n`);
    closeSync(fd);
    heldHere.add(path);
    return () => {
      heldHere.delete(path);
      rmSync(path, { force: true });
    };
  }
}

function readFileOr(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return "";
  }
}
