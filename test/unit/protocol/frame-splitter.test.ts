import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { encodeFrame, type Frame } from "../../../src/protocol/frame.js";
import { FrameSplitter, parseFrame } from "../../../src/protocol/frame-splitter.js";
import { largestAllocation } from "./alloc.js";
import { clientFrames, hex, serverFrames } from "./vectors.js";

const FRAME_MAX = 131072;
const stream = Buffer.concat([...Object.values(clientFrames), ...Object.values(serverFrames)].map(hex));

function drain(s: FrameSplitter): Frame[] {
  const out: Frame[] = [];
  for (let f = s.next(); f !== undefined; f = s.next()) out.push({ type: f.type, channel: f.channel, payload: Buffer.from(f.payload) });
  return out;
}

/** Cuts `data` at the given offsets (sorted, deduplicated) into chunks. */
function chunk(data: Buffer, cuts: number[]): Buffer[] {
  const at = [...new Set(cuts.map((c) => c % (data.length + 1)))].sort((a, b) => a - b);
  const out: Buffer[] = [];
  let prev = 0;
  for (const c of [...at, data.length]) {
    out.push(data.subarray(prev, c));
    prev = c;
  }
  return out;
}

function fail(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error("expected an error");
}

describe("FrameSplitter", () => {
  const whole = drain(withChunks([stream]));

  function withChunks(chunks: Buffer[], frameMax = FRAME_MAX): FrameSplitter {
    const s = new FrameSplitter(frameMax);
    for (const c of chunks) s.push(c);
    return s;
  }

  it("splits a captured amqplib/RabbitMQ session into its frames", () => {
    expect(whole).toHaveLength(Object.keys(clientFrames).length + Object.keys(serverFrames).length);
    expect(whole.map((f) => f.type)).toEqual([1, 1, 1, 1, 1, 1, 2, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 3, 1, 1]);
    expect(whole[7]!.payload.toString()).toBe("hello");
  });

  it("yields the same frames for any chunking, pulled as chunks arrive", () => {
    fc.assert(
      fc.property(fc.array(fc.nat(), { maxLength: 60 }), (cuts) => {
        const s = new FrameSplitter(FRAME_MAX);
        const got: Frame[] = [];
        for (const c of chunk(stream, cuts)) {
          s.push(c);
          got.push(...drain(s));
        }
        expect(got).toEqual(whole);
        expect(s.buffered).toBe(0);
      }),
      { numRuns: 300 },
    );
  });

  it("handles one byte at a time", () => {
    const s = new FrameSplitter(FRAME_MAX);
    const got: Frame[] = [];
    for (let i = 0; i < stream.length; i++) {
      s.push(stream.subarray(i, i + 1));
      got.push(...drain(s));
    }
    expect(got).toEqual(whole);
  });

  it("returns views into the chunk when a frame does not straddle chunks", () => {
    const s = withChunks([stream]);
    const f = s.next()!;
    expect(f.payload.buffer).toBe(stream.buffer);
  });

  it("waits on a truncated frame without error", () => {
    const s = withChunks([stream.subarray(0, 100)]);
    expect(s.next()).toBeUndefined();
    expect(s.buffered).toBe(100);
  });

  it("rejects a bad frame-end octet with 501", () => {
    const bad = Buffer.from(hex(clientFrames.tuneOk));
    bad[bad.length - 1] = 0;
    expect(fail(() => withChunks([bad]).next())).toMatchObject({
      replyCode: 501,
      replyText: "FRAME_ERROR - type 1, all octets = <<0,10,0,31,7,255,0,2,0,0,0,60>>: {invalid_frame_end_marker,0}",
    });
  });

  it("rejects a frame larger than frame_max with 501 as soon as its header arrives", () => {
    const big = encodeFrame(3, 1, Buffer.alloc(140000));
    expect(fail(() => withChunks([big.subarray(0, 7)]).next())).toMatchObject({
      replyCode: 501,
      replyText: "FRAME_ERROR - type 3, all octets = <<>>: {frame_too_large,140000,131064}",
    });
    expect(drain(withChunks([encodeFrame(3, 1, Buffer.alloc(FRAME_MAX - 8))]))).toHaveLength(1);
  });

  it("accepts a frame of exactly frame_max and applies a changed frame_max", () => {
    const s = new FrameSplitter(4096);
    s.push(encodeFrame(3, 1, Buffer.alloc(4088)));
    expect(s.next()?.payload.length).toBe(4088);
    s.push(encodeFrame(3, 1, Buffer.alloc(4089)));
    expect(fail(() => s.next())).toMatchObject({ replyCode: 501 });
    s.reset();
    s.frameMax = 8192;
    s.push(encodeFrame(3, 1, Buffer.alloc(4089)));
    expect(s.next()?.payload.length).toBe(4089);
  });

  it("rejects announced sizes of 4 GiB without allocating for them, even with no frame_max", () => {
    const header = Buffer.from([1, 0, 1, 0xff, 0xff, 0xff, 0xff, 0, 0]);
    const s = new FrameSplitter(FRAME_MAX);
    let err: unknown;
    const largest = largestAllocation(() => {
      s.push(header.subarray(0, 3));
      s.push(header.subarray(3));
      err = fail(() => s.next());
      const unlimited = new FrameSplitter(0);
      unlimited.push(header.subarray(0, 3));
      unlimited.push(header.subarray(3));
      for (let i = 0; i < 100; i++) unlimited.push(Buffer.alloc(1000));
      expect(unlimited.next()).toBeUndefined();
    });
    expect(err).toMatchObject({ replyCode: 501, replyText: "FRAME_ERROR - type 1, all octets = <<>>: {frame_too_large,4294967295,131064}" });
    expect(largest).toBeLessThanOrEqual(1000);
  });

  it("rejects unknown frame types and malformed heartbeats, as RabbitMQ words them", () => {
    expect(fail(() => withChunks([encodeFrame(9, 1, Buffer.alloc(0))]).next())).toMatchObject({ replyCode: 501, replyText: "FRAME_ERROR - type 9, all octets = <<>>: unknown_frame" });
    expect(fail(() => withChunks([encodeFrame(8, 0, Buffer.from([1, 2]))]).next())).toMatchObject({ replyCode: 501, replyText: "FRAME_ERROR - type 8, all octets = <<1,2>>: unknown_frame" });
    expect(fail(() => withChunks([encodeFrame(8, 1, Buffer.alloc(0))]).next())).toMatchObject({ replyCode: 505, replyText: "UNEXPECTED_FRAME - type 8, all octets = <<>>" });
    expect(fail(() => withChunks([encodeFrame(1, 1, Buffer.from([0, 50]))]).next())).toMatchObject({ replyCode: 501, replyText: "FRAME_ERROR - type 1, all octets = <<0,50>>: unknown_frame" });
    expect(fail(() => withChunks([encodeFrame(2, 1, Buffer.alloc(13))]).next())).toMatchObject({ replyCode: 501 });
  });

  it("passes heartbeats and empty body frames through", () => {
    const s = withChunks([encodeFrame(8, 0, Buffer.alloc(0)), encodeFrame(3, 2, Buffer.alloc(0))]);
    expect(drain(s)).toEqual([
      { type: 8, channel: 0, payload: Buffer.alloc(0) },
      { type: 3, channel: 2, payload: Buffer.alloc(0) },
    ]);
  });
});

describe("parseFrame", () => {
  it("parses exactly one frame and refuses partial or extra bytes", () => {
    const f = parseFrame(hex(clientFrames.tuneOk));
    expect([f.type, f.channel, f.payload.length]).toEqual([1, 0, 12]);
    expect(fail(() => parseFrame(hex(clientFrames.tuneOk).subarray(0, 10)))).toMatchObject({ replyCode: 501 });
    expect(fail(() => parseFrame(Buffer.concat([hex(clientFrames.tuneOk), Buffer.from([1])])))).toMatchObject({ replyCode: 501 });
  });
});
