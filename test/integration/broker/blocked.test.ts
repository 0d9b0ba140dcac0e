// connection.blocked / unblocked under resource alarms, and connection.update-secret, as RabbitMQ 3.10 answers them.
import amqp from "amqplib";
import { describe, expect, it } from "vitest";
import { ORACLE, sleep, useBroker } from "./harness.js";
import { collect, eventually, qname } from "./queue-features.js";
import { RawClient } from "./raw-client.js";

describe.skipIf(ORACLE)("publishers blocked by resource alarms", () => {
  const broker = useBroker();

  /** Sets a threshold through warren's node extension API, as `warrenctl set_vm_memory_high_watermark` does. */
  async function extension(name: string, body: object): Promise<void> {
    const res = await fetch(`http://127.0.0.1:${broker.httpPort}/api/warren/extensions/${name}`, {
      method: "POST",
      headers: { authorization: `Basic ${Buffer.from("guest:guest").toString("base64")}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    expect(res.status).toBeLessThan(300);
  }
  const memoryAlarm = (on: boolean): Promise<void> => extension("set_vm_memory_high_watermark", on ? { absolute: 0 } : { fraction: 0.4 });
  const diskAlarm = (on: boolean): Promise<void> => extension("set_disk_free_limit", { limit: on ? Number.MAX_SAFE_INTEGER : 0 });

  async function open(): Promise<{ c: amqp.ChannelModel; events: string[] }> {
    const c = await amqp.connect(broker.url);
    c.on("error", () => {});
    const events: string[] = [];
    c.on("blocked", (reason: string) => events.push(`blocked: ${reason}`));
    c.on("unblocked", () => events.push("unblocked"));
    return { c, events };
  }

  it("blocks a connection when it next publishes, stops reading it, and lets it go when the alarm clears", async () => {
    const pub = await open();
    const sub = await open();
    const pch = await pub.c.createChannel();
    const q = qname("blocked");
    await pch.assertQueue(q);
    const got = collect();
    const sch = await sub.c.createChannel();
    await sch.consume(q, got.on, { noAck: true });
    await memoryAlarm(true);
    try {
      pch.sendToQueue(q, Buffer.from("held back"));
      let answered = false;
      const check = pch.checkQueue(q).then(() => (answered = true));
      await eventually(() => pub.events.length === 1);
      await sleep(100);
      expect(pub.events).toEqual(["blocked: low on memory"]);
      // nothing after the content header is read: not the body, not the next method
      expect([got.bodies, answered]).toEqual([[], false]);
      // a connection that does not publish is not blocked: it still consumes and declares
      expect((await sch.checkQueue(q)).consumerCount).toBe(1);
      expect(sub.events).toEqual([]);
      await memoryAlarm(false);
      await check;
      await eventually(() => got.bodies.length === 1);
      expect(pub.events).toEqual(["blocked: low on memory", "unblocked"]);
    } finally {
      await memoryAlarm(false);
    }
    await pch.deleteQueue(q);
    await pub.c.close();
    await sub.c.close();
  });

  it("names the resources low: memory, disk, or both", async () => {
    const pub = await open();
    const ch = await pub.c.createChannel();
    const q = qname("blocked-why");
    await ch.assertQueue(q, { exclusive: true });
    try {
      await diskAlarm(true);
      ch.sendToQueue(q, Buffer.from("1"));
      await eventually(() => pub.events.length === 1);
      await memoryAlarm(true);
      await diskAlarm(false);
      await memoryAlarm(false);
      await eventually(() => pub.events.length === 2);
      await memoryAlarm(true);
      await diskAlarm(true);
      ch.sendToQueue(q, Buffer.from("2"));
      await eventually(() => pub.events.length === 3);
    } finally {
      await memoryAlarm(false);
      await diskAlarm(false);
    }
    await eventually(() => pub.events.length === 4);
    expect(pub.events).toEqual(["blocked: low on disk", "unblocked", "blocked: low on memory & disk", "unblocked"]);
    expect((await ch.checkQueue(q)).messageCount).toBe(2);
    await pub.c.close();
  });

  it("pauses a client without the connection.blocked capability too, without telling it", async () => {
    const raw = await RawClient.handshake(broker.port);
    raw.send(1, "channel.open", { outOfBand: "" });
    await raw.expectMethod("channel.open-ok");
    await memoryAlarm(true);
    try {
      const header = Buffer.alloc(14);
      header.writeUInt16BE(60, 0);
      raw.send(1, "basic.publish", { ticket: 0, exchange: "", routingKey: qname("nowhere"), mandatory: false, immediate: false });
      raw.sendFrame(2, 1, header);
      raw.send(1, "channel.flow", { active: true });
      await expect(raw.nextMethod(300)).rejects.toThrow("timed out");
      await memoryAlarm(false);
      expect((await raw.nextMethod())?.method.name).toBe("channel.flow-ok");
    } finally {
      await memoryAlarm(false);
      raw.destroy();
    }
  });
});

describe("connection.update-secret", () => {
  const broker = useBroker();

  it("answers update-secret-ok on channel 0 (the internal backend checks nothing)", async () => {
    const raw = await RawClient.handshake(broker.port);
    raw.send(0, "connection.update-secret", { newSecret: Buffer.from("anything"), reason: "rotation" });
    expect((await raw.nextMethod())?.method.name).toBe("connection.update-secret-ok");
    raw.send(0, "connection.update-secret", { newSecret: Buffer.alloc(0), reason: "" });
    expect((await raw.nextMethod())?.method.name).toBe("connection.update-secret-ok");
    raw.destroy();
  });

  it("on another channel it is an unimplemented method (503, connection closed)", async () => {
    const raw = await RawClient.handshake(broker.port);
    raw.send(1, "channel.open", { outOfBand: "" });
    await raw.expectMethod("channel.open-ok");
    raw.send(1, "connection.update-secret", { newSecret: Buffer.from("x"), reason: "r" });
    const m = await raw.nextMethod();
    expect(m?.method).toMatchObject({ name: "connection.close", args: { replyCode: 503, replyText: "COMMAND_INVALID - unimplemented method", classId: 10, methodId: 70 } });
    raw.destroy();
  });
});
