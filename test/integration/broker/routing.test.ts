import type { Channel } from "amqplib";
import { describe, expect, it } from "vitest";
import { channel, channelError, connect, expectClose, sleep, unique, useBroker } from "./harness.js";

const broker = useBroker();

async function queueBoundTo(ch: Channel, exchange: string, key: string, args?: Record<string, unknown>): Promise<string> {
  const { queue } = await ch.assertQueue("", { exclusive: true });
  await ch.bindQueue(queue, exchange, key, args);
  return queue;
}

async function drain(ch: Channel, queue: string): Promise<string[]> {
  const out: string[] = [];
  for (;;) {
    const m = await ch.get(queue, { noAck: true });
    if (m === false) return out;
    out.push(m.content.toString());
  }
}

describe("exchange types and bindings", () => {
  it("direct, fanout and topic routing", async () => {
    const c = await connect(broker);
    const ch = await channel(c);
    const d = await queueBoundTo(ch, "amq.direct", "red");
    const f1 = await queueBoundTo(ch, "amq.fanout", "ignored");
    const f2 = await queueBoundTo(ch, "amq.fanout", "");
    const star = await queueBoundTo(ch, "amq.topic", "*.orange.*");
    const hash = await queueBoundTo(ch, "amq.topic", "lazy.#");
    const tail = await queueBoundTo(ch, "amq.topic", "#.rabbit");
    ch.publish("amq.direct", "red", Buffer.from("r"));
    ch.publish("amq.direct", "blue", Buffer.from("b"));
    ch.publish("amq.fanout", "anything", Buffer.from("f"));
    for (const key of ["quick.orange.rabbit", "lazy.orange.elephant", "quick.orange.fox", "lazy.brown.fox", "lazy", "quick.brown.fox", "orange", "quick.orange.male.rabbit", "rabbit"]) {
      ch.publish("amq.topic", key, Buffer.from(key));
    }
    await sleep(50);
    expect(await drain(ch, d)).toEqual(["r"]);
    expect(await drain(ch, f1)).toEqual(["f"]);
    expect(await drain(ch, f2)).toEqual(["f"]);
    expect(await drain(ch, star)).toEqual(["quick.orange.rabbit", "lazy.orange.elephant", "quick.orange.fox"]);
    expect(await drain(ch, hash)).toEqual(["lazy.orange.elephant", "lazy.brown.fox", "lazy"]);
    expect(await drain(ch, tail)).toEqual(["quick.orange.rabbit", "quick.orange.male.rabbit", "rabbit"]);
    await c.close();
  });

  it("headers exchange with x-match all and any", async () => {
    const c = await connect(broker);
    const ch = await channel(c);
    const all = await queueBoundTo(ch, "amq.headers", "", { "x-match": "all", format: "pdf", type: "report" });
    const any = await queueBoundTo(ch, "amq.match", "", { "x-match": "any", format: "pdf", type: "report" });
    ch.publish("amq.headers", "", Buffer.from("both"), { headers: { format: "pdf", type: "report" } });
    ch.publish("amq.headers", "", Buffer.from("one"), { headers: { format: "pdf" } });
    ch.publish("amq.match", "", Buffer.from("other"), { headers: { type: "report" } });
    await sleep(50);
    expect(await drain(ch, all)).toEqual(["both"]);
    expect(await drain(ch, any)).toEqual(["other"]);
    await c.close();
  });

  it("exchange-to-exchange bindings deliver once per queue, even through cycles", async () => {
    const c = await connect(broker);
    const ch = await channel(c);
    const a = unique("xa");
    const b = unique("xb");
    await ch.assertExchange(a, "fanout", { autoDelete: false, durable: false });
    await ch.assertExchange(b, "fanout", { autoDelete: false, durable: false });
    await ch.bindExchange(b, a, "");
    await ch.bindExchange(a, b, "");
    const q = await queueBoundTo(ch, b, "");
    await ch.bindQueue(q, a, "");
    ch.publish(a, "", Buffer.from("once"));
    await sleep(50);
    expect(await drain(ch, q)).toEqual(["once"]);
    await ch.unbindExchange(b, a, "");
    ch.publish(a, "", Buffer.from("direct-only"));
    await sleep(50);
    expect(await drain(ch, q)).toEqual(["direct-only"]);
    await ch.deleteExchange(a);
    await ch.deleteExchange(b);
    await c.close();
  });

  it("alternate exchange takes unroutable messages", async () => {
    const c = await connect(broker);
    const ch = await channel(c);
    const main = unique("main");
    const ae = unique("ae");
    await ch.assertExchange(ae, "fanout", { durable: false, autoDelete: false });
    await ch.assertExchange(main, "direct", { durable: false, autoDelete: false, alternateExchange: ae });
    const routed = await queueBoundTo(ch, main, "k");
    const spill = await queueBoundTo(ch, ae, "");
    ch.publish(main, "k", Buffer.from("routed"));
    ch.publish(main, "other", Buffer.from("spilled"));
    await sleep(50);
    expect(await drain(ch, routed)).toEqual(["routed"]);
    expect(await drain(ch, spill)).toEqual(["spilled"]);
    await ch.deleteExchange(main);
    await ch.deleteExchange(ae);
    await c.close();
  });

  it("CC and BCC add routing keys; BCC is removed before delivery", async () => {
    const c = await connect(broker);
    const ch = await channel(c);
    const q1 = await queueBoundTo(ch, "amq.direct", unique("k1"));
    const q2 = await queueBoundTo(ch, "amq.direct", unique("k2"));
    const k2 = q2;
    await ch.bindQueue(q2, "amq.direct", k2);
    ch.publish("amq.direct", "nobody", Buffer.from("cc"), { headers: { CC: [k2] } });
    ch.publish("amq.direct", "nobody", Buffer.from("bcc"), { headers: { BCC: [k2], keep: "yes" } });
    await sleep(50);
    expect(await drain(ch, q1)).toEqual([]);
    const m1 = await ch.get(q2, { noAck: true });
    const m2 = await ch.get(q2, { noAck: true });
    expect(m1 && m1.properties.headers).toEqual({ CC: [k2] });
    expect(m2 && m2.properties.headers).toEqual({ keep: "yes" });
    await c.close();
  });

  it("auto-delete exchange goes with its last binding; internal exchange refuses publishes", async () => {
    const c = await connect(broker);
    const ch = await channel(c);
    const x = unique("adx");
    await ch.assertExchange(x, "fanout", { autoDelete: true, durable: false });
    const q = await queueBoundTo(ch, x, "");
    await ch.unbindQueue(q, x, "");
    expect(await (await channel(c)).checkExchange(x).then(() => "exists", () => "gone")).toBe("gone");
    const internal = unique("internal");
    await ch.assertExchange(internal, "fanout", { internal: true, durable: false, autoDelete: false });
    expectClose(
      await channelError(c, async (x2) => { x2.publish(internal, "", Buffer.from("no")); await x2.checkExchange("amq.direct"); }),
      403,
      `ACCESS_REFUSED - cannot publish to internal exchange '${internal}' in vhost '/'`,
    );
    await ch.deleteExchange(internal);
    await c.close();
  });

  it("queue.unbind removes exactly the binding; exchange delete if-unused", async () => {
    const c = await connect(broker);
    const ch = await channel(c);
    const x = unique("x");
    await ch.assertExchange(x, "direct", { autoDelete: false, durable: false });
    const q = await queueBoundTo(ch, x, "a");
    await ch.bindQueue(q, x, "b");
    await ch.unbindQueue(q, x, "a");
    ch.publish(x, "a", Buffer.from("a"));
    ch.publish(x, "b", Buffer.from("b"));
    await sleep(50);
    expect(await drain(ch, q)).toEqual(["b"]);
    expectClose(await channelError(c, (y) => y.deleteExchange(x, { ifUnused: true })), 406, `PRECONDITION_FAILED - exchange '${x}' in vhost '/' in use`);
    await ch.deleteExchange(x);
    await c.close();
  });
});
