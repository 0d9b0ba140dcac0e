// Persistent messages on durable queues survive a restart on the same data directory: unacked ones come back in
// order and redelivered, acked, expired and purged ones do not, and neither do transient messages or queues.
import amqp, { type Channel, type ConfirmChannel, type GetMessage } from "amqplib";
import { describe, expect, it } from "vitest";
import type { RunningBroker } from "../../../src/index.js";
import { useTmpDirs } from "../../unit/store/records.js";
import { apiOf, useRestarts } from "./restart-harness.js";

const tmp = useTmpDirs("msg-restart");
// amqplib's method ids (class << 16 | method) for tx.select(-ok) and tx.commit(-ok); it has no tx API of its own
const TX = { select: (90 << 16) | 10, selectOk: (90 << 16) | 11, commit: (90 << 16) | 20, commitOk: (90 << 16) | 21 };
const brokers = useRestarts();

async function connect(b: RunningBroker) {
  const conn = await amqp.connect(`amqp://guest:guest@127.0.0.1:${b.amqpPort}`);
  return { conn, ch: await conn.createConfirmChannel() };
}

/** Publishes and waits for every confirm. */
async function publishAll(ch: ConfirmChannel, queue: string, bodies: readonly string[], persistent: boolean, extra: amqp.Options.Publish = {}) {
  await Promise.all(
    bodies.map((b) => new Promise<void>((res, rej) => ch.sendToQueue(queue, Buffer.from(b), { persistent, ...extra }, (e) => (e ? rej(e) : res())))),
  );
}

/** basic.get until empty, with no-ack. */
async function drain(ch: Channel, queue: string): Promise<GetMessage[]> {
  const out: GetMessage[] = [];
  for (let m = await ch.get(queue, { noAck: true }); m !== false; m = await ch.get(queue, { noAck: true })) out.push(m);
  return out;
}

type Client = Awaited<ReturnType<typeof connect>>;

/** Runs `before` on a broker, restarts it on the same data directory, then runs `after` on the restarted one. */
async function acrossRestart(before: (c: Client) => Promise<void>, after: (c: Client) => Promise<unknown>): Promise<void> {
  const dir = tmp();
  const first = await brokers.start(dir);
  const c1 = await connect(first);
  await before(c1);
  await c1.conn.close();
  await first.close();
  const c2 = await connect(await brokers.start(dir));
  await after(c2);
  await c2.conn.close();
}

const bodies = (prefix: string, n: number): string[] => Array.from({ length: n }, (_, i) => `${prefix}-${i}`);
const texts = (ms: readonly GetMessage[]): string[] => ms.map((m) => m.content.toString());

