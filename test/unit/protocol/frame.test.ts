import { describe, expect, it } from "vitest";
import { fromFieldTable } from "../../../src/protocol/field-table.js";
import {
  bodyFrameParts,
  checkProtocolHeader,
  decodeMethod,
  encodeFrame,
  encodeMethodFrame,
  expectsResponse,
  HEARTBEAT_FRAME,
  parseContentHeader,
  PROTOCOL_HEADER,
  writeBodyFrames,
  writeContentHeaderFrame,
  writeMethodFrame,
} from "../../../src/protocol/frame.js";
import { FrameSplitter } from "../../../src/protocol/frame-splitter.js";
import type { Method, MethodArgs, MethodName } from "../../../src/protocol/methods.generated.js";
import { Properties } from "../../../src/protocol/properties.js";
import { Writer } from "../../../src/protocol/writer.js";
import { clientFrames, hex, serverFrames } from "./vectors.js";

const payloadOf = (frameHex: string): Buffer => {
  const f = hex(frameHex);
  return f.subarray(7, f.length - 1);
};
const args = <N extends MethodName>(m: Method, name: N): MethodArgs[N] => {
  expect(m.name).toBe(name);
  return m.args as MethodArgs[N];
};

describe("known byte vectors (amqplib 2.3.1 <-> RabbitMQ 3.10.8)", () => {
  it("protocol header", () => {
    expect(PROTOCOL_HEADER.toString("hex")).toBe("414d515000000901");
    expect(checkProtocolHeader(PROTOCOL_HEADER)).toBe("ok");
    expect(checkProtocolHeader(Buffer.concat([PROTOCOL_HEADER, hex(clientFrames.startOk)]))).toBe("ok");
    expect(checkProtocolHeader(Buffer.from("AMQP\x00\x00"))).toBe("incomplete");
    expect(checkProtocolHeader(Buffer.from("AMQP\x00\x00\x09\x00", "latin1"))).toBe("mismatch");
    expect(checkProtocolHeader(Buffer.from("AMQP\x01\x01\x00\x09", "latin1"))).toBe("mismatch");
    expect(checkProtocolHeader(Buffer.from("GET / HTTP/1.1\r\n"))).toBe("mismatch");
    // no need to wait for 8 bytes once the prefix is wrong
    expect(checkProtocolHeader(Buffer.from("GE"))).toBe("mismatch");
  });

  it("connection.start-ok from amqplib", () => {
    const a = args(decodeMethod(payloadOf(clientFrames.startOk)), "connection.start-ok");
    expect(a.mechanism).toBe("PLAIN");
    expect(a.response.toString("latin1")).toBe("\0guest\0guest");
    expect(a.locale).toBe("en_US");
    expect(fromFieldTable(a.clientProperties)).toMatchObject({ product: "amqplib", version: "2.3.1", capabilities: { publisher_confirms: true } });
    expect(encodeMethodFrame(0, "connection.start-ok", a).toString("hex")).toBe(clientFrames.startOk);
  });

  it("connection.start from RabbitMQ", () => {
    const a = args(decodeMethod(payloadOf(serverFrames.start)), "connection.start");
    expect([a.versionMajor, a.versionMinor]).toEqual([0, 9]);
    expect(a.mechanisms.toString()).toBe("AMQPLAIN PLAIN");
    expect(fromFieldTable(a.serverProperties)).toMatchObject({ product: "RabbitMQ", version: "3.10.8", capabilities: { direct_reply_to: true } });
    expect(encodeMethodFrame(0, "connection.start", a).toString("hex")).toBe(serverFrames.start);
  });

  it("queue.declare with an x-max-length argument amqplib sent as a byte", () => {
    const a = args(decodeMethod(payloadOf(clientFrames.queueDeclare)), "queue.declare");
    expect(a).toMatchObject({ queue: "", exclusive: true, durable: true, passive: false, autoDelete: false, nowait: false });
    expect(a.arguments.get("x-max-length")).toEqual({ type: "b", value: 10 });
    expect(encodeMethodFrame(1, "queue.declare", a).toString("hex")).toBe(clientFrames.queueDeclare);
  });

  it("basic.publish + content header + body", () => {
    const a = args(decodeMethod(payloadOf(clientFrames.publish)), "basic.publish");
    expect(a).toMatchObject({ ticket: 0, exchange: "", mandatory: false, immediate: false });
    expect(a.routingKey).toMatch(/^amq\.gen-/);
    const h = parseContentHeader(payloadOf(clientFrames.publishHeader));
    expect([h.classId, h.weight, h.bodySize]).toEqual([60, 0, 5]);
    expect(h.properties.decode()).toMatchObject({ contentType: "text/plain", deliveryMode: 2, messageId: "m1", timestamp: 1700000000n });
    expect(fromFieldTable(h.properties.get("headers")!)).toEqual({ a: 1, b: "x" });
    expect(payloadOf(clientFrames.publishBody).toString()).toBe("hello");

    const w = new Writer();
    writeMethodFrame(w, 1, "basic.publish", a);
    writeContentHeaderFrame(w, 1, 60, 5, h.properties);
    writeBodyFrames(w, 1, Buffer.from("hello"), 131072);
    expect(w.finish().toString("hex")).toBe(clientFrames.publish + clientFrames.publishHeader + clientFrames.publishBody);
  });

  it("basic.deliver from RabbitMQ carries the publisher's property bytes unchanged", () => {
    const a = args(decodeMethod(payloadOf(serverFrames.deliver)), "basic.deliver");
    expect(a).toMatchObject({ consumerTag: "ctag1", deliveryTag: 1, redelivered: false, exchange: "" });
    expect(serverFrames.deliverHeader).toBe(clientFrames.publishHeader);
    expect(encodeMethodFrame(1, "basic.deliver", a).toString("hex")).toBe(serverFrames.deliver);
  });

  it("every captured method frame re-encodes to the same bytes", () => {
    for (const frameHex of [...Object.values(clientFrames), ...Object.values(serverFrames)]) {
      const f = hex(frameHex);
      if (f[0] !== 1) continue;
      const m = decodeMethod(f.subarray(7, f.length - 1));
      expect(encodeMethodFrame(f.readUInt16BE(1), m.name, m.args as never).toString("hex")).toBe(frameHex);
    }
  });

  it("heartbeat frame", () => {
    expect(HEARTBEAT_FRAME.toString("hex")).toBe("08000000000000ce");
    expect(HEARTBEAT_FRAME).toEqual(encodeFrame(8, 0, Buffer.alloc(0)));
  });
});

