// Mutation fuzzing of the codec: method arguments, field tables of every type and content headers. Whatever the bytes,
// decoding gives a value or a 501/502/503 ProtocolError, never another exception; whatever decodes can be sent on again
// (re-encoded without error, to the same value), since the broker forwards what it received.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  decodeMethod,
  encodeMethodFrame,
  type FieldTable,
  METHOD_IDS,
  parseContentHeader,
  Properties,
  ProtocolError,
  Reader,
  Writer,
} from "../../src/protocol/index.js";
import { largestAllocation } from "../unit/protocol/alloc.js";
import { basicProperties, fieldTable } from "../unit/protocol/arbitraries.js";
import { methodFrame, mutate } from "./arbitraries.js";
import { fuzzRuns } from "./fuzz-config.js";

const TYPE_LETTERS = new Set("tbBsuIilLfdDSxATFV".split("").map((c) => c.charCodeAt(0)));

/** One method's arguments, encoded: the payload of its frame (class and method ids first). */
const methodPayload = methodFrame(1).map((frame) => frame.subarray(7, frame.length - 1));

/** Runs a decoder: its value, or the ProtocolError it threw (anything else fails the test). */
function attempt<T>(decode: () => T, codes: readonly number[]): T | ProtocolError {
  try {
    return decode();
  } catch (e) {
    if (!(e instanceof ProtocolError)) throw e;
    expect(codes).toContain(e.replyCode);
    expect(Buffer.byteLength(e.replyText)).toBeLessThanOrEqual(255);
    return e;
  }
}

function encodeTable(t: FieldTable): Buffer {
  const w = new Writer(64);
  w.table(t);
  return Buffer.from(w.finish());
}

function decodeTable(bytes: Buffer): FieldTable {
  const r = new Reader(bytes);
  const t = r.table();
  r.expectEnd();
  return t;
}

/** A table holding `depth` tables (or arrays) nested inside each other, each length covering all that follows it. */
function nested(depth: number, letter: "F" | "A"): Buffer {
  const parts: number[][] = letter === "F" ? Array(depth).fill([1, 0x6b, 0x46]) : [[1, 0x6b, 0x41], ...Array(depth).fill([0x41])];
  const size = parts.reduce((n, p) => n + 4 + p.length, 0) + 4;
  const out = Buffer.alloc(size);
  let at = 0;
  for (const p of parts) {
    out.writeUInt32BE(size - at - 4, at);
    out.set(p, at + 4);
    at += 4 + p.length;
  }
  return out;
}

describe("method decoding under mutation", () => {
  it("gives a method or 501/502/503, and whatever decodes re-encodes to the same arguments", () => {
    fc.assert(
      fc.property(methodPayload.chain((p) => fc.oneof(fc.constant(p), mutate(p))), (payload) => {
        let decoded: ReturnType<typeof decodeMethod> | ProtocolError | undefined;
        const largest = largestAllocation(() => (decoded = attempt(() => decodeMethod(payload), [501, 502, 503])));
        expect(largest).toBeLessThanOrEqual(payload.length);
        if (decoded === undefined || decoded instanceof ProtocolError) return;
        const again = encodeMethodFrame(1, decoded.name, decoded.args as never);
        expect(decodeMethod(again.subarray(7, again.length - 1)).args).toEqual(decoded.args);
      }),
      fuzzRuns(1500),
    );
  });

  it("random argument bytes after any known method id: a method or 501/502, with RabbitMQ's 'cannot decode' naming the method", () => {
    const ids = Object.values(METHOD_IDS);
    fc.assert(
      fc.property(fc.constantFrom(...ids), fc.uint8Array({ maxLength: 300 }), (id, args) => {
        const payload = Buffer.concat([Buffer.from([id >>> 24, (id >>> 16) & 0xff, (id >>> 8) & 0xff, id & 0xff]), args]);
        const r = attempt(() => decodeMethod(payload), [501, 502]);
        if (r instanceof ProtocolError && r.replyCode === 501) {
          expect(r.replyText).toMatch(/^FRAME_ERROR - (cannot decode <<|Malformed UTF-8 in shortstr$)/);
          expect([r.classId, r.methodId]).toEqual([id >>> 16, id & 0xffff]);
        }
      }),
      fuzzRuns(1500),
    );
  });

  it("an id the protocol does not define is 503 COMMAND_INVALID", () => {
    const known = new Set<number>(Object.values(METHOD_IDS));
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffff }), fc.integer({ min: 0, max: 0xffff }), (c, m) => {
        fc.pre(!known.has((c << 16) | m));
        const r = attempt(() => decodeMethod(Buffer.from([c >> 8, c & 0xff, m >> 8, m & 0xff])), [503]);
        expect(r).toMatchObject({ replyText: `COMMAND_INVALID - unknown method (${c}, ${m})` });
      }),
      fuzzRuns(300),
    );
  });

  it("invalid UTF-8 in a content method's shortstr still fits a shortstr when forwarded (basic.deliver)", () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 255, size: "max" }), (key) => {
        const frame = encodeMethodFrame(1, "basic.publish", { ticket: 0, exchange: "x", routingKey: "k".repeat(key.length), mandatory: false, immediate: false });
        frame.set(key, frame.length - 2 - key.length);
        const m = decodeMethod(frame.subarray(7, frame.length - 1));
        if (m.name !== "basic.publish") throw new Error(m.name);
        const deliver = encodeMethodFrame(1, "basic.deliver", { consumerTag: "t", deliveryTag: 1, redelivered: false, exchange: "x", routingKey: m.args.routingKey });
        expect(deliver.length).toBeGreaterThan(0);
      }),
      fuzzRuns(300),
    );
  });
});

