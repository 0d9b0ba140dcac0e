// Message TTL (x-message-ttl, the expiration property) and queue expiry (x-expires), as RabbitMQ 3.10 applies them to classic queues.
import { describe, expect, it } from "vitest";
import { channel, channelError, connect, expectClose, sleep, useBroker } from "./harness.js";
import { collect, drain, eventually, exclusiveQueue, expectDeclareRefused, getOne, qname, queueExists } from "./queue-features.js";

const broker = useBroker();

describe("message TTL", () => {
  it("x-message-ttl: expired messages are never delivered and leave an idle queue by themselves", async () => {
    const { c, ch, q } = await exclusiveQueue(broker, "ttl", { "x-message-ttl": 80 });
    for (const b of ["a", "b", "c"]) ch.sendToQueue(q, Buffer.from(b));
    expect((await getOne(ch, q)).content.toString()).toBe("a");
    // no client activity: the queue's own timer removes them
    await eventually(async () => (await ch.checkQueue(q)).messageCount === 0);
    expect(await ch.get(q)).toBe(false);
    await c.close();
  });

  it("the smaller of the expiration property and x-message-ttl applies", async () => {
    const { c, ch, q } = await exclusiveQueue(broker, "ttl-min", { "x-message-ttl": 60_000 });
    ch.sendToQueue(q, Buffer.from("short"), { expiration: "30" });
    ch.sendToQueue(q, Buffer.from("long"), { expiration: "120000" });
    ch.sendToQueue(q, Buffer.from("queue-ttl"));
    await sleep(120);
    expect(await drain(ch, q)).toEqual(["long", "queue-ttl"]);
    await c.close();
  });

  it("per-message TTL expires messages only at the head; get-ok counts after dropping the expired head", async () => {
    const { c, ch, q } = await exclusiveQueue(broker, "ttl-head");
    ch.sendToQueue(q, Buffer.from("A"));
    ch.sendToQueue(q, Buffer.from("B"), { expiration: "1" });
    ch.sendToQueue(q, Buffer.from("C"));
    await sleep(60);
    // B is past its deadline but behind A, so it still counts
    expect((await ch.checkQueue(q)).messageCount).toBe(3);
    const a = await getOne(ch, q);
    expect([a.content.toString(), a.fields.messageCount]).toEqual(["A", 1]);
    expect(await drain(ch, q)).toEqual(["C"]);
    await c.close();
  });

  it("TTL 0: delivered only to a consumer that can take the message at once, dropped otherwise", async () => {
    const { c, ch, q } = await exclusiveQueue(broker, "ttl0", { "x-message-ttl": 0 });
    ch.sendToQueue(q, Buffer.from("nobody"));
    await sleep(30);
    expect((await ch.checkQueue(q)).messageCount).toBe(0);
    const consumer = await channel(c);
    await consumer.prefetch(1);
    const got = collect();
    await consumer.consume(q, got.on, { noAck: false });
    ch.sendToQueue(q, Buffer.from("taken"));
    ch.sendToQueue(q, Buffer.from("no-capacity"));
    await eventually(() => got.bodies.length === 1);
    await sleep(50);
    expect(got.bodies).toEqual(["taken"]);
    expect((await ch.checkQueue(q)).messageCount).toBe(0);
    await c.close();
  });

  it("expiration 0 on a message nobody consumes: dropped", async () => {
    const { c, ch, q } = await exclusiveQueue(broker, "exp0");
    ch.sendToQueue(q, Buffer.from("gone"), { expiration: "0" });
    await sleep(30);
    expect((await ch.checkQueue(q)).messageCount).toBe(0);
    await c.close();
  });

  it("a requeued message keeps the deadline it was given when published", async () => {
    const { c, ch, q } = await exclusiveQueue(broker, "ttl-requeue", { "x-message-ttl": 100 });
    ch.sendToQueue(q, Buffer.from("held"));
    const m = await getOne(ch, q, false);
    await sleep(160);
    ch.nack(m, false, true);
    await eventually(async () => (await ch.checkQueue(q)).messageCount === 0);
    expect(await ch.get(q)).toBe(false);
    await c.close();
  });
});