describe("persistent messages across a restart", () => {
  it("brings back unacked persistent messages of durable queues in order, redelivered, and nothing else", async () => {
    const dir = tmp();
    const first = await brokers.start(dir);
    const { conn, ch } = await connect(first);
    await ch.assertQueue("mr-durable", { durable: true });
    await ch.assertQueue("mr-transient-q", { durable: false });
    await ch.assertQueue("mr-purged", { durable: true });
    await publishAll(ch, "mr-durable", bodies("p", 20), true);
    await publishAll(ch, "mr-durable", ["t-0", "t-1"], false);
    await publishAll(ch, "mr-durable", ["p-late"], true, { headers: { h: "v" }, messageId: "id-1", contentType: "text/plain" });
    await publishAll(ch, "mr-durable", ["p-expired"], true, { expiration: "200" });
    await publishAll(ch, "mr-transient-q", bodies("x", 3), true);
    await publishAll(ch, "mr-purged", bodies("g", 3), true);
    await ch.purgeQueue("mr-purged");

    // consume 8 with acks: ack 0-4 (one multiple ack), reject 5 without requeue, nack 6 with requeue, leave 7 unacked
    const got: amqp.ConsumeMessage[] = [];
    await ch.prefetch(8);
    await new Promise<void>((res) => {
      void ch.consume("mr-durable", (m) => {
        if (m === null) return;
        got.push(m);
        if (got.length === 8) res();
      });
    });
    ch.ack(got[4]!, true);
    ch.reject(got[5]!, false);
    ch.nack(got[6]!, false, true);
    // queue stats show the persistent ones: 20 + late + expired - acked 5 - rejected 1
    await new Promise((r) => setTimeout(r, 300));
    const stats = (await apiOf(first)("GET", "/queues/%2F/mr-durable")).json as Record<string, number>;
    expect(stats.messages_persistent).toBe(16);
    // p-6..p-9 (3 bytes each), p-10..p-19 (4), p-late (6), p-expired (9; it expires only once at the head)
    expect(stats.message_bytes_persistent).toBe(4 * 3 + 10 * 4 + 6 + 9);
    await conn.close();
    await first.close();

    const second = await brokers.start(dir);
    const c2 = await connect(second);
    const back = await drain(c2.ch, "mr-durable");
    // p-6 was requeued and p-7 unacked when the connection closed: both back at their place; transient and expired gone
    expect(texts(back)).toEqual([...bodies("p", 20).slice(6), "p-late"]);
    expect(back.every((m) => m.fields.redelivered)).toBe(true);
    const late = back.at(-1)!;
    expect(late.properties.headers).toEqual({ h: "v" });
    expect(late.properties.messageId).toBe("id-1");
    expect(late.properties.contentType).toBe("text/plain");
    expect(late.properties.deliveryMode).toBe(2);
    const probe = await c2.conn.createChannel();
    probe.on("error", () => {});
    await expect(probe.checkQueue("mr-transient-q")).rejects.toThrow(/404/);
    expect((await c2.ch.checkQueue("mr-purged")).messageCount).toBe(0);
    await c2.conn.close();
    await second.close();

    // drained with no-ack: nothing left for a third start
    const third = await brokers.start(dir);
    const c4 = await connect(third);
    expect((await c4.ch.checkQueue("mr-durable")).messageCount).toBe(0);
    await c4.conn.close();
  });

  it("drops the stored messages of a deleted queue, and keeps a redeclared one's own", async () => {
    await acrossRestart(
      async ({ ch }) => {
        await ch.assertQueue("mr-del", { durable: true });
        await publishAll(ch, "mr-del", bodies("old", 5), true);
        await ch.deleteQueue("mr-del");
        await ch.assertQueue("mr-del", { durable: true });
        await publishAll(ch, "mr-del", bodies("new", 2), true);
      },
      async ({ ch }) => expect(texts(await drain(ch, "mr-del"))).toEqual(bodies("new", 2)),
    );
  });

  it("keeps dead letters moved to a durable queue, and auto-acked messages stay gone", async () => {
    await acrossRestart(
      async ({ ch }) => {
        await ch.assertQueue("mr-dlq", { durable: true });
        await ch.assertQueue("mr-src", { durable: true, arguments: { "x-dead-letter-exchange": "", "x-dead-letter-routing-key": "mr-dlq", "x-max-length": 2 } });
        // max-length 2 (drop-head): d-0 and d-1 are dead-lettered into mr-dlq
        await publishAll(ch, "mr-src", bodies("d", 4), true);
        await ch.assertQueue("mr-auto", { durable: true });
        await publishAll(ch, "mr-auto", bodies("a", 3), true);
        let auto = 0;
        await new Promise<void>((res) => {
          void ch.consume("mr-auto", () => void (++auto === 3 && res()), { noAck: true });
        });
      },
      async ({ ch }) => {
        expect(texts(await drain(ch, "mr-dlq"))).toEqual(["d-0", "d-1"]);
        expect(texts(await drain(ch, "mr-src"))).toEqual(["d-2", "d-3"]);
        expect(await drain(ch, "mr-auto")).toEqual([]);
      },
    );
  });

  it("applies a drop-head length limit to what comes back: messages unacked at the stop count again", async () => {
    const dir = tmp();
    const first = await brokers.start(dir);
    const { conn, ch } = await connect(first);
    conn.on("error", () => {});
    await ch.assertQueue("mr-len-dlq", { durable: true });
    await ch.assertQueue("mr-len", { durable: true, arguments: { "x-max-length": 3, "x-dead-letter-exchange": "", "x-dead-letter-routing-key": "mr-len-dlq" } });
    await publishAll(ch, "mr-len", bodies("a", 3), true);
    // held unacked while the node stops, so nothing is requeued (or dropped) before the restart
    for (let i = 0; i < 3; i++) expect(await ch.get("mr-len", { noAck: false })).not.toBe(false);
    await publishAll(ch, "mr-len", bodies("b", 3), true);
    await first.close();
    const c2 = await connect(await brokers.start(dir));
    expect(texts(await drain(c2.ch, "mr-len"))).toEqual(bodies("b", 3));
    expect(texts(await drain(c2.ch, "mr-len-dlq"))).toEqual(bodies("a", 3));
    await c2.conn.close();
  });

  it("reads a long recovered backlog back from disk in order, bodies and properties intact", async () => {
    const n = 3000;
    const body = (i: number): Buffer => Buffer.alloc(1024, `m${i}-`);
    await acrossRestart(
      async ({ ch }) => {
        await ch.assertQueue("mr-long", { durable: true });
        await Promise.all(
          Array.from({ length: n }, (_, i) => new Promise<void>((res, rej) => ch.sendToQueue("mr-long", body(i), { persistent: true, messageId: `id-${i}` }, (e) => (e ? rej(e) : res())))),
        );
      },
      async ({ ch }) => {
        const stats = await ch.checkQueue("mr-long");
        expect(stats.messageCount).toBe(n);
        const got = await drain(ch, "mr-long");
        expect(got.length).toBe(n);
        expect(got.every((m, i) => m.content.equals(body(i)) && m.properties.messageId === `id-${i}` && m.fields.redelivered)).toBe(true);
      },
    );
  });

  it("commits a transaction's persistent publishes to disk before commit-ok", async () => {
    await acrossRestart(
      async ({ conn }) => {
        const ch = await conn.createChannel();
        await ch.assertQueue("mr-tx", { durable: true });
        const raw = ch as unknown as { rpc(method: number, fields: object, expect: number): Promise<unknown> };
        await raw.rpc(TX.select, {}, TX.selectOk);
        for (const b of bodies("tx", 3)) ch.sendToQueue("mr-tx", Buffer.from(b), { persistent: true });
        await raw.rpc(TX.commit, {}, TX.commitOk);
      },
      async ({ ch }) => expect(texts(await drain(ch, "mr-tx"))).toEqual(bodies("tx", 3)),
    );
  });
});