describe("content frames", () => {
  it("splits bodies into frame_max - 8 byte frames; an empty body has none", () => {
    const body = Buffer.alloc(10000, 7);
    const w = new Writer(16);
    writeBodyFrames(w, 5, body, 4096);
    const s = new FrameSplitter(4096);
    s.push(w.finish());
    const sizes: number[] = [];
    const parts: Buffer[] = [];
    for (let f = s.next(); f; f = s.next()) {
      expect([f.type, f.channel]).toEqual([3, 5]);
      sizes.push(f.payload.length);
      parts.push(f.payload);
    }
    expect(sizes).toEqual([4088, 4088, 1824]);
    expect(Buffer.concat(parts).equals(body)).toBe(true);
    expect(Buffer.concat(bodyFrameParts(5, body, 4096)).toString("hex")).toBe(Buffer.concat(rewrite(body)).toString("hex"));
    writeBodyFrames(w, 5, Buffer.alloc(0), 4096);
    expect(w.finish().length).toBe(0);
    expect(bodyFrameParts(5, Buffer.alloc(0), 4096)).toEqual([]);
  });

  it("reads body sizes beyond 32 bits", () => {
    const payload = Buffer.from("003c0000" + "0000000100000002" + "0000", "hex");
    expect(parseContentHeader(payload).bodySize).toBe(2 ** 32 + 2);
  });

  it("rejects malformed property bytes in a content header with 501", () => {
    const bad = Buffer.from("003c0000" + "0000000000000000" + "8000" + "0541", "hex");
    let err: unknown;
    try {
      parseContentHeader(bad);
    } catch (e) {
      err = e;
    }
    expect(err).toMatchObject({ replyCode: 501 });
  });
});

describe("expectsResponse", () => {
  it("follows synchronous and the nowait bit", () => {
    const declare = (nowait: boolean): Method => ({
      name: "queue.declare",
      classId: 50,
      methodId: 10,
      args: { ticket: 0, queue: "q", passive: false, durable: false, exclusive: false, autoDelete: false, nowait, arguments: new Map() },
    });
    expect(expectsResponse(declare(false))).toBe(true);
    expect(expectsResponse(declare(true))).toBe(false);
    expect(expectsResponse(decodeMethod(payloadOf(clientFrames.publish)))).toBe(false);
  });
});

function rewrite(body: Buffer): Buffer[] {
  const w = new Writer();
  writeBodyFrames(w, 5, body, 4096);
  return [w.finish()];
}
