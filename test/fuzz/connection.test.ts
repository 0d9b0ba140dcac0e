// The connection state machine fuzzed over real sockets to an in-process broker. Every hostile input ends in the right
// connection or channel error, or a closed socket: never an INTERNAL_ERROR, never a crash, never a buffer sized by what a
// client merely announced; and the well-behaved clients connected meanwhile keep working with their messages untouched.
import { connect as tcpConnect } from "node:net";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { type RunningBroker, startBroker } from "../../src/index.js";
import {
  encodeFrame,
  encodeMethodFrame,
  FRAME_BODY,
  FRAME_HEADER,
  METHODS,
  type MethodArgs,
  type MethodName,
  PROTOCOL_HEADER,
} from "../../src/protocol/index.js";
import { RawClient } from "../integration/broker/raw-client.js";
import { type Bystanders, startBystanders } from "../integration/hardening/bystanders.js";
import { methodArgs } from "../unit/protocol/arbitraries.js";
import { clientMethodFrame, frameLike, methodFrame, mutate, publishWithContent } from "./arbitraries.js";
import { socketRuns } from "./fuzz-config.js";
import { closeIsWellFormed, type Outcome, outcomeOf } from "./outcome.js";

let broker: RunningBroker;
let bystanders: Bystanders;
/** Consumes whatever the fuzzed publishes route to "fuzz-sink", properties and all, through our own codec. */
let sink: RawClient;
const internalErrors: unknown[][] = [];

beforeAll(async () => {
  // an internal error is a broker bug whatever the client sent: the broker logs those with console.error
  vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => void internalErrors.push(args));
  broker = await startBroker({ amqpPort: 0, httpPort: 0 });
  bystanders = await startBystanders(`amqp://guest:guest@127.0.0.1:${broker.amqpPort}`, "fuzz");
  sink = await RawClient.handshake(broker.amqpPort);
  sink.send(1, "channel.open", { outOfBand: "" });
  await sink.expectMethod("channel.open-ok");
  sink.send(1, "queue.declare", { ticket: 0, queue: "fuzz-sink", passive: false, durable: false, exclusive: true, autoDelete: false, nowait: false, arguments: new Map() });
  await sink.expectMethod("queue.declare-ok");
  sink.send(1, "basic.consume", { ticket: 0, queue: "fuzz-sink", consumerTag: "sink", noLocal: false, noAck: true, exclusive: false, nowait: false, arguments: new Map() });
  await sink.expectMethod("basic.consume-ok");
});
afterAll(async () => {
  sink?.destroy();
  await bystanders?.close();
  await broker?.close();
  vi.restoreAllMocks();
});

/** A fresh connection, opened, with channel 1 open; frame_max 4096 so lying sizes are refused from the header. */
async function opened(): Promise<RawClient> {
  const c = await RawClient.handshake(broker.amqpPort, { frameMax: 4096 });
  c.send(1, "channel.open", { outOfBand: "" });
  await c.expectMethod("channel.open-ok");
  return c;
}

async function run(bytes: Buffer): Promise<Outcome> {
  const c = await opened();
  try {
    return await outcomeOf(c, bytes);
  } finally {
    c.destroy();
  }
}

const contentHeader = (classId: number, bodySize: bigint, weight = 0): Buffer => {
  const h = Buffer.alloc(14);
  h.writeUInt16BE(classId, 0);
  h.writeUInt16BE(weight, 2);
  h.writeBigUInt64BE(bodySize, 4);
  return encodeFrame(FRAME_HEADER, 1, h);
};
const publish = (exchange = ""): Buffer => encodeMethodFrame(1, "basic.publish", { ticket: 0, exchange, routingKey: "fuzz-none", mandatory: false, immediate: false });
const method = <N extends MethodName>(channel: number, name: N, args: MethodArgs[N]): Buffer => encodeMethodFrame(channel, name, args);
const declareWithArg = (letter: number): Buffer => {
  const f = method(1, "queue.declare", { ticket: 0, queue: "fuzz-q", passive: false, durable: false, exclusive: true, autoDelete: false, nowait: false, arguments: new Map([["k", { type: "S", value: Buffer.from("v") }]]) });
  f[f.indexOf(Buffer.from([1, 0x6b, 0x53])) + 2] = letter;
  return f;
};

