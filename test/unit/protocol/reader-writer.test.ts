import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Reader } from "../../../src/protocol/reader.js";
import { Writer } from "../../../src/protocol/writer.js";
import { shortstr } from "./arbitraries.js";

const fail = (fn: () => unknown): unknown => {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error("expected an error");
};

describe("Reader", () => {
  it("reads big-endian integers of every width", () => {
    const r = new Reader(Buffer.from("ff" + "fffe" + "fffffffd" + "001fffffffffffff" + "80" + "8000" + "80000000" + "8000000000000000", "hex"));
    expect([r.octet(), r.short(), r.long(), r.longlong()]).toEqual([255, 65534, 4294967293, Number.MAX_SAFE_INTEGER]);
    expect([r.int8(), r.int16(), r.int32(), r.int64()]).toEqual([-128, -32768, -2147483648, -(2n ** 63n)]);
    r.expectEnd();
  });

  it("throws 501 on every read past the end, whatever the width", () => {
    for (const read of ["octet", "short", "long", "longlong", "longlongBig", "float", "double", "shortstr", "longstr", "table", "array"] as const) {
      expect(fail(() => new Reader(Buffer.alloc(0))[read]())).toMatchObject({ replyCode: 501 });
    }
    // a length prefix pointing past the end
    expect(fail(() => new Reader(Buffer.from("05616263", "hex")).shortstr())).toMatchObject({ replyCode: 501 });
    expect(fail(() => new Reader(Buffer.from("ffffffff00", "hex")).longstr())).toMatchObject({ replyCode: 501 });
  });

  it("stays inside its window", () => {
    const r = new Reader(Buffer.from("0102030405", "hex"), 1, 3);
    expect(r.short()).toBe(0x0203);
    expect(fail(() => r.octet())).toMatchObject({ replyCode: 501 });
  });

  it("unpacks bits LSB first", () => {
    expect(new Reader(Buffer.from([0b101])).bits(3)).toEqual([true, false, true]);
  });

  it("copies longstr values", () => {
    const buf = Buffer.from("0000000268690a", "hex");
    const v = new Reader(buf).longstr();
    buf[4] = 0;
    expect(v.toString()).toBe("hi");
  });
});

describe("Writer", () => {
  it("round-trips numbers and strings through Reader, growing from a tiny buffer", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 255 }),
        fc.integer({ min: 0, max: 65535 }),
        fc.integer({ min: 0, max: 0xffffffff }),
        fc.maxSafeNat(),
        shortstr(),
        fc.string({ maxLength: 300 }),
        (o, s, l, ll, ss, ls) => {
          const w = new Writer(1);
          w.octet(o);
          w.short(s);
          w.long(l);
          w.longlong(ll);
          w.shortstr(ss);
          w.longstr(ls);
          const r = new Reader(w.finish());
          expect([r.octet(), r.short(), r.long(), r.longlong(), r.shortstr(), r.longstr().toString()]).toEqual([o, s, l, ll, ss, Buffer.from(ls).toString()]);
          r.expectEnd();
        },
      ),
    );
  });

  it("hands out finished views that later writes and growth never touch", () => {
    const w = new Writer(8);
    w.long(0x01020304);
    const a = w.finish();
    w.shortstr("x".repeat(200));
    const b = w.finish();
    w.long(0x05060708);
    expect(a.toString("hex")).toBe("01020304");
    expect(b.length).toBe(201);
    expect(w.finish().toString("hex")).toBe("05060708");
  });

  it("patches reserved lengths even after growing", () => {
    const w = new Writer(4);
    w.octet(9);
    const mark = w.reserveLong();
    w.bytes(Buffer.alloc(100, 1));
    w.patchLength(mark);
    expect(w.finish().readUInt32BE(1)).toBe(100);
  });

  it("refuses values outside each type's range", () => {
    const w = new Writer();
    for (const bad of [-1, 256, 1.5, Number.NaN]) expect(() => w.octet(bad)).toThrow(RangeError);
    expect(() => w.short(65536)).toThrow(RangeError);
    expect(() => w.long(2 ** 32)).toThrow(RangeError);
    expect(() => w.longlong(2 ** 53)).toThrow(RangeError);
    expect(() => w.longlongBig(2n ** 64n)).toThrow(RangeError);
    expect(() => w.shortstr("é".repeat(128))).toThrow(RangeError);
    expect(() => w.shortstr("x".repeat(256))).toThrow(RangeError);
    w.shortstr("é".repeat(127));
    expect(w.finish().length).toBe(255);
  });
});
