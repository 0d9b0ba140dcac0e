// One node per database directory: a second is refused while the first lives, a dead holder's lock is taken over.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DataDirLockedError, LOCK_FILE, lockDataDir } from "../../../src/broker/persistence/data-dir-lock.js";

const dir = () => mkdtempSync(join(tmpdir(), "warren-lock-"));

describe("lockDataDir", () => {
  it("refuses a second node of this process until the first lets go", () => {
    const d = dir();
    const release = lockDataDir(d);
    expect(readFileSync(join(d, LOCK_FILE), "utf8")).toBe(`${process.pid}\n`);
    expect(() => lockDataDir(d)).toThrow(DataDirLockedError);
    release();
    expect(existsSync(join(d, LOCK_FILE))).toBe(false);
    lockDataDir(d)();
  });

  it("refuses while another live process holds it, naming that process", () => {
    const d = dir();
    const other = spawn("sleep", ["30"]);
    try {
      writeFileSync(join(d, LOCK_FILE), `${other.pid}\n`);
      expect(() => lockDataDir(d)).toThrow(`in use by process ${other.pid}`);
    } finally {
      other.kill();
    }
  });

  it("takes over the lock of a process that died (kill -9 leaves it behind)", () => {
    const d = dir();
    const gone = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" });
    writeFileSync(join(d, LOCK_FILE), `${gone.stdout}\n`);
    const release = lockDataDir(d);
    expect(readFileSync(join(d, LOCK_FILE), "utf8")).toBe(`${process.pid}\n`);
    release();
  });
});