const conn = (code: number, text: string, classId = 0, methodId = 0): Outcome => ({ kind: "connection.close", code, text, classId, methodId, channel: 0 });
const chan = (code: number, text: string, classId: number, methodId: number): Outcome => ({ kind: "channel.close", code, text, classId, methodId, channel: 1 });

describe("hostile frames after the handshake get RabbitMQ's replies (texts observed on RabbitMQ 3.10.8 unless noted)", () => {
  const header4G = Buffer.from([FRAME_BODY, 0, 1, 0xff, 0xff, 0xff, 0xff]);
  const cases: [string, () => Buffer, Outcome][] = [
    ["a frame over the negotiated frame_max", () => encodeFrame(FRAME_BODY, 1, Buffer.alloc(5000)), conn(501, "FRAME_ERROR - type 3, all octets = <<>>: {frame_too_large,5000,4088}")],
    ["a 4 GiB announced size", () => header4G, conn(501, "FRAME_ERROR - type 3, all octets = <<>>: {frame_too_large,4294967295,4088}")],
    ["an unknown frame type", () => encodeFrame(9, 1, Buffer.from("hello")), conn(501, 'FRAME_ERROR - type 9, all octets = <<"hello">>: unknown_frame')],
    ["a bad frame-end octet", () => Buffer.concat([method(1, "basic.qos", { prefetchSize: 0, prefetchCount: 1, global: false }).subarray(0, -1), Buffer.from([0])]), conn(501, "FRAME_ERROR - type 1, all octets = <<0,60,0,10,0,0,0,0,0,1,0>>: {invalid_frame_end_marker,0}")],
    ["a method frame too short for its ids", () => encodeFrame(1, 1, Buffer.from([0, 60])), conn(501, "FRAME_ERROR - type 1, all octets = <<0,60>>: unknown_frame")],
    ["truncated method arguments", () => encodeFrame(1, 1, Buffer.from([0, 50, 0, 10, 0])), conn(501, "FRAME_ERROR - cannot decode <<0>>", 50, 10)],
    ["trailing bytes after the arguments", () => encodeFrame(1, 1, Buffer.from([0, 60, 0, 10, 0, 0, 0, 0, 0, 1, 0, 9, 9])), conn(501, "FRAME_ERROR - cannot decode <<0,0,0,0,0,1,0,9,9>>", 60, 10)],
    ["a content header without its method", () => contentHeader(60, 5n), conn(505, "UNEXPECTED_FRAME - expected method frame, got non method frame instead")],
    ["a body frame without its method", () => encodeFrame(FRAME_BODY, 1, Buffer.from("x")), conn(505, "UNEXPECTED_FRAME - expected method frame, got non method frame instead")],
    ["a content header of another class", () => Buffer.concat([publish(), contentHeader(50, 1n)]), conn(505, "UNEXPECTED_FRAME - expected content header for class 60, got one for class 50 instead", 60, 40)],
    ["a content header with a nonzero weight", () => Buffer.concat([publish(), contentHeader(60, 1n, 1)]), conn(505, "UNEXPECTED_FRAME - expected content header for class 60, got non content header frame instead", 60, 40)],
    ["a method where the body should be", () => Buffer.concat([publish(), contentHeader(60, 1n), method(1, "basic.qos", { prefetchSize: 0, prefetchCount: 1, global: false })]), conn(505, "UNEXPECTED_FRAME - expected content body, got non content body frame instead", 60, 40)],
    // RabbitMQ waits forever for a body that overran its header; warren refuses it (its own text)
    ["a body longer than its header said", () => Buffer.concat([publish(), contentHeader(60, 1n), encodeFrame(FRAME_BODY, 1, Buffer.from("xy"))]), conn(505, "UNEXPECTED_FRAME - content body exceeds the size in its header", 60, 40)],
    ["a heartbeat on channel 1", () => encodeFrame(8, 1, Buffer.alloc(0)), conn(505, "UNEXPECTED_FRAME - type 8, all octets = <<>>")],
    ["a heartbeat on channel 65535", () => encodeFrame(8, 65535, Buffer.alloc(0)), conn(505, "UNEXPECTED_FRAME - type 8, all octets = <<>>")],
    ["a content header on channel 0", () => encodeFrame(FRAME_HEADER, 0, Buffer.from([0, 60, ...Buffer.alloc(12)])), conn(505, "UNEXPECTED_FRAME - type 2, all octets = <<0,60,0,0,0,0,0,0,0,0,0,0,0,0>>")],
    ["a body frame on channel 0", () => encodeFrame(FRAME_BODY, 0, Buffer.from("0123456789abcdefXYZ")), conn(505, 'UNEXPECTED_FRAME - type 3, first 16 octets = <<"0123456789abcdef">>')],
    ["a channel method on channel 0", () => method(0, "channel.open", { outOfBand: "" }), conn(504, "CHANNEL_ERROR - unexpected method in connection state running", 20, 10)],
    ["a second connection.open", () => method(0, "connection.open", { virtualHost: "/", capabilities: "", insist: false }), conn(504, "CHANNEL_ERROR - unexpected method in connection state running", 10, 40)],
    ["a connection method on channel 1", () => method(1, "connection.tune-ok", { channelMax: 1, frameMax: 4096, heartbeat: 0 }), conn(503, "COMMAND_INVALID - unimplemented method", 10, 31)],
    ["a method on an unopened channel", () => method(5, "basic.qos", { prefetchSize: 0, prefetchCount: 1, global: false }), conn(504, "CHANNEL_ERROR - expected 'channel.open'", 60, 10)],
    ["channel.close on an unopened channel", () => method(7, "channel.close", { replyCode: 200, replyText: "", classId: 0, methodId: 0 }), conn(504, "CHANNEL_ERROR - expected 'channel.open'", 20, 40)],
    ["channel.close-ok on an unopened channel", () => method(7, "channel.close-ok", {}), conn(504, "CHANNEL_ERROR - expected 'channel.open'", 20, 41)],
    ["a content header on an unopened channel", () => encodeFrame(FRAME_HEADER, 9, Buffer.from([0, 60, ...Buffer.alloc(12)])), conn(505, "UNEXPECTED_FRAME - expected method frame, got non method frame instead")],
    ["a second channel.open", () => method(1, "channel.open", { outOfBand: "" }), conn(504, "CHANNEL_ERROR - second 'channel.open' seen", 20, 10)],
    // RabbitMQ drops the socket on these two; warren names the fault (its own texts)
    ["an unknown method id", () => encodeFrame(1, 1, Buffer.from([0, 60, 0, 99])), conn(503, "COMMAND_INVALID - unknown method (60, 99)")],
    ["a field table with an unknown type letter", () => declareWithArg(0x5a), conn(502, "SYNTAX_ERROR - unknown field table type 'Z' (0x5a)", 50, 10)],
    ["a field table whose length lies", () => {
      const f = declareWithArg(0x53);
      f.writeUInt32BE(0x7fffffff, f.indexOf(Buffer.from([1, 0x6b, 0x53])) - 4);
      return f;
    }, conn(501, "FRAME_ERROR - cannot decode <<0,0,6,102,117,122,122,45,113,4,127,255,255,255,1,107,83,0,0,0,1,118>>", 50, 10)],
    ["channel.flow active=false", () => method(1, "channel.flow", { active: false }), conn(540, "NOT_IMPLEMENTED - active=false", 20, 20)],
    ["a message announced at 4 GiB", () => Buffer.concat([publish(), contentHeader(60, 4n * 1024n ** 3n)]), chan(406, "PRECONDITION_FAILED - message size 4294967296 is larger than configured max size 134217728", 60, 40)],
    ["a message announced at 2^64-1 bytes", () => Buffer.concat([publish(), contentHeader(60, 2n ** 64n - 1n)]), chan(406, "PRECONDITION_FAILED - message size 18446744073709551615 is larger than configured max size 134217728", 60, 40)],
    ["a publish to a missing exchange", () => Buffer.concat([publish("fuzz-nox"), contentHeader(60, 0n)]), chan(404, "NOT_FOUND - no exchange 'fuzz-nox' in vhost '/'", 60, 40)],
  ];
  it.each(cases)("%s", async (_name, bytes, expected) => {
    expect(await run(bytes())).toEqual(expected);
  });

  it("a frame that arrives in pieces with pauses between them is still one frame", async () => {
    const c = await opened();
    const f = method(1, "basic.qos", { prefetchSize: 0, prefetchCount: 7, global: false });
    for (const piece of [f.subarray(0, 3), f.subarray(3, 9), f.subarray(9)]) {
      c.socket.write(piece);
      await new Promise((r) => setTimeout(r, 60));
    }
    await c.expectMethod("basic.qos-ok");
    c.destroy();
  });
});

