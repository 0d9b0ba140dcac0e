// Slow, stalled and half-open clients: a handshake that stalls anywhere is cut after the handshake timeout without
// holding up anyone else; a peer that goes silent is dropped by heartbeat and its unacked messages go back to the queue.
// (A consumer that stops reading its socket: test/integration/broker/flow.test.ts.)
import { connect as tcpConnect, type Socket } from "node:net";
import amqp from "amqplib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningBroker, startBroker } from "../../../src/index.js";
import { DEFAULT_LIMITS } from "../../../src/broker/node/limits.js";
import { PROTOCOL_HEADER, toFieldTable } from "../../../src/protocol/index.js";
import { RawClient } from "../broker/raw-client.js";

const HANDSHAKE_TIMEOUT = 300;
let broker: RunningBroker;
let url = "";
beforeAll(async () => {
  broker = await startBroker({ amqpPort: 0, httpPort: 0, handshakeTimeout: HANDSHAKE_TIMEOUT });
  url = `amqp://guest:guest@127.0.0.1:${broker.amqpPort}`;
});
afterAll(() => broker.close());

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** A socket that sends `bytes` and then nothing; `closedAfter` settles with how long it lived once the broker drops it. */
function stalled(bytes: Buffer): Promise<{ socket: Socket; closedAfter: Promise<number> }> {
  return new Promise((resolve, reject) => {
    const socket = tcpConnect(broker.amqpPort, "127.0.0.1");
    socket.on("error", () => {});
    socket.once("connect", () => {
      const t0 = Date.now();
      socket.write(bytes);
      // read (and drop) what the broker sends, so its close is seen; the client itself stays silent
      socket.resume();
      resolve({ socket, closedAfter: new Promise((r) => socket.once("close", () => r(Date.now() - t0))) });
    });
    socket.once("error", reject);
  });
}

/** How far through the handshake a stalled client got before going quiet. */
async function stalledAt(stage: "partial-header" | "header" | "start-ok" | "tune-ok"): Promise<{ socket: Socket; closedAfter: Promise<number> }> {
  if (stage === "partial-header") return stalled(PROTOCOL_HEADER.subarray(0, 3));
  if (stage === "header") return stalled(PROTOCOL_HEADER);
  const c = await RawClient.open(broker.amqpPort);
  const t0 = Date.now();
  const closedAfter = new Promise<number>((r) => c.socket.once("close", () => r(Date.now() - t0)));
  c.socket.write(PROTOCOL_HEADER);
  await c.expectMethod("connection.start");
  c.send(0, "connection.start-ok", { clientProperties: toFieldTable({}), mechanism: "PLAIN", response: Buffer.from("\0guest\0guest"), locale: "en_US" });
  await c.expectMethod("connection.tune");
  if (stage === "tune-ok") c.send(0, "connection.tune-ok", { channelMax: 2047, frameMax: 131072, heartbeat: 0 });
  return { socket: c.socket, closedAfter };
}

describe("handshake timeout", () => {
  it("is RabbitMQ's 10 s unless configured", () => {
    expect(DEFAULT_LIMITS.handshakeTimeout).toBe(10_000);
  });

  it("hundreds of clients stalled anywhere in the handshake are cut after it, while others connect and work meanwhile", async () => {
    const stages = ["partial-header", "header", "start-ok", "tune-ok"] as const;
    const t0 = Date.now();
    const stuck = await Promise.all(Array.from({ length: 300 }, (_, i) => stalledAt(stages[i % stages.length]!)));
    // a well-behaved client is served at once, with all of them still hanging on
    const c = await amqp.connect(url);
    const ch = await c.createChannel();
    const { queue } = await ch.assertQueue("", { exclusive: true });
    ch.sendToQueue(queue, Buffer.from("through"));
    const got = await new Promise<string>((resolve) => void ch.consume(queue, (m) => m && resolve(m.content.toString()), { noAck: true }));
    expect(got).toBe("through");
    expect(Date.now() - t0).toBeLessThan(HANDSHAKE_TIMEOUT + 2000);
    const lifetimes = await Promise.all(stuck.map((s) => s.closedAfter));
    // each lived about the timeout: not dropped early, not kept (timers fire a little early or late by a few ms)
    expect(Math.min(...lifetimes)).toBeGreaterThanOrEqual(HANDSHAKE_TIMEOUT - 50);
    expect(Math.max(...lifetimes)).toBeLessThan(HANDSHAKE_TIMEOUT + 3000);
    // the timeout covers only the handshake: the finished connection outlives it
    await sleep(HANDSHAKE_TIMEOUT * 2);
    expect((await ch.checkQueue(queue)).queue).toBe(queue);
    await c.close();
  });
});

describe("heartbeat loss", () => {
  it("drops a peer that went silent and requeues its unacked deliveries for the next consumer", { timeout: 20000 }, async () => {
    const c = await amqp.connect(url);
    const ch = await c.createChannel();
    const q = "hardening-heartbeat";
    await ch.assertQueue(q, { autoDelete: false });
    for (let i = 0; i < 5; i++) ch.sendToQueue(q, Buffer.from(`m${i}`));

    // a consumer with manual acks and 1 s heartbeats that takes the messages and then says nothing at all
    const silent = await RawClient.handshake(broker.amqpPort, { heartbeat: 1 });
    silent.send(1, "channel.open", { outOfBand: "" });
    await silent.expectMethod("channel.open-ok");
    silent.send(1, "basic.consume", { ticket: 0, queue: q, consumerTag: "silent", noLocal: false, noAck: false, exclusive: false, nowait: false, arguments: new Map() });
    await silent.expectMethod("basic.consume-ok");
    const deadline = Date.now() + 3000;
    while ((await ch.checkQueue(q)).messageCount > 0 && Date.now() < deadline) await sleep(20);
    expect((await ch.checkQueue(q)).messageCount).toBe(0);

    const t0 = Date.now();
    expect(await silent.closed(10000)).toBe(true);
    // two intervals without a byte from the peer (RabbitMQ's rule), not much more
    expect(Date.now() - t0).toBeLessThan(5000);

    const back: { body: string; redelivered: boolean }[] = [];
    await ch.consume(q, (m) => m && back.push({ body: m.content.toString(), redelivered: m.fields.redelivered }), { noAck: true });
    while (back.length < 5 && Date.now() < t0 + 8000) await sleep(20);
    expect(back).toEqual([0, 1, 2, 3, 4].map((i) => ({ body: `m${i}`, redelivered: true })));
    await ch.deleteQueue(q);
    await c.close();
  });
});
