// Property and mutation fuzzing of the frame splitter: whatever bytes arrive, in whatever chunks, it yields well-formed
// frames or a 501/505 ProtocolError, keeps the frames before a corruption intact, and never allocates for a size it was only told.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  encodeFrame,
  encodeMethodFrame,
  type Frame,
  FRAME_BODY,
  FRAME_HEADER,
  FRAME_HEARTBEAT,
  FRAME_METHOD,
  FrameSplitter,
  ProtocolError,
} from "../../src/protocol/index.js";
import { largestAllocation } from "../unit/protocol/alloc.js";
import { methodArgs } from "../unit/protocol/arbitraries.js";
import { chunked, frameLike } from "./arbitraries.js";
import { fuzzRuns } from "./fuzz-config.js";

const KNOWN_TYPES = new Set([FRAME_METHOD, FRAME_HEADER, FRAME_BODY, FRAME_HEARTBEAT]);
const FRAME_MAXES = [0, 4096, 131072] as const;

interface Split {
  frames: Frame[];
  error: unknown;
  largest: number;
  buffered: number;
}

/** Pushes the chunks one by one, pulling frames after each (as the connection does), and records what the splitter did. */
function split(chunks: readonly Buffer[], frameMax: number): Split {
  const s = new FrameSplitter(frameMax);
  const frames: Frame[] = [];
  let error: unknown;
  const largest = largestAllocation(() => {
    try {
      for (const c of chunks) {
        s.push(c);
        for (let f = s.next(); f !== undefined; f = s.next()) frames.push({ type: f.type, channel: f.channel, payload: Buffer.from(f.payload) });
      }
    } catch (e) {
      error = e;
    }
  });
  return { frames, error, largest, buffered: s.buffered };
}

const hostileStream = fc.oneof(
  fc.uint8Array({ maxLength: 2000, size: "max" }).map((a) => Buffer.from(a)),
  fc.array(frameLike, { maxLength: 12 }).map((fs) => Buffer.concat(fs)),
);

/** Encoded method frames of a few random kinds, the raw material of mutation fuzzing. */
const validFrames = fc.array(
  fc.oneof(
    methodArgs("queue.declare").map((a) => encodeMethodFrame(1, "queue.declare", a)),
    methodArgs("basic.publish").map((a) => encodeMethodFrame(2, "basic.publish", a)),
    methodArgs("exchange.bind").map((a) => encodeMethodFrame(3, "exchange.bind", a)),
    fc.uint8Array({ maxLength: 500 }).map((b) => encodeFrame(FRAME_BODY, 1, b)),
    fc.constant(encodeFrame(FRAME_HEARTBEAT, 0, Buffer.alloc(0))),
  ),
  { minLength: 1, maxLength: 8 },
);

function expectSplitterError(e: unknown): void {
  expect(e).toBeInstanceOf(ProtocolError);
  const err = e as ProtocolError;
  expect([501, 505]).toContain(err.replyCode);
  expect(err.replyText).toMatch(/^(FRAME_ERROR|UNEXPECTED_FRAME) - type \d+, (all|first 16) octets = <<.*>>/s);
}