describe("fuzzed input on open connections", () => {
  const publishing = publishWithContent(1, "fuzz-sink");
  const hostile = fc.oneof(
    fc.uint8Array({ minLength: 1, maxLength: 1500, size: "max" }).map((a) => Buffer.from(a)),
    fc.array(frameLike, { minLength: 1, maxLength: 6 }).map((fs) => Buffer.concat(fs)),
    methodFrame(1),
    clientMethodFrame(1).chain(mutate),
    // sequences of client methods walk the channel state machine; publishes exercise content assembly and properties
    fc.array(fc.oneof(clientMethodFrame(1), publishing), { minLength: 1, maxLength: 6 }).map((fs) => Buffer.concat(fs)),
    publishing.chain(mutate),
    fc.array(fc.oneof(clientMethodFrame(1), clientMethodFrame(2), frameLike), { minLength: 1, maxLength: 4 }).map((fs) => Buffer.concat(fs)),
  );

  it("random bytes, random frames and mutated methods end in a well-formed close, or leave the connection serving", async () => {
    await fc.assert(
      fc.asyncProperty(hostile, async (bytes) => {
        const o = await run(bytes);
        expect(closeIsWellFormed(o), JSON.stringify(o)).toBe(true);
        // an open connection is never dropped without a close (unless the bytes asked for one): a frame still arriving may leave it waiting
        expect(o.kind).not.toBe("closed");
      }),
      socketRuns(120),
    );
    expect(internalErrors).toEqual([]);
  });

  it("any method on a channel never opened is 504 naming it", async () => {
    const names = (Object.keys(METHODS) as MethodName[]).filter((n) => n !== "channel.open" && !n.startsWith("connection."));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...names).chain((n) => methodArgs(n).map((a) => [n, a] as const)), fc.integer({ min: 2, max: 64999 }), async ([name, args], channel) => {
        const o = await run(encodeMethodFrame(channel, name, args as never));
        expect(o).toEqual(conn(504, "CHANNEL_ERROR - expected 'channel.open'", METHODS[name].classId, METHODS[name].methodId));
      }),
      socketRuns(40),
    );
  });
});