describe("field tables under mutation", () => {
  it("any table of any types, corrupted: a table or 501/502; what decodes re-encodes to the same table", () => {
    fc.assert(
      fc.property(fieldTable().map(encodeTable).chain((b) => fc.oneof(fc.constant(b), mutate(b))), (bytes) => {
        let t: FieldTable | ProtocolError | undefined;
        const largest = largestAllocation(() => (t = attempt(() => decodeTable(bytes), [501, 502])));
        expect(largest).toBeLessThanOrEqual(bytes.length);
        if (t === undefined || t instanceof ProtocolError) return;
        expect(decodeTable(encodeTable(t))).toEqual(t);
      }),
      fuzzRuns(1500),
    );
  });

  it("an unknown type letter is 502 SYNTAX_ERROR naming it; a truncated value of a known one is 501", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 255 }), fc.uint8Array({ maxLength: 9 }), (letter, value) => {
        const body = Buffer.concat([Buffer.from([1, 0x6b, letter]), value]);
        const bytes = Buffer.concat([Buffer.from([0, 0, 0, body.length]), body]);
        const r = attempt(() => decodeTable(bytes), [501, 502]);
        if (!TYPE_LETTERS.has(letter)) {
          const hex = letter.toString(16).padStart(2, "0");
          expect(r).toMatchObject({ replyCode: 502, replyText: `SYNTAX_ERROR - unknown field table type '${String.fromCharCode(letter)}' (0x${hex})` });
        }
      }),
      fuzzRuns(1000),
    );
  });

  it("nesting thousands deep is a 502, not a stack overflow", () => {
    for (const letter of ["F", "A"] as const) {
      const r = attempt(() => decodeTable(nested(20_000, letter)), [502]);
      expect(r).toBeInstanceOf(ProtocolError);
      expect((r as ProtocolError).replyText).toMatch(/^SYNTAX_ERROR - field (table|array) nesting too deep$/);
    }
  });
});

describe("content headers under mutation", () => {
  const header = basicProperties().chain((props) =>
    fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }).map((size) => {
      const raw = Properties.encode(props).raw;
      const h = Buffer.alloc(12);
      h.writeUInt16BE(60, 0);
      h.writeBigUInt64BE(size, 4);
      return Buffer.concat([h, raw]);
    }),
  );

  it("a header or 501; its properties decode or give 501/502; what decodes re-encodes to the same properties", () => {
    fc.assert(
      fc.property(header.chain((b) => fc.oneof(fc.constant(b), mutate(b))), (payload) => {
        const h = attempt(() => parseContentHeader(payload), [501]);
        if (h instanceof ProtocolError) return;
        expect(h.bodySize).toBeGreaterThanOrEqual(0);
        const props = attempt(() => h.properties.decode(), [501, 502]);
        if (props instanceof ProtocolError) return;
        expect(Properties.encode(props).decode()).toEqual(props);
      }),
      fuzzRuns(1500),
    );
  });
});
