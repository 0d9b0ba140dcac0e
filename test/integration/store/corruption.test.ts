// Damaged files (truncated, garbage appended, bytes flipped) must recover what is intact and never throw.
import { appendFileSync, cpSync, readdirSync, readFileSync, statSync, truncateSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { CorruptRecordError, openFileMetadataStore, openMessageStore } from "../../../src/broker/store/index.js";
import { scanFrames } from "../../../src/broker/store/frame.js";
import { MIN_RECORD_PAYLOAD } from "../../../src/broker/store/message-record.js";
import { recordNoOfRef, segmentIdOfRef } from "../../../src/broker/store/record-ref.js";
import { segmentFileName } from "../../../src/broker/store/segment.js";
import { labelOf, record, useTmpDirs } from "../../unit/store/records.js";

const tmp = useTmpDirs("corrupt");
const fixtureDir = useTmpDirs("corrupt-fixture", "file");
const SEGMENT_BYTES = 8192;
const RUNS = { numRuns: 25 };

interface Stored {
  readonly label: string;
  /** The segment's file name. */
  readonly file: string;
  readonly end: number;
}

/** Where each frame of a segment file ends, by record number. */
function frameEnds(path: string): number[] {
  const ends: number[] = [];
  scanFrames(readFileSync(path), MIN_RECORD_PAYLOAD, { frame: (no, _start, end) => (ends[no] = end), skipped: () => {} });
  return ends;
}

/** Recovers a message store copy; returns the labels in order, where each record is, and the warnings logged. */
async function recoverMessages(dir: string): Promise<{ labels: string[]; stored: Stored[]; warnings: string[] }> {
  const warnings: string[] = [];
  const store = await openMessageStore(dir, { segmentBytes: SEGMENT_BYTES, onWarning: (m) => warnings.push(m) });
  const log = store.queue("q");
  const qdir = join(dir, readdirSync(dir)[0]!);
  const ends = new Map<string, number[]>();
  const stored = [...log.recover()].map((r) => {
    const file = segmentFileName(segmentIdOfRef(r.ref), "seg");
    if (!ends.has(file)) ends.set(file, frameEnds(join(qdir, file)));
    return { label: labelOf(log.readSync(r.ref)), file, end: ends.get(file)![recordNoOfRef(r.ref)]! };
  });
  await store.close();
  return { labels: stored.map((s) => s.label), stored, warnings };
}

describe("message store corruption", () => {
  let pristine: string;
  let before: Awaited<ReturnType<typeof recoverMessages>>;
  let acked: Set<string>;

  beforeAll(async () => {
    pristine = fixtureDir();
    const store = await openMessageStore(pristine, { segmentBytes: SEGMENT_BYTES });
    const log = store.queue("q");
    const refs = Array.from({ length: 40 }, (_, i) => log.append(record(`m${i}`, 300 + ((i * 97) % 700))));
    // every third acked: each segment keeps an ack log and some unacked records
    acked = new Set();
    refs.forEach((r, i) => {
      if (i % 3 === 0) {
        log.ack(r);
        acked.add(`m${i}`);
      }
    });
    await store.close();
    const copy = tmp();
    cpSync(pristine, copy, { recursive: true });
    before = await recoverMessages(copy);
    expect(before.labels).toHaveLength(40 - acked.size);
    expect(new Set(before.stored.map((s) => s.file)).size).toBeGreaterThan(3);
  });

  /** A fresh copy of the pristine store plus the path of its queue directory. */
  function copyStore(): { dir: string; qdir: string } {
    const dir = tmp();
    cpSync(pristine, dir, { recursive: true });
    return { dir, qdir: join(dir, readdirSync(dir)[0]!) };
  }
  const segmentsOf = (qdir: string): string[] =>
    readdirSync(qdir)
      .filter((f) => f.endsWith(".seg"))
      .sort()
      .map((f) => join(qdir, f));
  // stored.file is a name, segmentsOf gives paths
  const nameOf = (p: string): string => p.slice(p.lastIndexOf("/") + 1);

  it("a segment cut at any offset keeps every record wholly before the cut", async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(), fc.double({ min: 0, max: 1, noNaN: true }), async (which, where) => {
        const { dir, qdir } = copyStore();
        const segs = segmentsOf(qdir);
        const seg = segs[which % segs.length]!;
        const cut = Math.floor(where * statSync(seg).size);
        truncateSync(seg, cut);
        const after = await recoverMessages(dir);
        const expected = before.stored.filter((s) => nameOf(s.file) !== nameOf(seg) || s.end <= cut).map((s) => s.label);
        expect(after.labels).toEqual(expected);
        // the cut was logged unless it fell on a record boundary; a second start finds nothing more to repair
        if (after.warnings.length > 0) expect(after.warnings.join("\n")).toMatch(/torn tail/);
        expect((await recoverMessages(dir)).warnings).toEqual([]);
      }),
      RUNS,
    );
  });

  it("garbage appended after the last record is dropped and logged", async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 1, maxLength: 5000 }), async (junk) => {
        const { dir, qdir } = copyStore();
        appendFileSync(segmentsOf(qdir).at(-1)!, junk);
        const after = await recoverMessages(dir);
        expect(after.labels).toEqual(before.labels);
        expect(after.warnings).toHaveLength(1);
      }),
      RUNS,
    );
  });

  it("flipped bytes in the last record lose only that record", async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(), fc.integer({ min: 1, max: 255 }), async (where, mask) => {
        const { dir, qdir } = copyStore();
        const last = segmentsOf(qdir).at(-1)!;
        const buf = readFileSync(last);
        const tail = before.stored.filter((s) => nameOf(s.file) === nameOf(last)).at(-1)!;
        const start = before.stored.filter((s) => nameOf(s.file) === nameOf(last)).at(-2)?.end ?? 0;
        buf[start + (where % (tail.end - start))]! ^= mask;
        writeFileSync(last, buf);
        const after = await recoverMessages(dir);
        expect(after.labels).toEqual(before.labels.filter((l) => l !== tail.label));
        expect(after.warnings).toHaveLength(1);
      }),
      RUNS,
    );
  });

  it("a damaged index sidecar is ignored: the segment is scanned instead", async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(), fc.nat(), fc.integer({ min: 1, max: 255 }), fc.boolean(), async (which, where, mask, truncate) => {
        const { dir, qdir } = copyStore();
        const sidecars = readdirSync(qdir).filter((f) => f.endsWith(".idx"));
        const idx = join(qdir, sidecars[which % sidecars.length]!);
        const buf = readFileSync(idx);
        if (truncate) truncateSync(idx, where % buf.length);
        else {
          buf[Math.max(8, where % buf.length)]! ^= mask;
          writeFileSync(idx, buf);
        }
        const after = await recoverMessages(dir);
        expect(after.labels).toEqual(before.labels);
        expect(after.warnings).toEqual([]);
      }),
      RUNS,
    );
  });

  it("a flipped byte in a segment the sidecar vouches for surfaces when that record is read", async () => {
    const { dir, qdir } = copyStore();
    const first = segmentsOf(qdir)[0]!;
    const inFirst = before.stored.filter((s) => nameOf(s.file) === nameOf(first));
    const buf = readFileSync(first);
    buf[inFirst[0]!.end - 5]! ^= 0x40;
    writeFileSync(first, buf);
    const store = await openMessageStore(dir, { segmentBytes: SEGMENT_BYTES });
    const log = store.queue("q");
    const recovered = [...log.recover()];
    expect(recovered).toHaveLength(before.labels.length);
    expect(() => log.readSync(recovered[0]!.ref)).toThrow(CorruptRecordError);
    await expect(log.read(recovered[0]!.ref)).rejects.toThrow(CorruptRecordError);
    expect(labelOf(log.readSync(recovered[1]!.ref))).toBe(before.labels[1]);
    await store.close();
  });

  it("an ack log cut anywhere brings back at most the torn ack, never loses a message", async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(), fc.nat(), async (which, where) => {
        const { dir, qdir } = copyStore();
        const acks = readdirSync(qdir).filter((f) => f.endsWith(".ack"));
        const ack = join(qdir, acks[which % acks.length]!);
        const size = statSync(ack).size;
        const cut = where % (size + 1);
        truncateSync(ack, cut);
        const after = await recoverMessages(dir);
        const back = after.labels.filter((l) => !before.labels.includes(l));
        expect(before.labels.every((l) => after.labels.includes(l))).toBe(true);
        // entries wholly cut away bring their messages back too (those acks never reached disk); all of them were acked
        expect(back.length).toBe(Math.ceil((size - cut) / 8));
        expect(back.every((l) => acked.has(l))).toBe(true);
      }),
      RUNS,
    );
  });
});

