// x-max-length / x-max-length-bytes with each x-overflow mode, as RabbitMQ 3.10 applies them to classic queues.
import amqp from "amqplib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningBroker, startBroker } from "../../../src/index.js";
import { channel, connect, ORACLE, sleep, useBroker } from "./harness.js";
import { collect, deaths, drain, eventually, exclusiveQueue, expectDeclareRefused, getOne, publishConfirmed, qname, queueExists, withDeadLetterQueue } from "./queue-features.js";

const broker = useBroker();

describe("queue length limits", () => {
  it("drop-head (the default) drops the oldest ready messages", async () => {
    const { c, ch, q } = await exclusiveQueue(broker, "ml-drop", { "x-max-length": 2 });
    expect(await publishConfirmed(ch, q, ["1", "2", "3", "4"])).toEqual(["ack", "ack", "ack", "ack"]);
    expect(await drain(ch, q)).toEqual(["3", "4"]);
    await c.close();
  });

  it("x-max-length-bytes counts body bytes", async () => {
    const { c, ch, q } = await exclusiveQueue(broker, "ml-bytes", { "x-max-length-bytes": 5 });
    await publishConfirmed(ch, q, ["aa", "bb", "cc", "d"]);
    expect(await drain(ch, q)).toEqual(["bb", "cc", "d"]);
    await c.close();
  });

  it("unacked messages do not count, and a requeue past the limit drops the head (the requeued message)", async () => {
    const { c, ch, q } = await exclusiveQueue(broker, "ml-requeue", { "x-max-length": 2 });
    await publishConfirmed(ch, q, ["1", "2"]);
    const held = await getOne(ch, q, false);
    await publishConfirmed(ch, q, ["3"]);
    expect((await ch.checkQueue(q)).messageCount).toBe(2);
    ch.nack(held, false, true);
    await sleep(30);
    expect(await drain(ch, q)).toEqual(["2", "3"]);
    await c.close();
  });

  it("a drop-head limit of 0 still lets a waiting consumer have the message", async () => {
    const { c, ch, q } = await exclusiveQueue(broker, "ml-zero", { "x-max-length": 0 });
    await publishConfirmed(ch, q, ["dropped"]);
    const got = collect();
    await ch.consume(q, got.on, { noAck: true });
    await publishConfirmed(ch, q, ["delivered"]);
    await eventually(() => got.bodies.length === 1);
    expect(got.bodies).toEqual(["delivered"]);
    await c.close();
  });

  it("drop-head dead-letters the dropped message with reason maxlen", async () => {
    const { c, ch, q, dlq } = await withDeadLetterQueue(broker, "ml-dlx", { "x-max-length": 1 });
    await publishConfirmed(ch, q, ["old"], { expiration: "5000" });
    await publishConfirmed(ch, q, ["new"]);
    const m = await getOne(ch, dlq);
    expect(m.content.toString()).toBe("old");
    expect(deaths(m)[0]).toMatchObject({ count: 1, reason: "maxlen", queue: q, "routing-keys": [q], "original-expiration": "5000" });
    expect(await drain(ch, q)).toEqual(["new"]);
    await c.close();
  });

  it("reject-publish: a full queue nacks confirmed publishes and drops the message, even with a consumer waiting", async () => {
    const { c, ch, q } = await exclusiveQueue(broker, "ml-reject", { "x-max-length": 1, "x-overflow": "reject-publish" });
    expect(await publishConfirmed(ch, q, ["1", "2"])).toEqual(["ack", "nack"]);
    const plain = await channel(c);
    plain.sendToQueue(q, Buffer.from("unconfirmed"));
    await sleep(30);
    expect(await drain(ch, q)).toEqual(["1"]);
    const zero = qname("ml-reject-zero");
    await ch.assertQueue(zero, { exclusive: true, arguments: { "x-max-length": 0, "x-overflow": "reject-publish" } });
    const got = collect();
    await ch.consume(zero, got.on, { noAck: true });
    expect(await publishConfirmed(ch, zero, ["refused"])).toEqual(["nack"]);
    expect(got.bodies).toEqual([]);
    await c.close();
  });

  it("reject-publish: one full queue among several routed ones nacks the publish; the others still get it", async () => {
    const c = await connect(broker);
    const ch = await c.createConfirmChannel();
    const [full, open] = [qname("ml-full"), qname("ml-open")];
    const key = qname("ml-key");
    await ch.assertQueue(full, { exclusive: true, arguments: { "x-max-length": 0, "x-overflow": "reject-publish" } });
    await ch.assertQueue(open, { exclusive: true });
    await ch.bindQueue(full, "amq.direct", key);
    await ch.bindQueue(open, "amq.direct", key);
    const result = await new Promise<string>((resolve) => ch.publish("amq.direct", key, Buffer.from("m"), {}, (err) => resolve(err ? "nack" : "ack")));
    expect(result).toBe("nack");
    expect(await drain(ch, open)).toEqual(["m"]);
    await c.close();
  });

  it("reject-publish-dlx: nacks and dead-letters the refused message with reason maxlen", async () => {
    const { c, ch, q, dlq } = await withDeadLetterQueue(broker, "ml-rdlx", { "x-max-length": 1, "x-overflow": "reject-publish-dlx" });
    expect(await publishConfirmed(ch, q, ["kept", "refused"])).toEqual(["ack", "nack"]);
    const m = await getOne(ch, dlq);
    expect(m.content.toString()).toBe("refused");
    expect(deaths(m)[0]).toMatchObject({ count: 1, reason: "maxlen", queue: q });
    expect(await drain(ch, q)).toEqual(["kept"]);
    await c.close();
  });

  it("refuses bad limits and overflow modes as RabbitMQ words it", async () => {
    await expectDeclareRefused(broker, "ml-bad", [
      [{ "x-max-length": -1 }, "invalid arg 'x-max-length' for {q}: {value_negative,-1}"],
      [{ "x-max-length-bytes": 1.5 }, `invalid arg 'x-max-length-bytes' for {q}: "expected integer, got double"`],
      [{ "x-overflow": "bogus" }, "invalid arg 'x-overflow' for {q}: invalid_overflow"],
      [{ "x-overflow": 5 }, "invalid arg 'x-overflow' for {q}: {unacceptable_type,byte}"],
      [{ "x-delivery-limit": 5 }, "invalid arg 'x-delivery-limit' for {q} of queue type rabbit_classic_queue"],
    ]);
  });
});

