// Queue flow control: a publisher feeding a backlog that consumers are working through is no longer read (TCP
// back-pressure, management state "flow") until the backlog drains; never when that could stall it for good.
import amqp, { type Channel, type ChannelModel, type ConsumeMessage } from "amqplib";
import { describe, expect, it } from "vitest";
import { FLOW_HIGH_MESSAGES } from "../../../src/broker/queue/publisher-flow.js";
import { ORACLE, sleep, useBroker } from "./harness.js";
import { eventually, qname } from "./queue-features.js";

describe.skipIf(ORACLE)("publisher flow control", () => {
  const broker = useBroker();

  async function open(name: string): Promise<{ c: ChannelModel; ch: Channel }> {
    const c = await amqp.connect(broker.url, { clientProperties: { connection_name: name } });
    c.on("error", () => {});
    const ch = await c.createChannel();
    return { c, ch };
  }

  /** The management API's state for the connection named `name`. */
  async function stateOf(name: string): Promise<string | undefined> {
    const res = await fetch(`http://127.0.0.1:${broker.httpPort}/api/connections`, { headers: { authorization: `Basic ${Buffer.from("guest:guest").toString("base64")}` } });
    const list = (await res.json()) as { user_provided_name?: string; state: string }[];
    return list.find((c) => c.user_provided_name === name)?.state;
  }

  /** A consumer that holds its deliveries unacked until ackAll() (then acks each as it arrives). */
  async function gatedConsumer(ch: Channel, q: string, prefetch: number): Promise<{ got: number[]; ackAll: () => void }> {
    await ch.prefetch(prefetch);
    const held: ConsumeMessage[] = [];
    const got: number[] = [];
    let acking = false;
    await ch.consume(q, (m) => {
      if (m === null) return;
      got.push(Number(m.content.toString()));
      if (acking) ch.ack(m);
      else held.push(m);
    });
    return {
      got,
      ackAll: () => {
        acking = true;
        for (const m of held.splice(0)) ch.ack(m);
      },
    };
  }

  const publish = (ch: Channel, q: string, from: number, n: number): void => {
    for (let i = from; i < from + n; i++) ch.sendToQueue(q, Buffer.from(String(i)));
  };

  it("stops reading a publisher while consumers work through its backlog, and reads on once it drained", async () => {
    const q = qname("flow");
    const pub = await open(`${q}-pub`);
    const sub = await open(`${q}-sub`);
    await pub.ch.assertQueue(q, { autoDelete: true });
    const consumer = await gatedConsumer(sub.ch, q, 100);
    // 100 go out unacked, the rest stay ready: the last one takes the backlog to the high mark
    const total = FLOW_HIGH_MESSAGES + 100;
    publish(pub.ch, q, 0, total);
    let answered: number | undefined;
    const check = pub.ch.checkQueue(q).then((ok) => (answered = ok.messageCount));
    await eventually(async () => (await stateOf(`${q}-pub`)) === "flow", 10_000);
    await sleep(100);
    // the publisher's next method waits unread; the consumer's connection is served meanwhile
    expect(answered).toBeUndefined();
    expect((await sub.ch.checkQueue(q)).messageCount).toBe(FLOW_HIGH_MESSAGES);
    consumer.ackAll();
    await check;
    // read again once the backlog fell under the low mark, not before
    expect(answered).toBeLessThan(FLOW_HIGH_MESSAGES / 2);
    expect(await stateOf(`${q}-pub`)).toBe("running");
    await eventually(() => consumer.got.length === total, 10_000);
    expect(consumer.got).toEqual(Array.from({ length: total }, (_, i) => i));
    await pub.c.close();
    await sub.c.close();
  });

  it("lets the publisher go when the consumers stop taking messages", async () => {
    const q = qname("flow-stuck");
    const pub = await open(`${q}-pub`);
    const sub = await open(`${q}-sub`);
    await pub.ch.assertQueue(q, { autoDelete: true });
    await gatedConsumer(sub.ch, q, 1);
    publish(pub.ch, q, 0, FLOW_HIGH_MESSAGES + 1);
    await eventually(async () => (await stateOf(`${q}-pub`)) === "flow", 10_000);
    // the consumer never acks: after a second without a delivery the hold is given up
    expect((await pub.ch.checkQueue(q)).messageCount).toBe(FLOW_HIGH_MESSAGES);
    publish(pub.ch, q, FLOW_HIGH_MESSAGES + 1, 10);
    expect((await pub.ch.checkQueue(q)).messageCount).toBe(FLOW_HIGH_MESSAGES + 10);
    expect(await stateOf(`${q}-pub`)).toBe("running");
    await pub.c.close();
    await sub.c.close();
  });

  it("never holds a publisher of a queue without consumers, nor a connection that consumes with acks", async () => {
    const idle = qname("flow-idle");
    const busy = qname("flow-busy");
    const both = await open(`${busy}-both`);
    const sub = await open(`${busy}-sub`);
    await both.ch.assertQueue(idle, { autoDelete: true });
    await both.ch.assertQueue(busy, { autoDelete: true });
    // a stuck consumer on `busy`, and an acking one on `idle` held by the publishing connection itself
    await gatedConsumer(sub.ch, busy, 1);
    const own = await both.c.createChannel();
    await own.assertQueue(`${idle}-own`, { exclusive: true });
    await gatedConsumer(own, `${idle}-own`, 1);
    const states = new Set<string | undefined>();
    let polling = true;
    const poll = (async () => {
      while (polling) {
        states.add(await stateOf(`${busy}-both`));
        await sleep(20);
      }
    })();
    publish(both.ch, busy, 0, FLOW_HIGH_MESSAGES + 10);
    expect((await both.ch.checkQueue(busy)).messageCount).toBe(FLOW_HIGH_MESSAGES + 9);
    await both.ch.deleteQueue(busy);
    await sub.c.close();
    publish(both.ch, idle, 0, FLOW_HIGH_MESSAGES + 10);
    expect((await both.ch.checkQueue(idle)).messageCount).toBe(FLOW_HIGH_MESSAGES + 10);
    polling = false;
    await poll;
    expect([...states]).toEqual(["running"]);
    await both.c.close();
  });
});
