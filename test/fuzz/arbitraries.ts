// Hostile-input generators shared by the fuzz tests: frames whose every field may lie, byte-level corruptions, chunkings.
import fc from "fast-check";
import { encodeFrame, encodeMethodFrame, FRAME_BODY, FRAME_HEADER, METHODS, type MethodName, Properties } from "../../src/protocol/index.js";
import { basicProperties, methodArgs } from "../unit/protocol/arbitraries.js";

/** Splits bytes into consecutive chunks whose sizes cycle through `sizes` (taken modulo what is left); none: one chunk. */
export function chunked(data: Buffer, sizes: readonly number[]): Buffer[] {
  if (sizes.length === 0) return [data];
  const out: Buffer[] = [];
  for (let at = 0, i = 0; at < data.length; i++) {
    const n = 1 + (sizes[i % sizes.length]! % (data.length - at));
    out.push(data.subarray(at, at + n));
    at += n;
  }
  return out;
}

/** A frame as bytes with every field drawn freely: types, sizes and end octets may all lie. */
export const frameLike = fc
  .record({
    type: fc.oneof(fc.constantFrom(1, 2, 3, 8), fc.integer({ min: 0, max: 255 })),
    channel: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 65535 })),
    payload: fc.uint8Array({ maxLength: 300 }),
    lie: fc.option(fc.oneof(fc.integer({ min: 0, max: 400 }), fc.constant(0xffffffff), fc.integer({ min: 0, max: 0xffffffff })), { freq: 4 }),
    end: fc.option(fc.integer({ min: 0, max: 255 }), { freq: 6 }),
  })
  .map(({ type, channel, payload, lie, end }) => {
    const f = encodeFrame(type, channel, payload);
    if (lie !== null) f.writeUInt32BE(lie, 3);
    if (end !== null) f[f.length - 1] = end;
    return f;
  });

/** A byte-level corruption: flip, overwrite a 4-byte length with a lie, insert, delete, or cut short. */
export const mutate = (bytes: Buffer): fc.Arbitrary<Buffer> =>
  fc.oneof(
    fc.record({ at: fc.nat(), xor: fc.integer({ min: 1, max: 255 }) }).map(({ at, xor }) => {
      const out = Buffer.from(bytes);
      if (out.length > 0) out[at % out.length]! ^= xor;
      return out;
    }),
    fc.record({ at: fc.nat(), lie: fc.oneof(fc.constant(0xffffffff), fc.constant(0x7fffffff), fc.nat(1000)) }).map(({ at, lie }) => {
      const out = Buffer.from(bytes);
      if (out.length >= 4) out.writeUInt32BE(lie, at % (out.length - 3));
      return out;
    }),
    fc.record({ at: fc.nat(), extra: fc.uint8Array({ minLength: 1, maxLength: 12 }) }).map(({ at, extra }) => {
      const i = at % (bytes.length + 1);
      return Buffer.concat([bytes.subarray(0, i), extra, bytes.subarray(i)]);
    }),
    fc.record({ at: fc.nat(), n: fc.integer({ min: 1, max: 8 }) }).map(({ at, n }) => {
      const i = at % (bytes.length + 1);
      return Buffer.concat([bytes.subarray(0, i), bytes.subarray(i + n)]);
    }),
    fc.nat().map((at) => bytes.subarray(0, at % (bytes.length + 1))),
  );

const NAMES = Object.keys(METHODS) as MethodName[];

/** Any method of the protocol with arbitrary arguments, as a frame on `channel`. */
export const methodFrame = (channel: number): fc.Arbitrary<Buffer> =>
  fc.constantFrom(...NAMES).chain((name) => methodArgs(name).map((args) => encodeMethodFrame(channel, name, args as never)));

/** What a client sends on a channel: no connection methods, no replies, none of the server's basic methods. */
const CLIENT_NAMES = NAMES.filter((n) => !n.startsWith("connection.") && !n.endsWith("-ok") && !["basic.deliver", "basic.return", "basic.get-empty"].includes(n));

/** A method a client may send on a channel, with arbitrary arguments. */
export const clientMethodFrame = (channel: number): fc.Arbitrary<Buffer> =>
  fc.constantFrom(...CLIENT_NAMES).chain((name) => methodArgs(name).map((args) => encodeMethodFrame(channel, name, args as never)));

/** basic.publish to the default exchange with arbitrary properties and a body of the announced size, split into frames. */
export const publishWithContent = (channel: number, routingKey: string): fc.Arbitrary<Buffer> =>
  fc.tuple(basicProperties(), fc.uint8Array({ maxLength: 3000 }), fc.integer({ min: 1, max: 4000 })).map(([props, body, step]) => {
    const header = Buffer.alloc(12);
    header.writeUInt16BE(60, 0);
    header.writeBigUInt64BE(BigInt(body.length), 4);
    const frames = [
      encodeMethodFrame(channel, "basic.publish", { ticket: 0, exchange: "", routingKey, mandatory: false, immediate: false }),
      encodeFrame(FRAME_HEADER, channel, Buffer.concat([header, Properties.encode(props).raw])),
    ];
    for (let at = 0; at < body.length; at += step) frames.push(encodeFrame(FRAME_BODY, channel, body.subarray(at, at + step)));
    return Buffer.concat(frames);
  });