describe("queue expiry (x-expires)", () => {
  it("deletes a queue nobody uses once the period has passed, messages and all", async () => {
    const { c, ch, q } = await exclusiveQueue(broker, "expires", { "x-expires": 150 });
    ch.sendToQueue(q, Buffer.from("lost with the queue"));
    expect(await queueExists(c, q)).toBe(true);
    await sleep(350);
    expect(await queueExists(c, q)).toBe(false);
    await c.close();
  });

  it("a redeclare or a basic.get restarts the countdown", async () => {
    const c = await connect(broker);
    const ch = await channel(c);
    const q = qname("expires-use");
    const args = { "x-expires": 300 };
    await ch.assertQueue(q, { exclusive: true, arguments: args });
    await sleep(200);
    await ch.assertQueue(q, { exclusive: true, arguments: args });
    await sleep(200);
    expect(await ch.get(q)).toBe(false);
    await sleep(200);
    expect(await queueExists(c, q)).toBe(true);
    await sleep(350);
    expect(await queueExists(c, q)).toBe(false);
    await c.close();
  });

  it("a consumer keeps the queue; the countdown starts when the last one leaves", async () => {
    const { c, ch, q } = await exclusiveQueue(broker, "expires-consumer", { "x-expires": 200 });
    const { consumerTag } = await ch.consume(q, () => {});
    await sleep(350);
    expect(await queueExists(c, q)).toBe(true);
    await ch.cancel(consumerTag);
    await sleep(100);
    expect(await queueExists(c, q)).toBe(true);
    await sleep(300);
    expect(await queueExists(c, q)).toBe(false);
    await c.close();
  });
});

describe("expiration property validation", () => {
  const cases: [string, string][] = [
    ["1x", `PRECONDITION_FAILED - invalid expiration '1x': {leftover_string,"x"}`],
    ["1.5", `PRECONDITION_FAILED - invalid expiration '1.5': {leftover_string,".5"}`],
    [" 12", "PRECONDITION_FAILED - invalid expiration ' 12': no_integer"],
    ["315360000001", "PRECONDITION_FAILED - invalid expiration '315360000001': {value_too_large,315360000001}"],
  ];
  for (const [expiration, text] of cases) {
    it(`refuses expiration '${expiration}' with 406`, async () => {
      const c = await connect(broker);
      const got = await channelError(c, async (ch) => {
        ch.sendToQueue(qname("nowhere"), Buffer.from("x"), { expiration });
        await ch.checkExchange("amq.direct");
      });
      expectClose(got, 406, text);
      await c.close();
    });
  }

  it("takes a signed integer ('+5', '-0')", async () => {
    const { c, ch, q } = await exclusiveQueue(broker, "exp-signed");
    ch.sendToQueue(q, Buffer.from("plus"), { expiration: "+5000" });
    ch.sendToQueue(q, Buffer.from("zero"), { expiration: "-0" });
    await sleep(30);
    expect(await drain(ch, q)).toEqual(["plus"]);
    await c.close();
  });

  it("refuses bad x-message-ttl and x-expires values as RabbitMQ words it", async () => {
    await expectDeclareRefused(broker, "ttl-bad", [
      [{ "x-message-ttl": -5 }, "invalid arg 'x-message-ttl' for {q}: {value_negative,-5}"],
      [{ "x-message-ttl": 315360000001 }, "invalid arg 'x-message-ttl' for {q}: {value_too_large,315360000001}"],
      [{ "x-message-ttl": "5" }, `invalid arg 'x-message-ttl' for {q}: "expected integer, got longstr"`],
      [{ "x-expires": 0 }, "invalid arg 'x-expires' for {q}: {value_zero,0}"],
    ]);
  });
});
