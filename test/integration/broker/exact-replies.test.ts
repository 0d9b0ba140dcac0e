// Replies for frame-level misuse, compared field by field with what RabbitMQ 3.10.8 sent for the same bytes.
import { describe, expect, it } from "vitest";
import { FRAME_BODY, FRAME_HEADER } from "../../../src/protocol/index.js";
import { useBroker } from "./harness.js";
import { RawClient } from "./raw-client.js";

const broker = useBroker();

const publish = { ticket: 0, exchange: "", routingKey: "x", mandatory: false, immediate: false };
const qos = { prefetchSize: 0, prefetchCount: 1, global: false };

function contentHeader(bodySize: number): Buffer {
  const h = Buffer.alloc(14);
  h.writeUInt16BE(60, 0);
  h.writeUInt32BE(bodySize, 8);
  return h;
}

async function withChannel(tune: { channelMax?: number; frameMax?: number } = {}): Promise<RawClient> {
  const c = await RawClient.handshake(broker.port, tune);
  c.send(1, "channel.open", { outOfBand: "" });
  await c.expectMethod("channel.open-ok");
  return c;
}

async function closeReply(c: RawClient): Promise<unknown> {
  const m = await c.nextMethod(4000);
  c.destroy();
  return m === undefined ? undefined : { name: m.method.name, ...(m.method.args as object) };
}

const close = (replyCode: number, replyText: string, classId = 0, methodId = 0): object => ({ name: "connection.close", replyCode, replyText, classId, methodId });

describe("exact replies to misuse (observed on RabbitMQ 3.10.8)", () => {
  it("body frame where a method belongs", async () => {
    const c = await withChannel();
    c.sendFrame(FRAME_BODY, 1, Buffer.from("stray"));
    expect(await closeReply(c)).toEqual(close(505, "UNEXPECTED_FRAME - expected method frame, got non method frame instead"));
  });

  it("method where the content header belongs", async () => {
    const c = await withChannel();
    c.send(1, "basic.publish", publish);
    c.send(1, "basic.qos", qos);
    expect(await closeReply(c)).toEqual(close(505, "UNEXPECTED_FRAME - expected content header for class 60, got non content header frame instead", 60, 40));
  });

  it("method where a body frame belongs", async () => {
    const c = await withChannel();
    c.send(1, "basic.publish", publish);
    c.sendFrame(FRAME_HEADER, 1, contentHeader(10));
    c.send(1, "basic.qos", qos);
    expect(await closeReply(c)).toEqual(close(505, "UNEXPECTED_FRAME - expected content body, got non content body frame instead", 60, 40));
  });

  it("opening more channels than channel_max; ids above it are fine", async () => {
    const c = await RawClient.handshake(broker.port, { channelMax: 2 });
    c.send(5, "channel.open", { outOfBand: "" });
    await c.expectMethod("channel.open-ok");
    c.send(1, "channel.open", { outOfBand: "" });
    await c.expectMethod("channel.open-ok");
    c.send(3, "channel.open", { outOfBand: "" });
    expect(await closeReply(c)).toEqual(close(530, "NOT_ALLOWED - number of channels opened (2) has reached the negotiated channel_max (2)"));
  });

  it("a frame larger than frame_max", async () => {
    const c = await withChannel({ frameMax: 4096 });
    c.send(1, "basic.publish", publish);
    c.sendFrame(FRAME_HEADER, 1, contentHeader(10000));
    c.sendFrame(FRAME_BODY, 1, Buffer.alloc(10000));
    expect(await closeReply(c)).toEqual(close(501, "FRAME_ERROR - type 3, all octets = <<>>: {frame_too_large,10000,4088}"));
  });

  it("a method on a channel after it closed", async () => {
    const c = await withChannel();
    c.send(1, "channel.close", { replyCode: 200, replyText: "", classId: 0, methodId: 0 });
    await c.expectMethod("channel.close-ok");
    c.send(1, "basic.qos", qos);
    expect(await closeReply(c)).toEqual(close(504, "CHANNEL_ERROR - expected 'channel.open'", 60, 10));
  });

  it("tx.commit without tx.select; tx.select on a confirm channel", async () => {
    const c = await withChannel();
    c.send(1, "tx.commit", {});
    expect(await closeReply(c)).toEqual({ name: "channel.close", replyCode: 406, replyText: "PRECONDITION_FAILED - channel is not transactional", classId: 90, methodId: 20 });
    const d = await withChannel();
    d.send(1, "confirm.select", { nowait: false });
    await d.expectMethod("confirm.select-ok");
    d.send(1, "tx.select", {});
    expect(await closeReply(d)).toEqual({ name: "channel.close", replyCode: 406, replyText: "PRECONDITION_FAILED - cannot switch from confirm to tx mode", classId: 90, methodId: 10 });
  });

  it("publish with immediate=true", async () => {
    const c = await withChannel();
    c.send(1, "basic.publish", { ...publish, exchange: "amq.direct", immediate: true });
    c.sendFrame(FRAME_HEADER, 1, contentHeader(0));
    expect(await closeReply(c)).toEqual(close(540, "NOT_IMPLEMENTED - immediate=true", 60, 40));
  });
});
