import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type MessageStoreOptions, openMessageStore, type QueueLog, type RecordRef } from "../../../src/broker/store/index.js";
import { labelOf, plain, record, useTmpDirs } from "./records.js";

const tmp = useTmpDirs("msgstore");

/** The files of the only queue directory in a store. */
function queueFiles(storeDir: string): string[] {
  const dirs = readdirSync(storeDir);
  expect(dirs).toHaveLength(1);
  return readdirSync(join(storeDir, dirs[0]!)).sort();
}

async function reopen(dir: string, options: MessageStoreOptions = {}) {
  const warnings: string[] = [];
  const store = await openMessageStore(dir, { ...options, onWarning: (m) => warnings.push(m) });
  return { store, warnings };
}

const recoverLabels = (log: QueueLog): string[] => [...log.recover()].map((r) => labelOf(log.readSync(r.ref)));

describe("message store", () => {
  it("reads records back before and after they reach disk, and across a restart", async () => {
    const dir = tmp();
    const { store } = await reopen(dir);
    const log = store.queue("/|orders");
    const originals = [record("one", 10), { ...record("two", 2000), priority: 7, expiresAt: 1_900_000_000_000, routingKeys: ["rk", "cc"] }];
    const refs = originals.map((r) => log.append(r));
    expect(plain(log.readSync(refs[1]!))).toEqual(plain(originals[1]!));
    await log.flush();
    expect(readFileSync(join(dir, readdirSync(dir)[0]!, "00000001.seg")).includes(Buffer.from("two"))).toBe(true);
    await store.close();

    const again = await reopen(dir);
    const back = again.store.queue("/|orders");
    const recovered = [...back.recover()];
    expect(recovered.map((r) => [r.priority, r.expiresAt, r.bodySize, r.redelivered])).toEqual([
      [0, Infinity, 10, true],
      [7, 1_900_000_000_000, 2000, true],
    ]);
    expect(plain(await back.read(recovered[1]!.ref))).toEqual(plain(originals[1]!));
    expect(plain(back.readSync(recovered[0]!.ref))).toEqual(plain(originals[0]!));
    expect(again.warnings).toEqual([]);
    await again.store.close();
  });

  it("rolls over to a new segment at the size limit and never appends to a recovered one", async () => {
    const dir = tmp();
    const { store } = await reopen(dir, { segmentBytes: 4096 });
    const log = store.queue("q");
    for (let i = 0; i < 10; i++) log.append(record(`m${i}`, 1000));
    await store.close();
    // sealed segments got their index sidecars once durable; the open one has none
    expect(queueFiles(dir)).toEqual(["00000001.idx", "00000001.seg", "00000002.idx", "00000002.seg", "00000003.idx", "00000003.seg", "00000004.seg"]);

    const again = await reopen(dir, { segmentBytes: 4096 });
    const back = again.store.queue("q");
    expect(recoverLabels(back)).toEqual(["m0", "m1", "m2", "m3", "m4", "m5", "m6", "m7", "m8", "m9"]);
    back.append(record("after", 10));
    await again.store.close();
    expect(queueFiles(dir)).toContain("00000005.seg");
  });

  it("logs acks per segment and deletes a sealed segment once all its records are acked", async () => {
    const dir = tmp();
    const { store } = await reopen(dir, { segmentBytes: 4096 });
    const log = store.queue("q");
    const refs = Array.from({ length: 9 }, (_, i) => log.append(record(`m${i}`, 1000)));
    await log.flush();
    // segments hold m0-m2, m3-m5, m6-m8: ack all of the first, one of the second
    for (const r of [refs[0]!, refs[1]!, refs[2]!, refs[4]!]) log.ack(r);
    log.ack(refs[4]!); // a repeated ack changes nothing
    await log.flush();
    await log.flush(); // the unlink is a task of the batch after the acks
    expect(queueFiles(dir)).toEqual(["00000002.ack", "00000002.idx", "00000002.seg", "00000003.seg"]);
    expect(readFileSync(join(dir, readdirSync(dir)[0]!, "00000002.ack")).length).toBe(8);
    expect(log.stats().segments).toBe(2);
    await store.close();

    const again = await reopen(dir, { segmentBytes: 4096 });
    const back = again.store.queue("q");
    const recovered = [...back.recover()];
    expect(recovered.map((r) => labelOf(back.readSync(r.ref)))).toEqual(["m3", "m5", "m6", "m7", "m8"]);
    // acking the rest of a recovered (sealed) segment deletes it
    back.ack(recovered[0]!.ref);
    back.ack(recovered[1]!.ref);
    await again.store.close();
    // segment 3 was scanned at recovery (it had no sidecar), which left one for next time
    expect(queueFiles(dir)).toEqual(["00000003.idx", "00000003.seg"]);
  });

  it("refs are plain numbers; a ref the queue does not hold reads as an error and acks as nothing", async () => {
    const { store } = await reopen(tmp());
    const a = store.queue("a");
    const ref = a.append(record("x"));
    expect(typeof ref).toBe("number");
    expect(() => store.queue("b").readSync(ref)).toThrow(/holds no record/);
    store.queue("b").ack(ref);
    expect(labelOf(a.readSync(ref))).toBe("x");
    await store.close();
  });

  it("writes everything appended in one turn, across queues, with one write and one sync per file", async () => {
    const dir = tmp();
    const { store } = await reopen(dir);
    const logs = ["a", "b", "c"].map((q) => store.queue(q));
    for (const l of logs) l.append(record("warm-up"));
    await store.flush();
    const before = store.stats();
    for (let i = 0; i < 100; i++) for (const l of logs) l.append(record(`m${i}`, 1024));
    const confirms = logs.map((l) => l.flush());
    expect(new Set(confirms).size).toBe(1); // every confirm of the turn waits on the same batch
    await Promise.all(confirms);
    const after = store.stats();
    expect([after.batches - before.batches, after.writes - before.writes, after.syncs - before.syncs]).toEqual([1, 3, 3]);
    // a flush with nothing new settles at once
    await store.flush();
    expect(store.stats().batches).toBe(after.batches);
    await store.close();
  });

  it("a failed batch rejects its flush, keeps the records readable, and is written by a later retry", async () => {
    const dir = tmp();
    const { store, warnings } = await reopen(dir);
    const log = store.queue("q");
    const ref = log.append(record("survivor", 100));
    const qdir = join(dir, readdirSync(dir)[0]!);
    rmSync(qdir, { recursive: true }); // the batch cannot create the segment file
    await expect(log.flush()).rejects.toThrow(/ENOENT/);
    expect(warnings.join("\n")).toMatch(/will retry/);
    expect(labelOf(log.readSync(ref))).toBe("survivor");
    mkdirSync(qdir);
    await log.flush(); // the retry (after a short delay) writes it at the same offset
    expect(store.stats().failedBatches).toBe(1);
    await store.close();
    const again = await reopen(dir);
    expect(recoverLabels(again.store.queue("q"))).toEqual(["survivor"]);
    await again.store.close();
  });

  it("keeps only a budget of written records in memory and reads the rest from disk", async () => {
    const { store } = await reopen(tmp(), { cacheBytes: 10_000 });
    const log = store.queue("q");
    const refs: RecordRef[] = [];
    for (let i = 0; i < 50; i++) refs.push(log.append(record(`m${i}`, 1000)));
    expect(store.stats().cachedBytes).toBeGreaterThan(50_000); // unwritten records stay until their batch is done
    await log.flush();
    expect(store.stats().cachedBytes).toBeLessThanOrEqual(10_000);
    expect(labelOf(log.readSync(refs[0]!))).toBe("m0");
    expect(labelOf(await log.read(refs[49]!))).toBe("m49");
    await store.close();
  });

  it("keeps descriptors under the limit however many segments are read", async () => {
    const { store } = await reopen(tmp(), { segmentBytes: 2048, cacheBytes: 0, maxOpenFiles: 3 });
    const log = store.queue("q");
    const refs = Array.from({ length: 20 }, (_, i) => log.append(record(`m${i}`, 1500)));
    await log.flush();
    const labels = await Promise.all(refs.map((r) => log.read(r)));
    expect(labels.map(labelOf)).toEqual(refs.map((_, i) => `m${i}`));
    expect(store.stats().openFiles).toBeLessThanOrEqual(3);
    await store.close();
  });

  it("destroy removes a queue's files and a new queue of that name starts empty", async () => {
    const dir = tmp();
    const { store } = await reopen(dir);
    const log = store.queue("q");
    log.append(record("old"));
    await log.flush();
    const pending = log.append(record("unwritten"));
    await log.destroy();
    expect(readdirSync(dir)).toEqual([]);
    expect(() => log.append(record("late"))).toThrow(/destroyed/);
    expect(() => log.readSync(pending)).toThrow();
    const fresh = store.queue("q");
    expect([...fresh.recover()]).toEqual([]);
    await store.close();
  });

  it("removes the messages of queues that no longer exist", async () => {
    const dir = tmp();
    const { store } = await reopen(dir);
    for (const q of ["keep", "gone", "open"]) store.queue(q).append(record(q));
    await store.close();
    const again = await reopen(dir);
    again.store.queue("open");
    expect(await again.store.deleteQueuesExcept(["keep"])).toBe(1);
    expect(readdirSync(dir)).toHaveLength(2);
    expect(recoverLabels(again.store.queue("keep"))).toEqual(["keep"]);
    expect(recoverLabels(again.store.queue("gone"))).toEqual([]);
    await again.store.close();
  });

  it("drops an ack log whose segment was already deleted", async () => {
    const dir = tmp();
    const { store } = await reopen(dir, { segmentBytes: 1024 });
    const log = store.queue("q");
    const refs = [log.append(record("a", 900)), log.append(record("b", 900))];
    log.ack(refs[1]!);
    await store.close();
    const qdir = join(dir, readdirSync(dir)[0]!);
    expect(existsSync(join(qdir, "00000002.ack"))).toBe(true);
    rmSync(join(qdir, "00000002.seg")); // as if a crash came between the segment's unlink and its ack log's
    const again = await reopen(dir, { segmentBytes: 1024 });
    expect(recoverLabels(again.store.queue("q"))).toEqual(["a"]);
    expect(queueFiles(dir)).toEqual(["00000001.idx", "00000001.seg"]);
    await again.store.close();
  });
});
