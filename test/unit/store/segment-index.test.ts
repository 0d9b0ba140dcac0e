import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SegmentIndex } from "../../../src/broker/store/segment-index.js";

const entry = fc.record({
  size: fc.integer({ min: 28, max: 100_000 }),
  summary: fc.option(
    fc.record({ priority: fc.integer({ min: 0, max: 255 }), expiresAt: fc.oneof(fc.constant(Infinity), fc.nat()), bodySize: fc.nat({ max: 0xffff_ffff }) }),
    { nil: undefined },
  ),
});

function build(entries: readonly { size: number; summary: { priority: number; expiresAt: number; bodySize: number } | undefined }[]) {
  const index = new SegmentIndex();
  for (const e of entries) index.push(e.size, e.summary);
  return { index, segmentBytes: entries.reduce((n, e) => n + e.size, 0) };
}

describe("segment index sidecar", () => {
  it("round-trips, including records marked lost, past the initial capacity", () => {
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 600 }), (entries) => {
        const { index, segmentBytes } = build(entries);
        const back = SegmentIndex.decode(index.encode(segmentBytes), segmentBytes)!;
        expect(back.count).toBe(entries.length);
        entries.forEach((e, i) => {
          expect(back.frameSize(i)).toBe(e.size);
          expect(back.summary(i)).toEqual(e.summary);
        });
      }),
      { numRuns: 50 },
    );
  });

  it("is refused when it does not describe the segment as it is, or is damaged anywhere", () => {
    fc.assert(
      fc.property(fc.array(entry, { minLength: 1, maxLength: 20 }), fc.nat(), fc.integer({ min: 1, max: 255 }), (entries, where, mask) => {
        const { index, segmentBytes } = build(entries);
        const buf = index.encode(segmentBytes);
        expect(SegmentIndex.decode(buf, segmentBytes + 1)).toBeUndefined();
        expect(SegmentIndex.decode(buf.subarray(0, where % buf.length), segmentBytes)).toBeUndefined();
        const flipped = Buffer.from(buf);
        flipped[where % buf.length]! ^= mask;
        // spare header bytes carry nothing; every other byte is checked
        if (where % buf.length < 5 || where % buf.length >= 8) expect(SegmentIndex.decode(flipped, segmentBytes)).toBeUndefined();
      }),
      { numRuns: 200 },
    );
  });
});
