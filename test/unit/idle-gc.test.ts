// The idle collection runs once memory has grown and the node has gone quiet, never while the event loop is busy.
import { describe, expect, it } from "vitest";
import { IdleGc } from "../../src/broker/node/idle-gc.js";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const spin = (ms: number) => {
  const end = Date.now() + ms;
  while (Date.now() < end);
};

describe("IdleGc", () => {
  it("collects after growth once quiet, not while busy, and not again without new growth", async () => {
    const gc = new IdleGc();
    // kept alive throughout, so the growth is there whenever V8 collects on its own
    const held = Array.from({ length: 48 }, () => Buffer.alloc(1024 * 1024, 1));
    spin(300);
    gc.check();
    expect(gc.runs).toBe(0);
    await sleep(300);
    gc.check();
    expect(gc.runs).toBe(1);
    await sleep(300);
    gc.check();
    expect(gc.runs).toBe(1);
    expect(held).toHaveLength(48);
  });

  it("does nothing on a quiet node whose memory has not grown", async () => {
    const gc = new IdleGc();
    await sleep(300);
    gc.check();
    expect(gc.runs).toBe(0);
  });
});
