// consumer_timeout: a delivery left unacknowledged too long closes its channel with RabbitMQ's 406, and the message goes back.
import amqp from "amqplib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBroker, type RunningBroker } from "../../../src/broker/server.js";

const TIMEOUT_MS = 300;
const TEXT = `PRECONDITION_FAILED - delivery acknowledgement on channel 1 timed out. Timeout value used: ${TIMEOUT_MS} ms. This timeout value can be configured, see consumers doc guide to learn more`;

describe("consumer_timeout", () => {
  let broker: RunningBroker;
  const url = () => `amqp://guest:guest@127.0.0.1:${broker.amqpPort}`;
  beforeAll(async () => {
    broker = await startBroker({ amqpPort: 0, httpPort: false, consumerTimeout: TIMEOUT_MS });
  });
  afterAll(() => broker.close());

  it("closes the channel of an unacknowledged delivery and requeues it; a channel that acks in time stays open", async () => {
    const conn = await amqp.connect(url());
    const setup = await conn.createChannel();
    await setup.assertQueue("ct-q", { durable: false });
    setup.sendToQueue("ct-q", Buffer.from("slow"));
    await setup.close();

    const slow = await conn.createChannel();
    const closed = new Promise<Error>((resolve) => slow.on("error", resolve));
    await slow.consume("ct-q", () => undefined, { noAck: false });
    const err = await closed;
    expect(err.message).toBe(`Channel closed by server: 406 (PRECONDITION-FAILED) with message "${TEXT}"`);

    // the message came back, flagged redelivered, to a consumer that acks at once and keeps its channel
    const fast = await conn.createChannel();
    const got = await new Promise<amqp.ConsumeMessage>((resolve) => {
      void fast.consume("ct-q", (m) => {
        if (m !== null) {
          fast.ack(m);
          resolve(m);
        }
      });
    });
    expect([got.content.toString(), got.fields.redelivered]).toEqual(["slow", true]);
    await new Promise((r) => setTimeout(r, TIMEOUT_MS * 3));
    await fast.checkQueue("ct-q");
    await conn.close();
  });

  it("also times out a basic.get delivery that waits for an ack", async () => {
    const conn = await amqp.connect(url());
    const ch = await conn.createChannel();
    await ch.assertQueue("ct-get", { durable: false });
    ch.sendToQueue("ct-get", Buffer.from("x"));
    const closed = new Promise<Error>((resolve) => ch.on("error", resolve));
    for (let m = await ch.get("ct-get"); m === false; m = await ch.get("ct-get")) await new Promise((r) => setTimeout(r, 10));
    expect((await closed).message).toContain("delivery acknowledgement on channel 1 timed out");
    await conn.close();
  });

  it("refuses an invalid timeout at start", async () => {
    await expect(startBroker({ amqpPort: 0, httpPort: false, consumerTimeout: 0 })).rejects.toThrow(/consumerTimeout must be an integer/);
  });
});
