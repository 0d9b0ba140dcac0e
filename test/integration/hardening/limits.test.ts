// The node's protocol limits as startBroker options (RabbitMQ's connection_max, channel_max, frame_max, heartbeat,
// max_message_size), enforced with RabbitMQ's errors; and a memory alarm that holds publishers back without losing a
// confirmed message. (Per-vhost and per-user limits: test/integration/management/vhost-limits and user-limits.)
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import amqp from "amqplib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningBroker, startBroker } from "../../../src/index.js";
import { DEFAULT_LIMITS, MAX_MESSAGE_SIZE_CAP, messageTooLargeText, resolveLimits } from "../../../src/broker/node/limits.js";
import { FRAME_BODY, PROTOCOL_HEADER, toFieldTable } from "../../../src/protocol/index.js";
import { RawClient } from "../broker/raw-client.js";

const urlOf = (b: RunningBroker): string => `amqp://guest:guest@127.0.0.1:${b.amqpPort}`;
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** The connection.tune a fresh client is offered. */
async function tuneOffered(b: RunningBroker): Promise<{ channelMax: number; frameMax: number; heartbeat: number }> {
  const c = await RawClient.open(b.amqpPort);
  c.socket.write(PROTOCOL_HEADER);
  await c.expectMethod("connection.start");
  c.send(0, "connection.start-ok", { clientProperties: toFieldTable({}), mechanism: "PLAIN", response: Buffer.from("\0guest\0guest"), locale: "en_US" });
  const tune = await c.expectMethod("connection.tune");
  c.destroy();
  return tune;
}

describe("limit options", () => {
  it("default to RabbitMQ 3.10's values and refuse what AMQP cannot express", async () => {
    expect(DEFAULT_LIMITS).toEqual({ handshakeTimeout: 10_000, channelMax: 2047, frameMax: 131072, heartbeat: 60, maxMessageSize: 134217728, connectionMax: Infinity, consumerTimeout: 1_800_000 });
    // RabbitMQ caps max_message_size at 512 MiB and then words the refusal without "configured"
    expect(resolveLimits({ maxMessageSize: 2 ** 40 }).maxMessageSize).toBe(MAX_MESSAGE_SIZE_CAP);
    expect(messageTooLargeText(MAX_MESSAGE_SIZE_CAP + 1, MAX_MESSAGE_SIZE_CAP)).toBe("message size 536870913 is larger than max size 536870912");
    for (const bad of [{ frameMax: 4095 }, { channelMax: 0 }, { channelMax: 65536 }, { heartbeat: -1 }, { handshakeTimeout: 0 }, { connectionMax: 1.5 }]) {
      await expect(startBroker({ amqpPort: 0, httpPort: false, ...bad })).rejects.toThrow(RangeError);
    }
  });

  it("channel_max, frame_max and heartbeat are what connection.tune offers", async () => {
    const b = await startBroker({ amqpPort: 0, httpPort: false, channelMax: 3, frameMax: 8192, heartbeat: 7 });
    try {
      expect(await tuneOffered(b)).toEqual({ channelMax: 3, frameMax: 8192, heartbeat: 7 });
    } finally {
      await b.close();
    }
  });
});

describe("connection_max", () => {
  let b: RunningBroker;
  let logFile = "";
  beforeAll(async () => {
    logFile = join(mkdtempSync(join(tmpdir(), "warren-limits-")), "node.log");
    b = await startBroker({ amqpPort: 0, httpPort: false, connectionMax: 3, log: logFile });
  });
  afterAll(() => b.close());

  it("closes a socket over the limit at once and logs why; a freed slot is usable again", async () => {
    const open = await Promise.all([1, 2, 3].map(() => amqp.connect(urlOf(b))));
    await expect(amqp.connect(urlOf(b))).rejects.toThrow();
    expect(readFileSync(logFile, "utf8")).toContain("Node connection limit is reached. Active connections: 3, limit: 3");
    // the connections inside the limit are unaffected
    for (const c of open) expect((await (await c.createChannel()).assertQueue("", { exclusive: true })).queue).toMatch(/^amq\.gen-/);
    await open[0]!.close();
    await sleep(50);
    const again = await amqp.connect(urlOf(b));
    await again.close();
    for (const c of open.slice(1)) await c.close();
  });

  it("0 refuses every connection", async () => {
    const none = await startBroker({ amqpPort: 0, httpPort: false, connectionMax: 0 });
    try {
      await expect(amqp.connect(urlOf(none))).rejects.toThrow();
    } finally {
      await none.close();
    }
  });
});

