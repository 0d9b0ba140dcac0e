// Load held open: 1,000 concurrent connections with two channels each and 10,000 queues, while a producer and a
// consumer keep working through all of it. No timing asserts: the RSS figures are printed for the record.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningBroker, startBroker } from "../../../src/index.js";
import { RawClient } from "../broker/raw-client.js";
import { type Bystanders, startBystanders } from "./bystanders.js";

const CONNECTIONS = 1000;
const QUEUES = 10_000;
const MiB = (n: number): string => `${(n / 1024 / 1024).toFixed(0)} MiB`;

let broker: RunningBroker;
let bystanders: Bystanders;
const held: RawClient[] = [];

async function overview(): Promise<{ connections: number; channels: number; queues: number }> {
  const r = await fetch(`http://127.0.0.1:${broker.httpPort}/api/overview`, { headers: { authorization: `Basic ${Buffer.from("guest:guest").toString("base64")}` } });
  return ((await r.json()) as { object_totals: { connections: number; channels: number; queues: number } }).object_totals;
}

beforeAll(async () => {
  broker = await startBroker({ amqpPort: 0, httpPort: 0 });
  bystanders = await startBystanders(`amqp://guest:guest@127.0.0.1:${broker.amqpPort}`, "load");
});
afterAll(async () => {
  for (const c of held) c.destroy();
  await bystanders?.close();
  await broker?.close();
});

/** Opens `n` connections, 50 at a time, each with channels 1 and 2 open. */
async function openMany(n: number): Promise<void> {
  for (let i = 0; i < n; i += 50) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(50, n - i) }, async () => {
        const c = await RawClient.handshake(broker.amqpPort);
        c.send(1, "channel.open", { outOfBand: "" });
        c.send(2, "channel.open", { outOfBand: "" });
        await c.expectMethod("channel.open-ok");
        await c.expectMethod("channel.open-ok");
        return c;
      }),
    );
    held.push(...batch);
  }
}

/** Declares `n` queues on one channel, pipelined (nowait), then one synchronous declare to know they are all in. */
async function declareMany(n: number): Promise<void> {
  const c = held[0]!;
  for (let i = 0; i < n; i++) {
    c.send(1, "queue.declare", { ticket: 0, queue: `load-q-${i}`, passive: false, durable: false, exclusive: false, autoDelete: false, nowait: true, arguments: new Map() });
  }
  c.send(1, "queue.declare", { ticket: 0, queue: "load-q-fence", passive: false, durable: false, exclusive: false, autoDelete: false, nowait: false, arguments: new Map() });
  await c.expectMethod("queue.declare-ok");
}

describe("under load", () => {
  it(`holds ${CONNECTIONS} connections with 2 channels each and ${QUEUES} queues while a producer and consumer keep working`, { timeout: 120_000 }, async () => {
    const rss0 = process.memoryUsage.rss();
    await openMany(CONNECTIONS);
    const rss1 = process.memoryUsage.rss();
    await declareMany(QUEUES);
    const rss2 = process.memoryUsage.rss();

    const totals = await overview();
    // the bystanders' producer and consumer hold two more connections with a channel each
    expect(totals.connections).toBe(CONNECTIONS + 2);
    expect(totals.channels).toBe(2 * CONNECTIONS + 2);
    expect(totals.queues).toBe(QUEUES + 1 + 2);

    // every held connection still answers, on both channels
    for (const c of held.slice(0, 100)) {
      c.send(2, "basic.qos", { prefetchSize: 0, prefetchCount: 5, global: false });
      await c.expectMethod("basic.qos-ok");
    }
    await bystanders.check();
    expect(held.every((c) => !c.ended)).toBe(true);
    const rss3 = process.memoryUsage.rss();
    // test process and broker share one process: the figures include the clients' side of every socket
    console.info(
      `load figures (RSS, broker and clients in one process): start ${MiB(rss0)}, +${CONNECTIONS} connections x2 channels ${MiB(rss1)} (${((rss1 - rss0) / CONNECTIONS / 1024).toFixed(1)} KiB each), +${QUEUES} queues ${MiB(rss2)} (${((rss2 - rss1) / QUEUES / 1024).toFixed(2)} KiB each), after traffic ${MiB(rss3)}`,
    );
  });
});