describe("garbage before the handshake is over", () => {
  // a short handshake timeout, so input that merely stops halfway is dropped as quickly as input that failed
  let early: RunningBroker;
  beforeAll(async () => {
    early = await startBroker({ amqpPort: 0, httpPort: false, handshakeTimeout: 1000 });
  });
  afterAll(() => early.close());

  /** Connects, sends bytes, and returns what came back and whether the socket closed within timeoutMs. */
  function raw(bytes: Buffer, timeoutMs: number): Promise<{ received: Buffer; closed: boolean }> {
    return new Promise((resolve) => {
      const s = tcpConnect(early.amqpPort, "127.0.0.1");
      const got: Buffer[] = [];
      const timer = setTimeout(() => {
        s.destroy();
        resolve({ received: Buffer.concat(got), closed: false });
      }, timeoutMs);
      s.on("data", (c: Buffer) => got.push(c));
      s.on("error", () => {});
      s.on("close", () => {
        clearTimeout(timer);
        resolve({ received: Buffer.concat(got), closed: true });
      });
      s.on("connect", () => s.write(bytes));
    });
  }

  it("anything but the AMQP 0-9-1 header is answered with that header and a close", async () => {
    const notAHeader = fc.uint8Array({ minLength: 1, maxLength: 200 }).map((a) => Buffer.from(a)).filter((b) => !PROTOCOL_HEADER.subarray(0, b.length).equals(b.subarray(0, 8)));
    await fc.assert(
      fc.asyncProperty(notAHeader, async (bytes) => {
        expect(await raw(bytes, 2000)).toEqual({ received: PROTOCOL_HEADER, closed: true });
      }),
      socketRuns(60),
    );
  });

  it("frames out of place during the handshake close the socket silently, as RabbitMQ does, dozens at once", async () => {
    // the broker waits 3 s before dropping a failed handshake, so the cases run side by side
    const samples = fc.sample(fc.oneof(fc.uint8Array({ minLength: 8, maxLength: 400 }).map((a) => Buffer.from(a)), fc.array(frameLike, { minLength: 1, maxLength: 4 }).map((fs) => Buffer.concat(fs))), { numRuns: 40, seed: 7 });
    const results = await Promise.all(samples.map((bytes) => raw(Buffer.concat([PROTOCOL_HEADER, bytes]), 6000)));
    for (const r of results) {
      expect(r.closed).toBe(true);
      // connection.start, then nothing: no close frame for a handshake that failed
      expect(r.received.readUInt32BE(3) + 8).toBe(r.received.length);
    }
  });
});