describe("channel_max and frame_max", () => {
  let b: RunningBroker;
  beforeAll(async () => {
    b = await startBroker({ amqpPort: 0, httpPort: false, channelMax: 3, frameMax: 8192 });
  });
  afterAll(() => b.close());

  it("a channel past channel_max is RabbitMQ's 530", async () => {
    // amqplib never asks for a channel past channel_max itself, so a raw client does
    const raw = await RawClient.handshake(b.amqpPort, { channelMax: 3, frameMax: 8192 });
    for (const id of [1, 2, 3]) {
      raw.send(id, "channel.open", { outOfBand: "" });
      await raw.expectMethod("channel.open-ok");
    }
    raw.send(9, "channel.open", { outOfBand: "" });
    const close = await raw.expectMethod("connection.close");
    expect([close.replyCode, close.replyText]).toEqual([530, "NOT_ALLOWED - number of channels opened (3) has reached the negotiated channel_max (3)"]);
    raw.destroy();
  });

  it("large messages travel in frames of at most frame_max, both ways", async () => {
    const c = await amqp.connect(urlOf(b));
    const ch = await c.createConfirmChannel();
    // not exclusive: a second connection reads it
    const queue = "limits-frames";
    await ch.assertQueue(queue, { autoDelete: false });
    const body = Buffer.alloc(100_000, 3);
    ch.sendToQueue(queue, body);
    await ch.waitForConfirms();
    const raw = await RawClient.handshake(b.amqpPort, { channelMax: 3, frameMax: 8192 });
    raw.send(1, "channel.open", { outOfBand: "" });
    await raw.expectMethod("channel.open-ok");
    raw.send(1, "basic.get", { ticket: 0, queue, noAck: true });
    await raw.expectMethod("basic.get-ok");
    const sizes: number[] = [];
    let got = 0;
    while (got < body.length) {
      const f = await raw.nextFrame();
      if (f?.type === FRAME_BODY) {
        sizes.push(f.payload.length);
        got += f.payload.length;
      }
    }
    expect(Math.max(...sizes)).toBe(8192 - 8);
    expect(got).toBe(body.length);
    raw.destroy();
    await ch.deleteQueue(queue);
    await c.close();
  });

  it("a client asking for more than the server offers is refused, as RabbitMQ does (silently, after a pause)", { timeout: 15000 }, async () => {
    // side by side: each refusal waits 3 s before the socket closes
    await Promise.all([{ channelMax: 4 }, { frameMax: 16384 }].map(async (tune) => {
      const raw = await RawClient.open(b.amqpPort);
      raw.socket.write(PROTOCOL_HEADER);
      await raw.expectMethod("connection.start");
      raw.send(0, "connection.start-ok", { clientProperties: toFieldTable({}), mechanism: "PLAIN", response: Buffer.from("\0guest\0guest"), locale: "en_US" });
      await raw.expectMethod("connection.tune");
      raw.send(0, "connection.tune-ok", { channelMax: 3, frameMax: 8192, heartbeat: 0, ...tune });
      raw.send(0, "connection.open", { virtualHost: "/", capabilities: "", insist: false });
      expect(await raw.nextMethod(6000)).toBeUndefined();
    }));
  });
});

