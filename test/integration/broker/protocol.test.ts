import amqp from "amqplib";
import { describe, expect, it } from "vitest";
import { FRAME_BODY, FRAME_HEADER, FRAME_HEARTBEAT, PROTOCOL_HEADER, toFieldTable, Writer } from "../../../src/protocol/index.js";
import { ORACLE, useBroker } from "./harness.js";
import { RawClient } from "./raw-client.js";

const broker = useBroker();

function amqplainResponse(user: string, password: string): Buffer {
  const w = new Writer();
  w.table(toFieldTable({ LOGIN: user, PASSWORD: password }));
  return w.finish().subarray(4);
}

describe("framing, negotiation and channels", () => {
  it("answers a wrong protocol header with its own and closes", async () => {
    const c = await RawClient.open(broker.port);
    c.socket.write(Buffer.from("AMQP\x00\x00\x09\x00", "latin1"));
    expect(await c.closed()).toBe(true);
    expect(Buffer.concat(c.received)).toEqual(PROTOCOL_HEADER);
  });

  it("refuses a bad password with 403 when the client can take it, else just closes", async () => {
    const c = await RawClient.open(broker.port);
    c.socket.write(PROTOCOL_HEADER);
    const start = await c.expectMethod("connection.start");
    expect(start.mechanisms.toString()).toBe("AMQPLAIN PLAIN");
    expect(start.locales.toString()).toBe("en_US");
    c.send(0, "connection.start-ok", { clientProperties: toFieldTable({ capabilities: { authentication_failure_close: true } }), mechanism: "PLAIN", response: Buffer.from("\0guest\0wrong"), locale: "en_US" });
    const close = await c.expectMethod("connection.close");
    expect([close.replyCode, close.replyText]).toEqual([403, "ACCESS_REFUSED - Login was refused using authentication mechanism PLAIN. For details see the broker logfile."]);
    c.destroy();
    const d = await RawClient.open(broker.port);
    d.socket.write(PROTOCOL_HEADER);
    await d.expectMethod("connection.start");
    d.send(0, "connection.start-ok", { clientProperties: new Map(), mechanism: "PLAIN", response: Buffer.from("\0guest\0wrong"), locale: "en_US" });
    expect(await d.nextMethod()).toBeUndefined();
  });

  it("accepts AMQPLAIN and negotiates tune values", async () => {
    const c = await RawClient.open(broker.port);
    c.socket.write(PROTOCOL_HEADER);
    await c.expectMethod("connection.start");
    c.send(0, "connection.start-ok", { clientProperties: new Map(), mechanism: "AMQPLAIN", response: amqplainResponse("guest", "guest"), locale: "en_US" });
    expect(await c.expectMethod("connection.tune")).toEqual({ channelMax: 2047, frameMax: 131072, heartbeat: 60 });
    c.send(0, "connection.tune-ok", { channelMax: 10, frameMax: 4096, heartbeat: 0 });
    c.send(0, "connection.open", { virtualHost: "/", capabilities: "", insist: false });
    expect(await c.expectMethod("connection.open-ok")).toEqual({ knownHosts: "" });
    c.send(0, "connection.close", { replyCode: 200, replyText: "bye", classId: 0, methodId: 0 });
    await c.expectMethod("connection.close-ok");
    c.destroy();
  });

  it("unknown vhost is 530", async () => {
    const c = await RawClient.open(broker.port);
    c.socket.write(PROTOCOL_HEADER);
    await c.expectMethod("connection.start");
    c.send(0, "connection.start-ok", { clientProperties: new Map(), mechanism: "PLAIN", response: Buffer.from("\0guest\0guest"), locale: "en_US" });
    await c.expectMethod("connection.tune");
    c.send(0, "connection.tune-ok", { channelMax: 2047, frameMax: 131072, heartbeat: 0 });
    c.send(0, "connection.open", { virtualHost: "nosuch", capabilities: "", insist: false });
    const close = await c.expectMethod("connection.close");
    expect([close.replyCode, close.replyText, close.classId, close.methodId]).toEqual([530, "NOT_ALLOWED - vhost nosuch not found", 10, 40]);
    c.destroy();
  });

  it("tune-ok outside the server's limits (channel_max 0, frame_max too small) closes silently after a pause", { timeout: 20000 }, async () => {
    for (const tune of [{ channelMax: 0, frameMax: 131072 }, { channelMax: 2047, frameMax: 1024 }]) {
      const c = await RawClient.open(broker.port);
      c.socket.write(PROTOCOL_HEADER);
      await c.expectMethod("connection.start");
      c.send(0, "connection.start-ok", { clientProperties: new Map(), mechanism: "PLAIN", response: Buffer.from("\0guest\0guest"), locale: "en_US" });
      await c.expectMethod("connection.tune");
      c.send(0, "connection.tune-ok", { ...tune, heartbeat: 0 });
      c.send(0, "connection.open", { virtualHost: "/", capabilities: "", insist: false });
      const t = Date.now();
      expect(await c.nextMethod(8000)).toBeUndefined();
      expect(Date.now() - t).toBeGreaterThan(2500);
    }
  });

  it("content frames out of order are 505 UNEXPECTED_FRAME", async () => {
    const c = await RawClient.handshake(broker.port);
    c.send(1, "channel.open", { outOfBand: "" });
    await c.expectMethod("channel.open-ok");
    c.sendFrame(FRAME_BODY, 1, Buffer.from("stray"));
    const close = await c.expectMethod("connection.close");
    expect(close.replyCode).toBe(505);
    expect(close.replyText).toMatch(/^UNEXPECTED_FRAME - /);
    c.destroy();

    const d = await RawClient.handshake(broker.port);
    d.send(1, "channel.open", { outOfBand: "" });
    await d.expectMethod("channel.open-ok");
    d.send(1, "basic.publish", { ticket: 0, exchange: "", routingKey: "x", mandatory: false, immediate: false });
    d.send(1, "basic.qos", { prefetchSize: 0, prefetchCount: 1, global: false });
    const close2 = await d.expectMethod("connection.close");
    expect(close2.replyCode).toBe(505);
    d.destroy();
  });

  it("channel rules: open twice, method before open, above channel_max", async () => {
    const c = await RawClient.handshake(broker.port);
    c.send(1, "channel.open", { outOfBand: "" });
    await c.expectMethod("channel.open-ok");
    c.send(1, "channel.open", { outOfBand: "" });
    const close = await c.expectMethod("connection.close");
    expect([close.replyCode, close.replyText]).toEqual([504, "CHANNEL_ERROR - second 'channel.open' seen"]);
    c.destroy();

    const d = await RawClient.handshake(broker.port);
    d.send(3, "queue.declare", { ticket: 0, queue: "", passive: false, durable: false, exclusive: true, autoDelete: false, nowait: false, arguments: new Map() });
    const close2 = await d.expectMethod("connection.close");
    expect([close2.replyCode, close2.replyText]).toEqual([504, "CHANNEL_ERROR - expected 'channel.open'"]);
    d.destroy();

    const e = await RawClient.handshake(broker.port, { channelMax: 2 });
    e.send(1, "channel.open", { outOfBand: "" });
    e.send(2, "channel.open", { outOfBand: "" });
    await e.expectMethod("channel.open-ok");
    await e.expectMethod("channel.open-ok");
    e.send(3, "channel.open", { outOfBand: "" });
    const close3 = await e.expectMethod("connection.close");
    expect(close3.replyCode).toBe(530);
    e.destroy();
  });

  it("a frame above frame_max is 501 FRAME_ERROR", async () => {
    const c = await RawClient.handshake(broker.port, { frameMax: 4096 });
    c.send(1, "channel.open", { outOfBand: "" });
    await c.expectMethod("channel.open-ok");
    c.send(1, "basic.publish", { ticket: 0, exchange: "", routingKey: "x", mandatory: false, immediate: false });
    const header = Buffer.alloc(14);
    header.writeUInt16BE(60, 0);
    header.writeUInt32BE(10000, 8);
    c.sendFrame(FRAME_HEADER, 1, header);
    c.sendFrame(FRAME_BODY, 1, Buffer.alloc(10000));
    const close = await c.expectMethod("connection.close");
    expect(close.replyCode).toBe(501);
    c.destroy();
  });

  it("sends heartbeats and drops a silent peer", { timeout: 20000 }, async () => {
    const c = await RawClient.handshake(broker.port, { heartbeat: 1 });
    const f = await c.nextFrame(3000);
    expect(f?.type).toBe(FRAME_HEARTBEAT);
    expect(await c.closed(8000)).toBe(true);
  });

  it("a peer's heartbeats keep the connection alive", { timeout: 20000 }, async () => {
    const c = await RawClient.handshake(broker.port, { heartbeat: 1 });
    const beat = setInterval(() => c.sendFrame(FRAME_HEARTBEAT, 0, Buffer.alloc(0)), 400);
    await new Promise((r) => setTimeout(r, 4000));
    clearInterval(beat);
    expect(c.ended).toBe(false);
    c.destroy();
  });

  it.skipIf(ORACLE)("closing the broker sends 320 CONNECTION_FORCED", async () => {
    const { startBroker } = await import("../../../src/index.js");
    const b = await startBroker({ amqpPort: 0, httpPort: 0 });
    const c = await amqp.connect(`amqp://guest:guest@127.0.0.1:${b.amqpPort}`);
    // amqplib reports 320 as a close with an error rather than an error event
    const closed = new Promise<string>((resolve) => c.on("close", (e?: Error) => resolve(e?.message ?? "")));
    await b.close();
    expect(await closed).toBe(`Connection closed: 320 (CONNECTION-FORCED) with message "CONNECTION_FORCED - broker forced connection closure with reason 'shutdown'"`);
  });
});