describe("limits and TTLs set by policy", () => {
  let running: RunningBroker | undefined;
  let amqpUrl = "amqp://guest:guest@127.0.0.1:5672";
  let api = "http://127.0.0.1:15672/api";
  beforeAll(async () => {
    if (ORACLE) return;
    running = await startBroker({ amqpPort: 0, httpPort: 0 });
    amqpUrl = `amqp://guest:guest@127.0.0.1:${running.amqpPort}`;
    api = `http://127.0.0.1:${running.httpPort}/api`;
  });
  afterAll(() => running?.close());

  const auth = { authorization: `Basic ${Buffer.from("guest:guest").toString("base64")}`, "content-type": "application/json" };
  async function setPolicy(name: string, queue: string, definition: object): Promise<void> {
    const body = JSON.stringify({ pattern: `^${queue}$`, definition, "apply-to": "queues", priority: 0 });
    const res = await fetch(`${api}/policies/%2F/${name}`, { method: "PUT", headers: auth, body });
    expect(res.status).toBeLessThan(300);
  }
  const clearPolicy = (name: string): Promise<Response> => fetch(`${api}/policies/%2F/${name}`, { method: "DELETE", headers: auth });

  it("a lower max-length drops the oldest messages at once, dead-lettering them through the policy's exchange", async () => {
    const c = await amqp.connect(amqpUrl);
    const ch = await c.createConfirmChannel();
    const [q, dlq, policy] = [qname("pol-ml"), qname("pol-ml-dst"), qname("pol")];
    await ch.assertQueue(dlq, { exclusive: true });
    await ch.assertQueue(q, { exclusive: true, arguments: { "x-max-length": 10 } });
    await publishConfirmed(ch, q, ["1", "2", "3"]);
    try {
      await setPolicy(policy, q, { "max-length": 1, "dead-letter-exchange": "", "dead-letter-routing-key": dlq });
      await eventually(async () => (await ch.checkQueue(q)).messageCount === 1);
      await eventually(async () => (await ch.checkQueue(dlq)).messageCount === 2);
      expect(await drain(ch, q)).toEqual(["3"]);
      const dead = await getOne(ch, dlq);
      expect(deaths(dead)[0]).toMatchObject({ reason: "maxlen", queue: q });
      // the smaller of argument and policy wins: the argument's 10 does not lift the policy's 1
      await publishConfirmed(ch, q, ["4", "5"]);
      expect(await drain(ch, q)).toEqual(["5"]);
    } finally {
      await clearPolicy(policy);
    }
    // without the policy the argument's limit is back
    await publishConfirmed(ch, q, ["6", "7"]);
    expect(await drain(ch, q)).toEqual(["6", "7"]);
    await c.close();
  });

  it("a policy's message-ttl applies to new messages; its expires restarts the countdown from when it was set", async () => {
    const c = await amqp.connect(amqpUrl);
    const ch = await c.createConfirmChannel();
    const [q, policy] = [qname("pol-ttl"), qname("pol")];
    await ch.assertQueue(q, { exclusive: true, arguments: { "x-expires": 60_000 } });
    await sleep(300);
    try {
      await setPolicy(policy, q, { "message-ttl": 50, expires: 400 });
      await publishConfirmed(ch, q, ["short-lived"]);
      await eventually(async () => (await ch.checkQueue(q)).messageCount === 0);
      await sleep(200);
      expect(await queueExists(c, q)).toBe(true);
      await sleep(400);
      expect(await queueExists(c, q)).toBe(false);
    } finally {
      await clearPolicy(policy);
    }
    await c.close();
  });
});
