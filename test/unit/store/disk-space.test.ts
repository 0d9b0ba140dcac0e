import { execFileSync } from "node:child_process";
import { tmpdir } from "node:os";
import { describe, expect, it } from "vitest";
import { diskSpace } from "../../../src/broker/store/index.js";

describe("disk space", () => {
  it("reports what df reports for the directory's file system", async () => {
    const dir = tmpdir();
    const [size, avail] = execFileSync("df", ["-B1", "--output=size,avail", dir], { encoding: "utf8" }).trim().split("\n")[1]!.trim().split(/\s+/).map(Number);
    const space = await diskSpace(dir);
    expect(space.totalBytes).toBe(size);
    // other processes write meanwhile: allow 256 MiB of drift
    expect(Math.abs(space.freeBytes - avail!)).toBeLessThan(256 * 1024 * 1024);
    expect(space.freeBytes).toBeLessThanOrEqual(space.totalBytes);
  });

  it("rejects for a directory that does not exist", async () => {
    await expect(diskSpace("/nonexistent/warren-data")).rejects.toMatchObject({ code: "ENOENT" });
  });
});
