import type { ConsumeMessage } from "amqplib";
import { describe, expect, it } from "vitest";
import { channel, connect, sleep, unique, useBroker } from "./harness.js";

const broker = useBroker();

/** Collects deliveries until n have arrived. */
function collector(n: number): { messages: ConsumeMessage[]; done: Promise<ConsumeMessage[]>; push(m: ConsumeMessage | null): void } {
  const messages: ConsumeMessage[] = [];
  let resolve!: (m: ConsumeMessage[]) => void;
  const done = new Promise<ConsumeMessage[]>((r) => (resolve = r));
  return {
    messages,
    done,
    push(m) {
      if (m === null) return;
      messages.push(m);
      if (messages.length === n) resolve(messages);
    },
  };
}

describe("publishing and consuming", () => {
  it("publishes through the default exchange and consumes with server-named queue and tag", async () => {
    const c = await connect(broker);
    const ch = await channel(c);
    const q = await ch.assertQueue("", { exclusive: true });
    expect(q.queue).toMatch(/^amq\.gen-[A-Za-z0-9_-]{22}$/);
    const got = collector(3);
    const ok = await ch.consume(q.queue, (m) => got.push(m), { noAck: true });
    expect(ok.consumerTag).toMatch(/^amq\.ctag-[A-Za-z0-9_-]{22}$/);
    for (const body of ["a", "b", "c"]) ch.sendToQueue(q.queue, Buffer.from(body), { headers: { k: 1 }, contentType: "text/plain" });
    const msgs = await got.done;
    expect(msgs.map((m) => m.content.toString())).toEqual(["a", "b", "c"]);
    expect(msgs[0]!.properties.contentType).toBe("text/plain");
    expect(msgs[0]!.properties.headers).toEqual({ k: 1 });
    expect(msgs[0]!.fields).toMatchObject({ exchange: "", routingKey: q.queue, redelivered: false, deliveryTag: 1 });
    await c.close();
  });

  it("splits and reassembles bodies larger than frame_max", async () => {
    const c = await connect(broker);
    const ch = await channel(c);
    const q = await ch.assertQueue("", { exclusive: true });
    const big = Buffer.alloc(400_000, 7);
    ch.sendToQueue(q.queue, big);
    ch.sendToQueue(q.queue, Buffer.alloc(0));
    await sleep(50);
    const m = await ch.get(q.queue, { noAck: true });
    expect(m && m.content.equals(big)).toBe(true);
    const empty = await ch.get(q.queue, { noAck: true });
    expect(empty && empty.content.length).toBe(0);
    await c.close();
  });

  it("basic.get reports remaining count; nack requeues at the head with redelivered", async () => {
    const c = await connect(broker);
    const ch = await channel(c);
    const q = await ch.assertQueue("", { exclusive: true });
    for (const b of ["1", "2", "3"]) ch.sendToQueue(q.queue, Buffer.from(b));
    await sleep(30);
    const first = await ch.get(q.queue);
    expect(first && first.fields).toMatchObject({ messageCount: 2, redelivered: false });
    ch.nack(first as ConsumeMessage & never, false, true);
    const again = await ch.get(q.queue);
    expect(again && again.content.toString()).toBe("1");
    expect(again && again.fields.redelivered).toBe(true);
    ch.ack(again as never);
    expect(await ch.get(q.queue, { noAck: true }).then((m) => m && m.content.toString())).toBe("2");
    expect(await ch.get(q.queue, { noAck: true }).then((m) => m && m.content.toString())).toBe("3");
    expect(await ch.get(q.queue)).toBe(false);
    await c.close();
  });

  it("per-consumer prefetch limits unacked deliveries; ack multiple releases more", async () => {
    const c = await connect(broker);
    const ch = await channel(c);
    const q = await ch.assertQueue("", { exclusive: true });
    for (let i = 0; i < 10; i++) ch.sendToQueue(q.queue, Buffer.from(String(i)));
    await ch.prefetch(3);
    const got: ConsumeMessage[] = [];
    await ch.consume(q.queue, (m) => m && got.push(m));
    await sleep(100);
    expect(got.length).toBe(3);
    ch.ack(got[2]!, true);
    await sleep(100);
    expect(got.length).toBe(6);
    ch.ackAll();
    await sleep(100);
    expect(got.length).toBe(9);
    await c.close();
  });

  it("global prefetch is shared by the channel's consumers", async () => {
    const c = await connect(broker);
    const ch = await channel(c);
    const q1 = await ch.assertQueue("", { exclusive: true });
    const q2 = await ch.assertQueue("", { exclusive: true });
    for (let i = 0; i < 5; i++) {
      ch.sendToQueue(q1.queue, Buffer.from("x"));
      ch.sendToQueue(q2.queue, Buffer.from("y"));
    }
    await ch.prefetch(4, true);
    const got: ConsumeMessage[] = [];
    await ch.consume(q1.queue, (m) => m && got.push(m));
    await ch.consume(q2.queue, (m) => m && got.push(m));
    await sleep(100);
    expect(got.length).toBe(4);
    await c.close();
  });

  it("closing a channel requeues its unacked messages as redelivered", async () => {
    const c = await connect(broker);
    const ch1 = await channel(c);
    const q = await ch1.assertQueue(unique("q"), { autoDelete: false });
    ch1.sendToQueue(q.queue, Buffer.from("m"));
    const ch2 = await channel(c);
    await sleep(30);
    expect(await ch2.get(q.queue)).not.toBe(false);
    await ch2.close();
    const m = await ch1.get(q.queue, { noAck: true });
    expect(m && m.fields.redelivered).toBe(true);
    await ch1.deleteQueue(q.queue);
    await c.close();
  });

  it("round-robins between consumers", async () => {
    const c = await connect(broker);
    const ch = await channel(c);
    const q = await ch.assertQueue("", { exclusive: true });
    const a: string[] = [];
    const b: string[] = [];
    await ch.consume(q.queue, (m) => m && a.push(m.content.toString()), { noAck: true });
    await ch.consume(q.queue, (m) => m && b.push(m.content.toString()), { noAck: true });
    for (let i = 0; i < 6; i++) ch.sendToQueue(q.queue, Buffer.from(String(i)));
    await sleep(100);
    expect(a).toEqual(["0", "2", "4"]);
    expect(b).toEqual(["1", "3", "5"]);
    await c.close();
  });

  it("mandatory unroutable message comes back as basic.return 312 NO_ROUTE before its confirm", async () => {
    const c = await connect(broker);
    const ch = await c.createConfirmChannel();
    const events: string[] = [];
    ch.on("return", (m: ConsumeMessage) => events.push(`return ${(m.fields as unknown as { replyCode: number; replyText: string }).replyCode} ${(m.fields as unknown as { replyText: string }).replyText} ${m.content.toString()}`));
    await new Promise<void>((resolve, reject) =>
      ch.publish("amq.direct", unique("nobody"), Buffer.from("lost"), { mandatory: true }, (err) => {
        events.push("ack");
        if (err) reject(err);
        else resolve();
      }),
    );
    expect(events).toEqual(["return 312 NO_ROUTE lost", "ack"]);
    await c.close();
  });

  it("publisher confirms ack each publish in order", async () => {
    const c = await connect(broker);
    const ch = await c.createConfirmChannel();
    const q = await ch.assertQueue("", { exclusive: true });
    for (let i = 0; i < 50; i++) ch.sendToQueue(q.queue, Buffer.from("x"));
    await ch.waitForConfirms();
    expect((await ch.checkQueue(q.queue)).messageCount).toBe(50);
    await c.close();
  });

  it("tx: publishes and acks take effect at commit, vanish at rollback", async () => {
    const c = await connect(broker);
    const ch = await channel(c);
    const q = await ch.assertQueue("", { exclusive: true });
    const tx = ch as unknown as { rpc(m: number, f: object, e: number): Promise<unknown> };
    await tx.rpc((90 << 16) | 10, {}, (90 << 16) | 11);
    ch.sendToQueue(q.queue, Buffer.from("one"));
    await sleep(30);
    expect((await ch.checkQueue(q.queue)).messageCount).toBe(0);
    await tx.rpc((90 << 16) | 20, {}, (90 << 16) | 21);
    expect((await ch.checkQueue(q.queue)).messageCount).toBe(1);
    ch.sendToQueue(q.queue, Buffer.from("two"));
    await tx.rpc((90 << 16) | 30, {}, (90 << 16) | 31);
    expect((await ch.checkQueue(q.queue)).messageCount).toBe(1);
    await c.close();
  });

  it("deleting a queue cancels its consumers (consumer cancel notification)", async () => {
    const c = await connect(broker);
    const ch = await channel(c);
    const other = await channel(c);
    const q = await ch.assertQueue(unique("q"), { autoDelete: false });
    let cancelled = false;
    await ch.consume(q.queue, (m) => {
      if (m === null) cancelled = true;
    });
    expect((await other.deleteQueue(q.queue)).messageCount).toBe(0);
    await sleep(50);
    expect(cancelled).toBe(true);
    await c.close();
  });

  it("auto-delete queue goes with its last consumer; purge counts ready messages", async () => {
    const c = await connect(broker);
    const ch = await channel(c);
    const name = unique("ad");
    await ch.assertQueue(name, { autoDelete: true });
    for (let i = 0; i < 4; i++) ch.sendToQueue(name, Buffer.from("x"));
    expect((await ch.purgeQueue(name)).messageCount).toBe(4);
    const { consumerTag } = await ch.consume(name, () => {});
    expect((await ch.checkQueue(name)).consumerCount).toBe(1);
    await ch.cancel(consumerTag);
    const ch2 = await channel(c);
    const gone = await ch2.checkQueue(name).then(() => "exists", () => "gone");
    expect(gone).toBe("gone");
    await c.close();
  });
});