describe("frame splitter under hostile input", () => {
  it("yields only well-formed frames or a 501/505, and allocates no more than arrived", () => {
    fc.assert(
      fc.property(hostileStream, fc.array(fc.nat(), { maxLength: 20 }), fc.constantFrom(...FRAME_MAXES), (bytes, cuts, frameMax) => {
        const r = split(chunked(bytes, cuts), frameMax);
        if (r.error !== undefined) expectSplitterError(r.error);
        let consumed = 0;
        for (const f of r.frames) {
          expect(KNOWN_TYPES.has(f.type)).toBe(true);
          if (frameMax > 0) expect(f.payload.length).toBeLessThanOrEqual(frameMax - 8);
          if (f.type === FRAME_HEARTBEAT) expect([f.channel, f.payload.length]).toEqual([0, 0]);
          consumed += f.payload.length + 8;
        }
        if (r.error === undefined) expect(consumed + r.buffered).toBe(bytes.length);
        else expect(consumed).toBeLessThanOrEqual(bytes.length);
        expect(r.largest).toBeLessThanOrEqual(bytes.length);
      }),
      fuzzRuns(400),
    );
  });

  it("a corruption never changes the frames before it; a truncation only leaves the rest waiting", () => {
    const mutation = fc.oneof(
      fc.record({ kind: fc.constant("flip" as const), at: fc.nat(), xor: fc.integer({ min: 1, max: 255 }) }),
      fc.record({ kind: fc.constant("size" as const), at: fc.nat(), size: fc.oneof(fc.constant(0xffffffff), fc.integer({ min: 0, max: 0xffffffff }), fc.nat(600)) }),
      fc.record({ kind: fc.constant("insert" as const), at: fc.nat(), bytes: fc.uint8Array({ minLength: 1, maxLength: 20 }) }),
      fc.record({ kind: fc.constant("truncate" as const), at: fc.nat() }),
    );
    fc.assert(
      fc.property(validFrames, mutation, fc.array(fc.nat(), { maxLength: 10 }), (frames, m, cuts) => {
        const original = Buffer.concat(frames);
        const starts = frames.reduce<number[]>((acc, f, i) => [...acc, (acc[i] ?? 0) + f.length], [0]);
        let bytes: Buffer;
        let at: number;
        switch (m.kind) {
          case "flip":
            at = m.at % original.length;
            bytes = Buffer.from(original);
            bytes[at]! ^= m.xor;
            break;
          case "size": {
            const k = m.at % frames.length;
            at = starts[k]! + 3;
            bytes = Buffer.from(original);
            bytes.writeUInt32BE(m.size, at);
            break;
          }
          case "insert":
            at = m.at % (original.length + 1);
            bytes = Buffer.concat([original.subarray(0, at), m.bytes, original.subarray(at)]);
            break;
          case "truncate":
            at = m.at % original.length;
            bytes = original.subarray(0, at);
            break;
        }
        const r = split(chunked(bytes, cuts), 131072);
        // frames that end before the first changed byte come out exactly as sent
        const intact = starts.slice(1).filter((end) => end <= at).length;
        const expected = frames.slice(0, intact).map((f) => f.subarray(7, f.length - 1).toString("hex"));
        expect(r.frames.slice(0, intact).map((f) => f.payload.toString("hex"))).toEqual(expected);
        if (m.kind === "truncate") expect([r.error, r.frames.length]).toEqual([undefined, intact]);
        if (r.error !== undefined) expectSplitterError(r.error);
        expect(r.largest).toBeLessThanOrEqual(bytes.length);
      }),
      fuzzRuns(400),
    );
  });

  it("a size announced up to 4 GiB with no frame_max buffers only what arrived; with one it is refused from the header alone", () => {
    fc.assert(
      fc.property(fc.integer({ min: 4089, max: 0xffffffff }), fc.uint8Array({ maxLength: 1500 }), fc.array(fc.nat(), { maxLength: 8 }), (size, body, cuts) => {
        const header = Buffer.alloc(7);
        header[0] = FRAME_BODY;
        header.writeUInt16BE(1, 1);
        header.writeUInt32BE(size, 3);
        const bytes = Buffer.concat([header, body]);
        const open = split(chunked(bytes, cuts), 0);
        expect([open.error, open.frames.length, open.buffered]).toEqual([undefined, 0, bytes.length]);
        expect(open.largest).toBeLessThanOrEqual(bytes.length);
        const limited = split([header], 4096);
        expect(limited.error).toMatchObject({ replyCode: 501, replyText: `FRAME_ERROR - type 3, all octets = <<>>: {frame_too_large,${size},4088}` });
        expect(limited.largest).toBeLessThanOrEqual(7);
      }),
      fuzzRuns(300),
    );
  });

  it("unknown frame types are 501 unknown_frame and heartbeats off channel 0 are 505, whatever they carry", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 255 }).filter((t) => !KNOWN_TYPES.has(t)), fc.integer({ min: 0, max: 65535 }), fc.uint8Array({ maxLength: 64 }), (type, channel, payload) => {
        const r = split([encodeFrame(type, channel, payload)], 131072);
        expect(r.error).toMatchObject({ replyCode: 501 });
        expect((r.error as ProtocolError).replyText).toMatch(new RegExp(`^FRAME_ERROR - type ${type}, (all|first 16) octets = <<.*>>: unknown_frame$`, "s"));
      }),
      fuzzRuns(200),
    );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 65535 }), (channel) => {
        const r = split([encodeFrame(FRAME_HEARTBEAT, channel, Buffer.alloc(0))], 131072);
        expect(r.error).toMatchObject({ replyCode: 505, replyText: "UNEXPECTED_FRAME - type 8, all octets = <<>>" });
      }),
      fuzzRuns(100),
    );
  });

  it("quotes a bad frame's payload as RabbitMQ does: all of it up to 16 bytes, printable bytes as text", () => {
    const bad = (payload: Buffer): string => {
      const f = encodeFrame(FRAME_METHOD, 1, payload);
      f[f.length - 1] = 0;
      return (split([f], 0).error as ProtocolError).replyText;
    };
    expect(bad(Buffer.from("hello"))).toBe('FRAME_ERROR - type 1, all octets = <<"hello">>: {invalid_frame_end_marker,0}');
    expect(bad(Buffer.from('a"b\\c\n'))).toBe('FRAME_ERROR - type 1, all octets = <<"a\\"b\\\\c\\n">>: {invalid_frame_end_marker,0}');
    expect(bad(Buffer.from("0123456789abcdefXYZ"))).toBe('FRAME_ERROR - type 1, first 16 octets = <<"0123456789abcdef">>: {invalid_frame_end_marker,0}');
    expect(bad(Buffer.from([0, 60, 0, 10]))).toBe("FRAME_ERROR - type 1, all octets = <<0,60,0,10>>: {invalid_frame_end_marker,0}");
  });
});