describe("max_message_size", () => {
  let b: RunningBroker;
  beforeAll(async () => {
    b = await startBroker({ amqpPort: 0, httpPort: false, maxMessageSize: 1024 * 1024 });
  });
  afterAll(() => b.close());

  it("takes a message of exactly the limit; one byte more closes the channel with RabbitMQ's 406, and nothing is stored", async () => {
    const c = await amqp.connect(urlOf(b));
    const ch = await c.createConfirmChannel();
    const { queue } = await ch.assertQueue("", { exclusive: true });
    ch.sendToQueue(queue, Buffer.alloc(1024 * 1024));
    await ch.waitForConfirms();
    const doomed = await c.createConfirmChannel();
    const closed = new Promise<string>((resolve) => doomed.on("error", (e: Error) => resolve(e.message)));
    doomed.sendToQueue(queue, Buffer.alloc(1024 * 1024 + 1));
    expect(await closed).toContain("PRECONDITION_FAILED - message size 1048577 is larger than configured max size 1048576");
    // the connection and the first channel carry on; only the message within the limit was stored
    expect((await ch.checkQueue(queue)).messageCount).toBe(1);
    await c.close();
  });

  it("is checked on the announced size, before any of the body is buffered", async () => {
    const raw = await RawClient.handshake(b.amqpPort);
    raw.send(1, "channel.open", { outOfBand: "" });
    await raw.expectMethod("channel.open-ok");
    raw.send(1, "basic.publish", { ticket: 0, exchange: "", routingKey: "nowhere", mandatory: false, immediate: false });
    const header = Buffer.alloc(14);
    header.writeUInt16BE(60, 0);
    header.writeUInt32BE(2 * 1024 * 1024, 8);
    raw.sendFrame(2, 1, header);
    const close = await raw.expectMethod("channel.close");
    expect([close.replyCode, close.replyText, close.classId, close.methodId]).toEqual([406, "PRECONDITION_FAILED - message size 2097152 is larger than configured max size 1048576", 60, 40]);
    raw.destroy();
  });
});

describe("memory high watermark", () => {
  let b: RunningBroker;
  beforeAll(async () => {
    b = await startBroker({ amqpPort: 0, httpPort: 0 });
  });
  afterAll(() => b.close());

  /** set_vm_memory_high_watermark through warren's node extension API: 0 bytes raises the alarm at once. */
  async function watermark(body: object): Promise<void> {
    const res = await fetch(`http://127.0.0.1:${b.httpPort}/api/warren/extensions/set_vm_memory_high_watermark`, {
      method: "POST",
      headers: { authorization: `Basic ${Buffer.from("guest:guest").toString("base64")}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    expect(res.status).toBeLessThan(300);
  }

  it("blocks publishers while in alarm and, once it clears, confirms and delivers every message they had sent", async () => {
    const pub = await amqp.connect(urlOf(b));
    const events: string[] = [];
    pub.on("blocked", (reason: string) => events.push(`blocked: ${reason}`));
    pub.on("unblocked", () => events.push("unblocked"));
    const ch = await pub.createConfirmChannel();
    const { queue } = await ch.assertQueue("", { exclusive: true });
    await watermark({ absolute: 0 });
    let confirmed = 0;
    try {
      for (let i = 0; i < 50; i++) ch.sendToQueue(queue, Buffer.from(`m${i}`), {}, (err) => void (err ? 0 : confirmed++));
      await sleep(300);
      expect([events, confirmed]).toEqual([["blocked: low on memory"], 0]);
    } finally {
      // a limit no process reaches clears the alarm
      await watermark({ absolute: Number.MAX_SAFE_INTEGER });
    }
    await ch.waitForConfirms();
    expect(events).toEqual(["blocked: low on memory", "unblocked"]);
    expect(confirmed).toBe(50);
    const bodies: string[] = [];
    for (let m = await ch.get(queue, { noAck: true }); m !== false; m = await ch.get(queue, { noAck: true })) bodies.push(m.content.toString());
    expect(bodies).toEqual(Array.from({ length: 50 }, (_, i) => `m${i}`));
    await pub.close();
  });
});
