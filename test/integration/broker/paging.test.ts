// A queue longer than its in-memory window pages bodies to disk: consumers still get every message intact, in order.
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { ORACLE, connect, sleep, useBroker } from "./harness.js";
import { eventually, qname } from "./queue-features.js";

const bodyOf = (i: number, size: number): Buffer => {
  const b = Buffer.alloc(size, i % 256);
  b.writeUInt32BE(i, 0);
  return b;
};
const digest = (b: Buffer): string => createHash("sha1").update(b).digest("hex");

describe.skipIf(ORACLE)("queues paging bodies to disk", () => {
  const h = useBroker();

  it("delivers a backlog of several times the window in order, also after requeues and with get", async () => {
    const c = await connect(h);
    const ch = await c.createConfirmChannel();
    const q = qname("paged");
    await ch.assertQueue(q);
    // 4000 x 2 KB: about four times what a queue keeps in memory
    const n = 4000;
    const size = 2048;
    for (let i = 0; i < n; i++) ch.sendToQueue(q, bodyOf(i, size), { messageId: `m${i}` });
    await ch.waitForConfirms();
    expect((await ch.checkQueue(q)).messageCount).toBe(n);
    // basic.get takes the head; a first consumer takes 500 and leaves them unacked, to be requeued
    const first = await ch.get(q, { noAck: true });
    expect(first && first.content.readUInt32BE(0)).toBe(0);
    const sub = await connect(h);
    const sch = await sub.createChannel();
    await sch.prefetch(500);
    let taken = 0;
    await sch.consume(q, () => void taken++);
    await eventually(() => taken === 500);
    await sub.close();
    const got: { i: number; id: string; ok: boolean; redelivered: boolean }[] = [];
    await ch.prefetch(200);
    await ch.consume(q, (m) => {
      if (m === null) return;
      const i = m.content.readUInt32BE(0);
      got.push({ i, id: String(m.properties.messageId), ok: digest(m.content) === digest(bodyOf(i, size)), redelivered: m.fields.redelivered });
      ch.ack(m);
    });
    await eventually(() => got.length === n - 1, 20_000);
    expect(got.map((g) => g.i)).toEqual(Array.from({ length: n - 1 }, (_, k) => k + 1));
    expect(got.every((g) => g.ok && g.id === `m${g.i}`)).toBe(true);
    expect(got.filter((g) => g.redelivered).map((g) => g.i)).toEqual(Array.from({ length: 500 }, (_, k) => k + 1));
    await sleep(50);
    expect((await ch.checkQueue(q)).messageCount).toBe(0);
    await ch.deleteQueue(q);
    await c.close();
  });

  it("purges and deletes paged queues, and pages again afterwards", async () => {
    const c = await connect(h);
    const ch = await c.createConfirmChannel();
    const q = qname("paged-purge");
    await ch.assertQueue(q);
    const fill = async (from: number): Promise<void> => {
      for (let i = from; i < from + 3000; i++) ch.sendToQueue(q, bodyOf(i, 1500));
      await ch.waitForConfirms();
    };
    await fill(0);
    expect((await ch.purgeQueue(q)).messageCount).toBe(3000);
    await fill(10_000);
    const m = await ch.get(q, { noAck: true });
    expect(m && m.content.readUInt32BE(0)).toBe(10_000);
    expect((await ch.checkQueue(q)).messageCount).toBe(2999);
    expect((await ch.deleteQueue(q)).messageCount).toBe(2999);
    await c.close();
  });
});
