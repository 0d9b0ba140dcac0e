import type { ConsumeMessage } from "amqplib";
import { describe, expect, it } from "vitest";
import { channel, connect, ORACLE, sleep, unique, useBroker } from "./harness.js";
import { RawClient } from "./raw-client.js";

const broker = useBroker();

describe("delivery flow", () => {
  it.skipIf(ORACLE)("stops delivering to a consumer whose socket is full, resumes when it reads", async () => {
    const c = await connect(broker);
    const ch = await channel(c);
    const q = unique("bp");
    await ch.assertQueue(q, { autoDelete: false });
    const raw = await RawClient.handshake(broker.port);
    raw.send(1, "channel.open", { outOfBand: "" });
    await raw.expectMethod("channel.open-ok");
    raw.send(1, "basic.consume", { ticket: 0, queue: q, consumerTag: "slow", noLocal: false, noAck: true, exclusive: false, nowait: false, arguments: new Map() });
    await raw.expectMethod("basic.consume-ok");
    raw.socket.pause();
    const body = Buffer.alloc(10_000, 1);
    for (let i = 0; i < 3000; i++) ch.sendToQueue(q, body);
    await sleep(500);
    const held = (await ch.checkQueue(q)).messageCount;
    // 30 MB published; only the socket buffers' worth left the queue
    expect(held).toBeGreaterThan(2000);
    raw.socket.resume();
    for (let i = 0; i < 100 && (await ch.checkQueue(q)).messageCount > 0; i++) await sleep(50);
    expect((await ch.checkQueue(q)).messageCount).toBe(0);
    raw.destroy();
    await ch.deleteQueue(q);
    await c.close();
  });

  it("higher x-priority consumers are served first", async () => {
    const c = await connect(broker);
    const ch = await channel(c);
    const { queue } = await ch.assertQueue("", { exclusive: true });
    const low: string[] = [];
    const high: string[] = [];
    await ch.consume(queue, (m) => m && low.push(m.content.toString()), { noAck: true, priority: 1 });
    await ch.consume(queue, (m) => m && high.push(m.content.toString()), { noAck: true, priority: 10 });
    for (let i = 0; i < 5; i++) ch.sendToQueue(queue, Buffer.from(String(i)));
    await sleep(100);
    expect(high).toEqual(["0", "1", "2", "3", "4"]);
    expect(low).toEqual([]);
    await c.close();
  });

  it("basic.recover requeues the channel's unacked messages as redelivered", async () => {
    const c = await connect(broker);
    const ch = await channel(c);
    const { queue } = await ch.assertQueue("", { exclusive: true });
    ch.sendToQueue(queue, Buffer.from("a"));
    ch.sendToQueue(queue, Buffer.from("b"));
    const got: ConsumeMessage[] = [];
    await ch.consume(queue, (m) => m && got.push(m));
    await sleep(50);
    expect(got.map((m) => [m.content.toString(), m.fields.redelivered])).toEqual([["a", false], ["b", false]]);
    await ch.recover();
    await sleep(50);
    expect(got.slice(2).map((m) => [m.content.toString(), m.fields.redelivered])).toEqual([["a", true], ["b", true]]);
    await c.close();
  });

  it("exclusive queues go away with their connection; declare-ok reports counts", async () => {
    const a = await connect(broker);
    const cha = await channel(a);
    const { queue } = await cha.assertQueue("", { exclusive: true });
    cha.sendToQueue(queue, Buffer.from("x"));
    await cha.consume(queue, () => {}, { noAck: false, consumerTag: "keep" });
    await sleep(50);
    const ok = await cha.checkQueue(queue);
    expect([ok.messageCount, ok.consumerCount]).toEqual([0, 1]);
    await a.close();
    const b = await connect(broker);
    const chb = await channel(b);
    expect(await chb.checkQueue(queue).then(() => "exists", () => "gone")).toBe("gone");
    await b.close();
  });

  it("the \"\" queue name means the last queue declared on the channel", async () => {
    const c = await connect(broker);
    const ch = await channel(c);
    const { queue } = await ch.assertQueue("", { exclusive: true });
    await ch.bindQueue("", "amq.direct", "lastq");
    ch.publish("amq.direct", "lastq", Buffer.from("via-shortcut"));
    await sleep(30);
    const m = await ch.get("", { noAck: true });
    expect(m && m.content.toString()).toBe("via-shortcut");
    expect((await ch.checkQueue(queue)).messageCount).toBe(0);
    await c.close();
  });
});