describe("announced sizes never allocate", () => {
  it("many clients announcing the largest frame, or a body at max_message_size, and stalling, cost only what they sent", async () => {
    const clients = await Promise.all(Array.from({ length: 40 }, () => RawClient.handshake(broker.amqpPort)));
    const before = process.memoryUsage();
    for (const [i, c] of clients.entries()) {
      c.send(1, "channel.open", { outOfBand: "" });
      if (i % 2 === 0) {
        // a frame header announcing 131064 bytes, then 1 KiB of them
        c.socket.write(Buffer.concat([Buffer.from([FRAME_BODY, 0, 1, 0, 1, 0xff, 0xf8]), Buffer.alloc(1024)]));
      } else {
        // a 128 MiB message announced, 8 KiB of its body sent
        c.socket.write(Buffer.concat([publish(), contentHeader(60, 128n * 1024n * 1024n), encodeFrame(FRAME_BODY, 1, Buffer.alloc(8192))]));
      }
    }
    await Promise.all(clients.map((c) => c.expectMethod("channel.open-ok")));
    await new Promise((r) => setTimeout(r, 200));
    const after = process.memoryUsage();
    const grown = after.heapUsed + after.arrayBuffers - (before.heapUsed + before.arrayBuffers);
    // 40 clients announced over 2.5 GiB between them; they sent about 200 KiB
    expect(grown).toBeLessThan(64 * 1024 * 1024);
    for (const c of clients) c.destroy();
  });
});

describe("bystanders", () => {
  it("kept working and kept their messages through all of the above, and nothing was logged as an internal error", async () => {
    await bystanders.check();
    // the consumer of fuzzed messages took every delivery and still answers
    expect(await outcomeOf(sink, Buffer.alloc(0), 2000)).toEqual({ kind: "alive" });
    // every fuzzed connection is gone from the broker: only the bystanders' two and the sink remain
    const auth = { authorization: `Basic ${Buffer.from("guest:guest").toString("base64")}` };
    const open = async (): Promise<number> => ((await (await fetch(`http://127.0.0.1:${broker.httpPort}/api/overview`, { headers: auth })).json()) as { object_totals: { connections: number } }).object_totals.connections;
    const deadline = Date.now() + 5000;
    while ((await open()) > 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(await open()).toBe(3);
    expect(internalErrors).toEqual([]);
  });
});
