// Dead-lettering as RabbitMQ 3.10 does it: triggers, the x-death header it builds, routing and cycle detection.
import type { Channel } from "amqplib";
import { describe, expect, it } from "vitest";
import { channel, connect, sleep, useBroker } from "./harness.js";
import { collect, deaths, eventually, expectDeclareRefused, getOne, qname } from "./queue-features.js";

const broker = useBroker();

const timestamp = { "!": "timestamp", value: expect.any(Number) };

/** Declares exclusive queues: name -> arguments. */
async function queues(ch: Channel, defs: Record<string, Record<string, unknown>>): Promise<void> {
  for (const [name, args] of Object.entries(defs)) await ch.assertQueue(name, { exclusive: true, arguments: args });
}

/** Gets one message from `from` and rejects it without requeue. */
async function rejectOne(ch: Channel, from: string): Promise<void> {
  ch.reject(await getOne(ch, from, false), false);
}

describe("dead-lettering", () => {
  it("reject without requeue: x-death, x-first-death-*, sorted headers, no CC or expiration, other properties kept", async () => {
    const c = await connect(broker);
    const ch = await channel(c);
    const [src, dst, cc] = [qname("dl-src"), qname("dl-dst"), qname("dl-cc")];
    await queues(ch, { [src]: { "x-dead-letter-exchange": "", "x-dead-letter-routing-key": dst }, [dst]: {}, [cc]: {} });
    ch.sendToQueue(src, Buffer.from("A"), { headers: { z: 1, a: "s", CC: [cc] }, expiration: "60000", contentType: "text/plain", priority: 3, messageId: "m1" });
    await rejectOne(ch, src);
    await sleep(30);
    const m = await getOne(ch, dst);
    expect(m.fields).toMatchObject({ exchange: "", routingKey: dst, redelivered: false });
    expect(m.properties).toMatchObject({ contentType: "text/plain", priority: 3, messageId: "m1", expiration: undefined });
    const h = m.properties.headers!;
    expect(Object.keys(h)).toEqual(["a", "x-death", "x-first-death-exchange", "x-first-death-queue", "x-first-death-reason", "z"]);
    expect([h["x-first-death-exchange"], h["x-first-death-queue"], h["x-first-death-reason"]]).toEqual(["", src, "rejected"]);
    const [death] = deaths(m);
    expect(Object.keys(death!)).toEqual(["count", "reason", "queue", "time", "exchange", "routing-keys", "original-expiration"]);
    expect(death).toEqual({ count: 1, reason: "rejected", queue: src, time: timestamp, exchange: "", "routing-keys": [src, cc], "original-expiration": "60000" });
    // the CC copy was never dead-lettered
    expect((await getOne(ch, cc)).properties.headers).toEqual({ z: 1, a: "s", CC: [cc] });
    await c.close();
  });

  it("nack multiple without requeue dead-letters each message in order; without a DLX they are dropped", async () => {
    const c = await connect(broker);
    const ch = await channel(c);
    const [src, dst, plain] = [qname("dl-multi"), qname("dl-multi-dst"), qname("dl-none")];
    await queues(ch, { [src]: { "x-dead-letter-exchange": "", "x-dead-letter-routing-key": dst }, [dst]: {}, [plain]: {} });
    for (const b of ["1", "2", "3"]) ch.sendToQueue(src, Buffer.from(b));
    ch.sendToQueue(plain, Buffer.from("p"));
    const got = collect();
    await ch.consume(src, got.on);
    await eventually(() => got.messages.length === 3);
    ch.nack(got.messages[2]!, true, false);
    ch.reject(await getOne(ch, plain, false), false);
    await sleep(30);
    const bodies = [];
    for (let i = 0; i < 3; i++) bodies.push((await getOne(ch, dst)).content.toString());
    expect(bodies).toEqual(["1", "2", "3"]);
    expect((await ch.checkQueue(plain)).messageCount).toBe(0);
    await c.close();
  });

  it("without x-dead-letter-routing-key the message keeps its keys, CC and BCC ones included", async () => {
    const c = await connect(broker);
    const ch = await channel(c);
    const [src, viaCc, viaBcc] = [qname("dl-keys"), qname("dl-keys-cc"), qname("dl-keys-bcc")];
    const [ccKey, bccKey] = [qname("cc-key"), qname("bcc-key")];
    await queues(ch, { [src]: { "x-dead-letter-exchange": "amq.direct" }, [viaCc]: {}, [viaBcc]: {} });
    await ch.bindQueue(viaCc, "amq.direct", ccKey);
    await ch.bindQueue(viaBcc, "amq.direct", bccKey);
    ch.sendToQueue(src, Buffer.from("K"), { headers: { CC: [ccKey], BCC: [bccKey] } });
    await rejectOne(ch, src);
    await sleep(30);
    const a = await getOne(ch, viaCc);
    const b = await getOne(ch, viaBcc);
    expect([a.fields.exchange, a.fields.routingKey, b.fields.routingKey]).toEqual(["amq.direct", src, src]);
    expect(a.properties.headers!.CC).toEqual([ccKey]);
    expect(a.properties.headers!.BCC).toBeUndefined();
    expect(deaths(a)[0]!["routing-keys"]).toEqual([src, ccKey]);
    await c.close();
  });

  it("repeated deaths in the same queue for the same reason bump the count and move that event to the front", async () => {
    const c = await connect(broker);
    const ch = await channel(c);
    const [q1, q2] = [qname("dl-loop1"), qname("dl-loop2")];
    // q1 -rejected-> q2 -expired-> q1: a loop with a client rejection in it is allowed
    await queues(ch, {
      [q1]: { "x-dead-letter-exchange": "", "x-dead-letter-routing-key": q2 },
      [q2]: { "x-dead-letter-exchange": "", "x-dead-letter-routing-key": q1, "x-message-ttl": 1 },
    });
    ch.sendToQueue(q1, Buffer.from("B"));
    await rejectOne(ch, q1);
    await eventually(async () => (await ch.checkQueue(q1)).messageCount === 1);
    const once = await getOne(ch, q1, false);
    expect(deaths(once).map((d) => [d.queue, d.reason, d.count])).toEqual([
      [q2, "expired", 1],
      [q1, "rejected", 1],
    ]);
    // a later event is written with its fields sorted by name
    expect(Object.keys(deaths(once)[0]!)).toEqual(["count", "exchange", "queue", "reason", "routing-keys", "time"]);
    ch.reject(once, false);
    await eventually(async () => (await ch.checkQueue(q1)).messageCount === 1);
    const twice = await getOne(ch, q1);
    const events = deaths(twice);
    expect(events.map((d) => [d.queue, d.reason, d.count])).toEqual([
      [q2, "expired", 2],
      [q1, "rejected", 2],
    ]);
    expect(Object.keys(events[1]!)).toEqual(["count", "exchange", "queue", "reason", "routing-keys", "time"]);
    expect(twice.properties.headers!["x-first-death-queue"]).toBe(q1);
    await c.close();
  });

  it("orders a long x-death history as RabbitMQ 3.10 does (its regrouping reverses the older events)", async () => {
    const c = await connect(broker);
    const ch = await channel(c);
    const names = [1, 2, 3, 4, 5].map((i) => qname(`dl-chain${i}`));
    await queues(ch, Object.fromEntries(names.map((n, i) => [n, i < 4 ? { "x-dead-letter-exchange": "", "x-dead-letter-routing-key": names[i + 1] } : {}])));
    ch.sendToQueue(names[0]!, Buffer.from("chain"));
    for (let i = 0; i < 4; i++) {
      await eventually(async () => (await ch.checkQueue(names[i]!)).messageCount === 1);
      await rejectOne(ch, names[i]!);
    }
    await eventually(async () => (await ch.checkQueue(names[4]!)).messageCount === 1);
    const m = await getOne(ch, names[4]!);
    expect(deaths(m).map((d) => d.queue)).toEqual([names[3], names[1], names[0], names[2]]);
    await c.close();
  });

  it("drops a dead letter that would come back to its queue with no rejection on the way", async () => {
    const c = await connect(broker);
    const ch = await channel(c);
    const [self, other] = [qname("dl-self"), qname("dl-other")];
    await queues(ch, { [self]: { "x-dead-letter-exchange": "amq.fanout", "x-message-ttl": 1 }, [other]: {} });
    await ch.bindQueue(self, "amq.fanout", "");
    await ch.bindQueue(other, "amq.fanout", "");
    ch.sendToQueue(self, Buffer.from("cycle"));
    await eventually(async () => (await ch.checkQueue(other)).messageCount === 1);
    await sleep(50);
    // the copy fanned out to the other queue arrives; the one routed back to its own queue is dropped
    expect((await ch.checkQueue(self)).messageCount).toBe(0);
    expect(deaths(await getOne(ch, other))[0]).toMatchObject({ queue: self, reason: "expired" });
    await ch.unbindQueue(self, "amq.fanout", "");
    await ch.unbindQueue(other, "amq.fanout", "");
    await c.close();
  });

  it("a dead-letter exchange that does not exist drops the message", async () => {
    const c = await connect(broker);
    const ch = await channel(c);
    const src = qname("dl-missing");
    await queues(ch, { [src]: { "x-dead-letter-exchange": qname("no-such-exchange") } });
    ch.sendToQueue(src, Buffer.from("x"));
    await rejectOne(ch, src);
    await sleep(30);
    expect((await ch.checkQueue(src)).messageCount).toBe(0);
    await c.close();
  });

  it("an x-death header that is not an array starts over, without x-first-death-*", async () => {
    const c = await connect(broker);
    const ch = await channel(c);
    const [src, dst] = [qname("dl-junk"), qname("dl-junk-dst")];
    await queues(ch, { [src]: { "x-dead-letter-exchange": "", "x-dead-letter-routing-key": dst }, [dst]: {} });
    ch.sendToQueue(src, Buffer.from("j"), { headers: { "x-death": "junk" } });
    await rejectOne(ch, src);
    await sleep(30);
    const m = await getOne(ch, dst);
    expect(Object.keys(m.properties.headers!)).toEqual(["x-death"]);
    expect(deaths(m)).toEqual([{ count: 1, reason: "rejected", queue: src, time: timestamp, exchange: "", "routing-keys": [src] }]);
    await c.close();
  });

  it("expired messages are dead-lettered by the queue's timer, with the original expiration recorded", async () => {
    const c = await connect(broker);
    const ch = await channel(c);
    const [src, dst] = [qname("dl-exp"), qname("dl-exp-dst")];
    await queues(ch, { [src]: { "x-dead-letter-exchange": "", "x-dead-letter-routing-key": dst, "x-message-ttl": 60 }, [dst]: {} });
    const got = collect();
    await ch.consume(dst, got.on, { noAck: true });
    ch.sendToQueue(src, Buffer.from("own"), { expiration: "100000" });
    ch.sendToQueue(src, Buffer.from("queue"));
    await eventually(() => got.messages.length === 2);
    expect(got.bodies).toEqual(["own", "queue"]);
    expect(deaths(got.messages[0]!)[0]).toEqual({
      count: 1, reason: "expired", queue: src, time: timestamp, exchange: "", "routing-keys": [src], "original-expiration": "100000",
    });
    expect(deaths(got.messages[1]!)[0]!["original-expiration"]).toBeUndefined();
    await c.close();
  });

  it("refuses a non-string dead-letter exchange, and a routing key without one", async () => {
    await expectDeclareRefused(broker, "dl-bad", [
      [{ "x-dead-letter-exchange": 5 }, "invalid type 'byte' for arg 'x-dead-letter-exchange' in {q}"],
      [{ "x-dead-letter-routing-key": "k" }, "invalid arg 'x-dead-letter-routing-key' for {q}: routing_key_but_no_dlx_defined"],
      [{ "x-dead-letter-exchange": "", "x-dead-letter-routing-key": 5 }, "invalid arg 'x-dead-letter-routing-key' for {q}: {unacceptable_type,byte}"],
      [{ "x-dead-letter-strategy": "at-least-once" }, "invalid arg 'x-dead-letter-strategy' for {q} of queue type rabbit_classic_queue"],
    ]);
  });
});
