import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type FieldTable, type FieldValue, fromFieldTable, toFieldTable } from "../../../src/protocol/field-table.js";
import { Reader } from "../../../src/protocol/reader.js";
import { Writer } from "../../../src/protocol/writer.js";
import { largestAllocation } from "./alloc.js";
import { fieldTable } from "./arbitraries.js";

const encode = (t: FieldTable): Buffer => {
  const w = new Writer(16);
  w.table(t);
  return w.finish();
};
const decode = (b: Buffer): FieldTable => {
  const r = new Reader(b);
  const t = r.table();
  r.expectEnd();
  return t;
};
const fail = (fn: () => unknown): unknown => {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error("expected an error");
};
/** A table body (without its length) wrapped with a u32 length prefix. */
const table = (hexBody: string): Buffer => {
  const body = Buffer.from(hexBody.replace(/\s+/g, ""), "hex");
  const len = Buffer.alloc(4);
  len.writeUInt32BE(body.length);
  return Buffer.concat([len, body]);
};

// one entry per type letter, written out by hand from RabbitMQ's errata table
const EVERY_TYPE = `
  0174 74 01            0162 62 ff            0142 42 ff            0173 73 8000
  0175 75 ffff          0149 49 80000000      0169 69 ffffffff      016c 6c ffffffffffffffff
  014c 4c 8000000000000000                    0166 66 3fc00000      0164 64 3ff8000000000000
  0144 44 02 000004d2   0153 53 00000002 6869 0178 78 00000001 00   0154 54 0000000065a0bc00
  0141 41 0000000a 49 00000001 53 00000000    0146 46 00000004 01 6b 74 00   0156 56`;

describe("field tables", () => {
  it("decodes every RabbitMQ type letter from known bytes and re-encodes them identically", () => {
    const bytes = table(EVERY_TYPE);
    const t = decode(bytes);
    const expected: [string, FieldValue][] = [
      ["t", { type: "t", value: true }],
      ["b", { type: "b", value: -1 }],
      ["B", { type: "B", value: 255 }],
      ["s", { type: "s", value: -32768 }],
      ["u", { type: "u", value: 65535 }],
      ["I", { type: "I", value: -2147483648 }],
      ["i", { type: "i", value: 4294967295 }],
      ["l", { type: "l", value: -1n }],
      ["L", { type: "L", value: -(2n ** 63n) }],
      ["f", { type: "f", value: 1.5 }],
      ["d", { type: "d", value: 1.5 }],
      ["D", { type: "D", value: { scale: 2, value: 1234 } }],
      ["S", { type: "S", value: Buffer.from("hi") }],
      ["x", { type: "x", value: Buffer.from([0]) }],
      ["T", { type: "T", value: 1705032704n }],
      ["A", { type: "A", value: [{ type: "I", value: 1 }, { type: "S", value: Buffer.alloc(0) }] }],
      ["F", { type: "F", value: new Map([["k", { type: "t", value: false }]]) }],
      ["V", { type: "V", value: null }],
    ];
    expect([...t]).toEqual(expected);
    expect(encode(t).toString("hex")).toBe(bytes.toString("hex"));
  });

  it("round-trips arbitrary nested tables of every type", () => {
    fc.assert(
      fc.property(fieldTable(), (t) => {
        const bytes = encode(t);
        const back = decode(bytes);
        expect(back).toEqual(t);
        expect(encode(back).equals(bytes)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it("rejects unknown type letters with 502 SYNTAX_ERROR", () => {
    for (const letter of ["Z", "U", "N", "c", "\u0000"]) {
      const bytes = table(`016b ${Buffer.from(letter, "latin1").toString("hex")} 00000001`);
      expect(fail(() => decode(bytes))).toMatchObject({ replyCode: 502 });
    }
    expect(fail(() => decode(table("0141 41 00000002 5a00")))).toMatchObject({ replyCode: 502 });
  });

  it("rejects truncated values and lengths past the end with 501", () => {
    expect(fail(() => decode(table("016b 49 0001")))).toMatchObject({ replyCode: 501 });
    expect(fail(() => decode(Buffer.from("000003e8", "hex")))).toMatchObject({ replyCode: 501 });
    expect(fail(() => decode(table("016b 53 ffffffff")))).toMatchObject({ replyCode: 501 });
    // announced lengths of 4 GiB are refused before anything is allocated for them
    for (const bytes of [table("016b 53 ffffffff"), table("016b 78 ffffffff"), table("016b 46 ffffffff"), table("016b 41 fffffff0"), Buffer.from("ffffffff", "hex")]) {
      expect(largestAllocation(() => decode(bytes))).toBeLessThan(64);
      expect(fail(() => decode(bytes))).toMatchObject({ replyCode: 501 });
    }
    // a nested table may not run past its parent's declared length
    expect(fail(() => decode(table("016b 46 00000004 016a 5600")))).toMatchObject({ replyCode: 501 });
  });

  it("bounds nesting depth instead of overflowing the stack", () => {
    let inner = Buffer.from("56", "hex");
    for (let i = 0; i < 100; i++) inner = Buffer.concat([Buffer.from("41", "hex"), lengthPrefixed(inner)]);
    const bytes = lengthPrefixed(Buffer.concat([Buffer.from("016b", "hex"), inner]));
    expect(fail(() => decode(bytes))).toMatchObject({ replyCode: 502 });
  });

  it("keeps the first value of a key repeated on the wire, as RabbitMQ's lookups do", () => {
    const t = decode(table("016b 49 00000001 016b 49 00000002 016a 56"));
    expect([...t.keys()]).toEqual(["k", "j"]);
    expect(t.get("k")).toEqual({ type: "I", value: 1 });
  });

  it("keeps integer-like keys in wire order", () => {
    const t = decode(table("0132 56 0131 56"));
    expect([...t.keys()]).toEqual(["2", "1"]);
  });

  it("refuses to encode values outside their type's range", () => {
    expect(() => encode(new Map([["k", { type: "b", value: 200 }]]))).toThrow(RangeError);
    expect(() => encode(new Map([["k", { type: "l", value: 2n ** 63n }]]))).toThrow(RangeError);
    expect(() => encode(new Map([["k", { type: "i", value: -1 }]]))).toThrow(RangeError);
  });

  it("infers types from plain values and converts back", () => {
    const t = toFieldTable({ s: "x", n: 10, big: 2 ** 40, f: 1.5, b: true, nil: null, arr: [1, "a"], nested: { k: 2n } });
    expect([...t].map(([k, v]) => `${k}:${v.type}`)).toEqual(["s:S", "n:I", "big:l", "f:d", "b:t", "nil:V", "arr:A", "nested:F"]);
    expect(fromFieldTable(t)).toEqual({ s: "x", n: 10, big: 2 ** 40, f: 1.5, b: true, nil: null, arr: [1, "a"], nested: { k: 2 } });
  });
});

function lengthPrefixed(b: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(b.length);
  return Buffer.concat([len, b]);
}
