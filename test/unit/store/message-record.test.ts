import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FRAME_HEADER_BYTES, scanFrames } from "../../../src/broker/store/frame.js";
import {
  decodeRecord,
  encodeRecordInto,
  MIN_RECORD_PAYLOAD,
  type MessageRecord,
  recordFrameBytes,
  summarizeRecord,
} from "../../../src/broker/store/message-record.js";
import { arbitraryRecord, plain, record } from "./records.js";

function encodeAll(records: readonly MessageRecord[]): { buf: Buffer; ends: number[] } {
  const buf = Buffer.alloc(records.reduce((n, r) => n + recordFrameBytes(r), 0));
  const ends: number[] = [];
  let at = 0;
  for (const r of records) {
    at += encodeRecordInto(buf, at, r);
    ends.push(at);
  }
  return { buf, ends };
}

/** Scans buf and returns the decoded intact records plus what the scan reported. */
function scan(buf: Buffer) {
  const found: { no: number; record: MessageRecord }[] = [];
  const skipped: number[] = [];
  const result = scanFrames(buf, MIN_RECORD_PAYLOAD, {
    frame: (no, start, end) => found.push({ no, record: decodeRecord(buf, start, end) }),
    skipped: (no) => skipped.push(no),
  });
  return { found, skipped, ...result };
}

describe("message record codec", () => {
  it("round-trips any storable record, and its summary matches", () => {
    fc.assert(
      fc.property(arbitraryRecord, (r) => {
        const { buf } = encodeAll([r]);
        expect(buf.length).toBe(recordFrameBytes(r));
        const s = scan(buf);
        expect(s.tornTail).toBeUndefined();
        expect(s.found.map((f) => plain(f.record))).toEqual([plain(r)]);
        expect(summarizeRecord(buf, FRAME_HEADER_BYTES, buf.length)).toEqual({ priority: r.priority, expiresAt: r.expiresAt, bodySize: r.body.length });
      }),
    );
  });

  it("keeps the property bytes exactly as given", () => {
    const props = Buffer.from([0x90, 0x00, 0x0a, ...Buffer.from("text/plain"), 0x02]);
    const { buf } = encodeAll([{ ...record("p"), properties: props }]);
    expect(Buffer.compare(scan(buf).found[0]!.record.properties, props)).toBe(0);
  });

  it("rejects what cannot be stored before any byte is written", () => {
    expect(() => recordFrameBytes({ ...record("x"), exchange: "e".repeat(256) })).toThrow(RangeError);
    expect(() => recordFrameBytes({ ...record("x"), routingKey: "é".repeat(128) })).toThrow(/routing key/);
    expect(() => recordFrameBytes({ ...record("x"), priority: 256 })).toThrow(/priority/);
    expect(() => recordFrameBytes({ ...record("x"), priority: 1.5 })).toThrow(/priority/);
  });

  it("a log cut anywhere yields exactly the records wholly before the cut", () => {
    fc.assert(
      fc.property(fc.array(arbitraryRecord, { minLength: 1, maxLength: 6 }), fc.double({ min: 0, max: 1, noNaN: true }), (records, where) => {
        const { buf, ends } = encodeAll(records);
        const cut = Math.floor(where * buf.length);
        const s = scan(buf.subarray(0, cut));
        const whole = ends.filter((e) => e <= cut).length;
        expect(s.found.map((f) => plain(f.record))).toEqual(records.slice(0, whole).map(plain));
        expect(s.end).toBe(whole === 0 ? 0 : ends[whole - 1]);
        expect(s.tornTail === undefined).toBe(cut === s.end);
      }),
      { numRuns: 200 },
    );
  });

  it("garbage after the last record is dropped as a torn tail", () => {
    fc.assert(
      fc.property(fc.array(arbitraryRecord, { minLength: 1, maxLength: 4 }), fc.uint8Array({ minLength: 1, maxLength: 200 }), (records, junk) => {
        const { buf } = encodeAll(records);
        const s = scan(Buffer.concat([buf, junk]));
        expect(s.found).toHaveLength(records.length);
        expect(s.end).toBe(buf.length);
        expect(s.tornTail).toBeDefined();
      }),
      { numRuns: 100 },
    );
  });

  it("a flipped byte in the last record drops it; in an earlier payload, only that record is skipped", () => {
    const records = ["a", "b", "c", "d"].map((l) => record(l, 100));
    const { buf, ends } = encodeAll(records);
    const last = Buffer.from(buf);
    last[ends[2]! + 50]! ^= 0xff;
    const tail = scan(last);
    expect(tail.found.map((f) => f.no)).toEqual([0, 1, 2]);
    expect(tail.tornTail).toBe("CRC mismatch");

    const middle = Buffer.from(buf);
    middle[ends[0]! + 60]! ^= 0x01;
    const mid = scan(middle);
    expect(mid.found.map((f) => f.no)).toEqual([0, 2, 3]);
    expect(mid.skipped).toEqual([1]);
    expect(mid.tornTail).toBeUndefined();
  });

  it("a frame whose CRC passes but whose fields overrun it is refused when decoded", () => {
    const { buf } = encodeAll([record("z")]);
    // claim a properties length past the frame: decoding must throw, not read beyond the payload
    const bad = Buffer.from(buf);
    const propsLenAt = FRAME_HEADER_BYTES + 1 + 1 + 8 + 1 + "amq.direct".length + 1 + "rk".length + 4;
    bad.writeUInt32BE(10_000, propsLenAt);
    expect(() => decodeRecord(bad, FRAME_HEADER_BYTES, bad.length)).toThrow(RangeError);
    expect(() => summarizeRecord(bad, FRAME_HEADER_BYTES, bad.length)).toThrow(RangeError);
  });
});
