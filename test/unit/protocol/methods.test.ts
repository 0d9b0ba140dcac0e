import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ProtocolError } from "../../../src/protocol/errors.js";
import { decodeMethod, encodeMethodFrame } from "../../../src/protocol/frame.js";
import { METHOD_BY_ID, METHOD_IDS, METHODS, type MethodArgs, type MethodName } from "../../../src/protocol/methods.generated.js";
import { Reader } from "../../../src/protocol/reader.js";
import { Writer } from "../../../src/protocol/writer.js";
import { methodArgs } from "./arbitraries.js";

interface AmqplibDefs {
  decode(id: number, args: Buffer): Record<string, unknown>;
  encodeMethod(id: number, channel: number, fields: Record<string, unknown>): Buffer;
}
// amqplib's own codec is an independent implementation: agreeing with it in both directions is the cross-check
const require = createRequire(import.meta.url);
const amqplib = require(join(dirname(require.resolve("amqplib")), "lib", "defs.js")) as AmqplibDefs;

const names = Object.keys(METHODS) as MethodName[];

function roundTrip<N extends MethodName>(name: N, args: MethodArgs[N]): unknown {
  const frame = encodeMethodFrame(3, name, args);
  expect(frame.readUInt16BE(1)).toBe(3);
  expect(frame.readUInt32BE(3)).toBe(frame.length - 8);
  const m = decodeMethod(frame.subarray(7, frame.length - 1));
  expect(m.name).toBe(name);
  return m.args;
}

describe("method table", () => {
  it("covers every class and method of the spec with unique ids", () => {
    expect(names).toHaveLength(66);
    expect(METHOD_BY_ID.size).toBe(names.length);
    for (const n of names) expect(METHOD_BY_ID.get(METHOD_IDS[n])?.name).toBe(n);
    expect(METHOD_IDS["basic.publish"]).toBe((60 << 16) | 40);
  });

  it("marks content, synchronous methods and their responses", () => {
    expect(names.filter((n) => METHODS[n].hasContent).sort()).toEqual(["basic.deliver", "basic.get-ok", "basic.publish", "basic.return"]);
    expect(METHODS["basic.get"].responses).toEqual(["basic.get-ok", "basic.get-empty"]);
    expect(METHODS["connection.start"].responses).toEqual(["connection.start-ok"]);
    expect(METHODS["basic.publish"].synchronous).toBe(false);
    for (const n of names) if (METHODS[n].synchronous) expect(METHODS[n].responses.length).toBeGreaterThan(0);
  });
});

describe("every method round-trips arbitrary arguments", () => {
  for (const name of names) {
    it(name, () => {
      fc.assert(fc.property(methodArgs(name), (args) => {
        expect(roundTrip(name, args)).toEqual(args);
      }), { numRuns: 60 });
    });
  }
});

describe("bit packing", () => {
  it("packs consecutive bits LSB-first into one octet", () => {
    const w = new Writer();
    METHODS["queue.declare"].encode(w, { ticket: 0, queue: "q", passive: false, durable: true, exclusive: false, autoDelete: true, nowait: true, arguments: new Map() });
    expect(w.finish().toString("hex")).toBe("000001" + "71" + "1a" + "00000000");
  });

  it("starts a new octet after a non-bit field", () => {
    const w = new Writer();
    METHODS["basic.deliver"].encode(w, { consumerTag: "c", deliveryTag: 7, redelivered: true, exchange: "", routingKey: "k" });
    expect(w.finish().toString("hex")).toBe("0163" + "0000000000000007" + "01" + "00" + "016b");
  });
});

describe("agrees with amqplib's codec", () => {
  // amqplib infers table value types from JS values, so tables are compared empty here (field-table tests cover them)
  const noTables = { table: () => fc.constant(new Map()) };
  const toAmqplib = (args: Record<string, unknown>): Record<string, unknown> =>
    Object.fromEntries(Object.entries(args).map(([k, v]) => [k, v instanceof Map ? {} : v]));

  for (const name of names) {
    it(name, () => {
      const id = METHOD_IDS[name];
      fc.assert(
        fc.property(methodArgs(name, noTables), (args) => {
          const ours = encodeMethodFrame(1, name, args);
          const theirs = amqplib.encodeMethod(id, 1, toAmqplib(args as Record<string, unknown>));
          expect(ours.toString("hex")).toBe(theirs.toString("hex"));
          const decoded = amqplib.decode(id, ours.subarray(11, ours.length - 1));
          expect(toAmqplib(decoded)).toEqual(toAmqplib(args as Record<string, unknown>));
        }),
        { numRuns: 25 },
      );
    });
  }
});

describe("method decoding rejects bad input", () => {
  const payload = (hex: string): Buffer => Buffer.from(hex, "hex");

  it("unknown class/method ids are 503 COMMAND_INVALID", () => {
    expect(catchError(() => decodeMethod(payload("00320063")))).toMatchObject({ replyCode: 503, replyText: "COMMAND_INVALID - unknown method (50, 99)" });
  });

  it("truncated arguments are 501 naming the method, worded as RabbitMQ", () => {
    const err = catchError(() => decodeMethod(payload("0032000a" + "0000" + "0171")));
    expect(err).toMatchObject({ replyCode: 501, classId: 50, methodId: 10, replyText: "FRAME_ERROR - cannot decode <<0,0,1,113>>" });
  });

  it("trailing bytes are 501 too (RabbitMQ refuses them)", () => {
    const err = catchError(() => decodeMethod(payload("0032000a" + "0000" + "0171" + "08" + "00000000" + "010203")));
    expect(err).toMatchObject({ replyCode: 501, classId: 50, methodId: 10 });
  });

  it("payloads shorter than class+method ids are 501", () => {
    expect(catchError(() => decodeMethod(payload("0032")))).toMatchObject({ replyCode: 501 });
  });

  it("malformed UTF-8 in a shortstr is 501, except in content methods (not checked, as RabbitMQ)", () => {
    const bad = "02fffe";
    const err = catchError(() => decodeMethod(payload("00320028" + "0000" + bad + "00")));
    expect(err).toMatchObject({ replyCode: 501, replyText: "FRAME_ERROR - Malformed UTF-8 in shortstr", classId: 50, methodId: 40 });
    const publish = decodeMethod(payload("003c0028" + "0000" + "00" + bad + "00"));
    expect(publish.name === "basic.publish" && publish.args.routingKey).toBe("\uFFFD\uFFFD");
  });

  it("a valid U+FFFD in a name is not mistaken for bad UTF-8", () => {
    const name = Buffer.from("q\uFFFD", "utf8");
    const m = decodeMethod(Buffer.concat([payload("00320028" + "0000"), Buffer.from([name.length]), name, payload("00")]));
    expect(m.name === "queue.delete" && m.args.queue).toBe("q\uFFFD");
  });

  it("delivery tags beyond 2^53-1 are 502 SYNTAX_ERROR rather than silently rounded", () => {
    const r = new Reader(payload("0020000000000000"));
    expect(catchError(() => r.longlong())).toMatchObject({ replyCode: 502 });
  });
});

function catchError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error("expected an error");
}

describe("ProtocolError", () => {
  it("keeps reply texts within a shortstr", () => {
    const e = new ProtocolError(406, "é".repeat(300));
    expect(Buffer.byteLength(e.replyText)).toBeLessThanOrEqual(255);
    expect(e.replyText.startsWith("PRECONDITION_FAILED - éé")).toBe(true);
  });
});
