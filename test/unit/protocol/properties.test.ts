import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { field } from "../../../src/protocol/field-table.js";
import { BASIC_PROPERTIES, type BasicProperties } from "../../../src/protocol/methods.generated.js";
import { Properties } from "../../../src/protocol/properties.js";
import { basicProperties } from "./arbitraries.js";
import { clientFrames, hex } from "./vectors.js";

/** The property bytes (flags word onwards) of the captured content header. */
const captured = (): Buffer => {
  const f = hex(clientFrames.publishHeader);
  return f.subarray(7 + 12, f.length - 1);
};
const fail = (fn: () => unknown): unknown => {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error("expected an error");
};
const defined = (p: BasicProperties): BasicProperties => Object.fromEntries(Object.entries(p).filter(([, v]) => v !== undefined));

describe("Properties", () => {
  it("round-trips arbitrary properties through the wire form", () => {
    fc.assert(
      fc.property(basicProperties(), (p) => {
        const encoded = Properties.encode(p);
        const back = Properties.fromWire(encoded.raw);
        expect(defined(back.decode())).toEqual(defined(p));
        for (const info of BASIC_PROPERTIES) {
          expect(back.has(info.name)).toBe(p[info.name] !== undefined);
          expect(back.get(info.name)).toEqual(p[info.name]);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("keeps the bytes as they arrived and copies them off the frame", () => {
    const raw = captured();
    const p = Properties.fromWire(raw);
    expect(p.raw.equals(raw)).toBe(true);
    raw[2] = 0;
    expect(p.raw[2]).not.toBe(0);
    expect(p.flags).toBe(0xb0c0);
  });

  it("reads single properties without decoding headers", () => {
    const p = Properties.fromWire(captured());
    expect(p.get("deliveryMode")).toBe(2);
    expect(p.get("messageId")).toBe("m1");
    expect(p.get("expiration")).toBeUndefined();
    expect(p.get("timestamp")).toBe(1700000000n);
  });

  it("with() re-encodes only what changes and copies the rest byte for byte", () => {
    const p = Properties.fromWire(captured());
    const q = p.with({ expiration: "60000" });
    expect(q.decode()).toEqual({ ...p.decode(), expiration: "60000" });
    const r = q.with({ expiration: undefined });
    expect(r.raw.equals(p.raw)).toBe(true);
    const h = p.with({ headers: new Map([["x-death", field.array([])]]) });
    expect(h.get("contentType")).toBe("text/plain");
    expect([...h.get("headers")!.keys()]).toEqual(["x-death"]);
    fc.assert(
      fc.property(basicProperties(), basicProperties(), (a, b) => {
        const merged = Properties.encode(a).with(b);
        expect(defined(merged.decode())).toEqual(defined({ ...a, ...b }));
      }),
      { numRuns: 200 },
    );
  });

  it("encodes no properties as a zero flags word", () => {
    expect(Properties.encode({}).raw.toString("hex")).toBe("0000");
    expect(Properties.EMPTY.decode()).toEqual({});
  });

  it("rejects malformed property bytes with 501 and bad tables with 502", () => {
    // content-type announces 5 bytes, 1 present
    expect(fail(() => Properties.fromWire(Buffer.from("80000541", "hex")))).toMatchObject({ replyCode: 501 });
    // bytes after the last property
    expect(fail(() => Properties.fromWire(Buffer.from("1000" + "02" + "ff", "hex")))).toMatchObject({ replyCode: 501 });
    // continuation bit with only 14 basic properties
    expect(fail(() => Properties.fromWire(Buffer.from("00010000", "hex")))).toMatchObject({ replyCode: 501 });
    expect(fail(() => Properties.fromWire(Buffer.from("00", "hex")))).toMatchObject({ replyCode: 501 });
    // headers table with an unknown type letter: structure fine, decoding fails
    const p = Properties.fromWire(Buffer.from("2000" + "00000003" + "016b5a", "hex"));
    expect(fail(() => p.decode())).toMatchObject({ replyCode: 502 });
  });

  it("ignores unused flag bits as RabbitMQ does", () => {
    expect(Properties.fromWire(Buffer.from("0002", "hex")).decode()).toEqual({});
  });

  it("refuses to encode out-of-range values", () => {
    expect(() => Properties.encode({ priority: 256 })).toThrow(RangeError);
    expect(() => Properties.encode({ contentType: "x".repeat(256) })).toThrow(RangeError);
    // the shared scratch writer is left clean after a failure
    expect(Properties.encode({ priority: 1 }).raw.toString("hex")).toBe("080001");
  });
});