describe("metadata store corruption", () => {
  it("a log cut anywhere keeps every change wholly before the cut", async () => {
    const pristine = tmp();
    const store = openFileMetadataStore(pristine);
    await store.load();
    const ends: number[] = [];
    const changes = 30;
    for (let i = 0; i < changes; i++) {
      await (i % 4 === 3 ? store.delete("queue", `q${i - 1}`) : store.put("queue", `q${i}`, { n: i, args: { "x-queue-type": "classic" } }));
      ends.push(statSync(join(pristine, "log.0")).size);
    }
    await store.close();
    /** The queues a store holds after the first k changes. */
    const model = (k: number): string[] => {
      const m = new Set<string>();
      for (let i = 0; i < k; i++) i % 4 === 3 ? m.delete(`q${i - 1}`) : m.add(`q${i}`);
      return [...m].sort();
    };

    await fc.assert(
      fc.asyncProperty(fc.nat({ max: ends.at(-1)! }), fc.uint8Array({ maxLength: 300 }), async (cut, junk) => {
        const dir = tmp();
        cpSync(pristine, dir, { recursive: true });
        truncateSync(join(dir, "log.0"), cut);
        appendFileSync(join(dir, "log.0"), junk);
        const warnings: string[] = [];
        const again = openFileMetadataStore(dir, { onWarning: (m) => warnings.push(m) });
        const snapshot = await again.load();
        expect([...snapshot.queue.keys()].sort()).toEqual(model(ends.filter((e) => e <= cut).length));
        // it stays usable: a change after recovery survives the next start
        await again.put("vhost", "after", { ok: true });
        await again.close();
        const third = openFileMetadataStore(dir);
        expect((await third.load()).vhost.get("after")).toEqual({ ok: true });
        await third.close();
      }),
      RUNS,
    );
  });

  it("a damaged snapshot keeps its intact frames", async () => {
    const dir = tmp();
    const store = openFileMetadataStore(dir, { compactAfterBytes: 1 });
    await store.load();
    await store.apply(Array.from({ length: 2500 }, (_, i) => ({ op: "put" as const, kind: "binding" as const, key: `b${i}`, value: { i } })));
    await store.put("vhost", "/", {}); // the batch after the one that outgrew the threshold compacts
    await store.close();
    const snapshot = readdirSync(dir).find((f) => f.startsWith("snapshot."))!;
    const path = join(dir, snapshot);
    truncateSync(path, statSync(path).size - 10);
    const warnings: string[] = [];
    const again = openFileMetadataStore(dir, { onWarning: (m) => warnings.push(m) });
    const loaded = await again.load();
    // frames hold 1000 changes each, vhosts first: the first two frames (the vhost, 1999 bindings) survive whole
    expect([loaded.vhost.size, loaded.binding.size]).toEqual([1, 1999]);
    expect(warnings.join("\n")).toMatch(/torn tail/);
    await again.close();
  });
});
