// kill -9 of a real warren-server at a random moment while a client publishes persistent messages with confirms to a
// durable queue (through a durable exchange and binding): after each restart every confirmed message is there
// (duplicates allowed, losses never), and the definitions they were routed by are intact.
import amqp, { type Channel, type ChannelModel, type ConfirmChannel } from "amqplib";
import { beforeAll, describe, expect, it } from "vitest";
import { useTmpDirs } from "../../unit/store/records.js";
import { bundleServer, type ChildServer as Child, startChildServer } from "./child-server.js";

const tmp = useTmpDirs("msg-crash");
const CYCLES = 3;
const IN_FLIGHT = 100;
const BODY_BYTES = 512;
const QUEUE = "mc-q";
const EXCHANGE = "mc-x";
let launcher = "";

beforeAll(async () => {
  launcher = await bundleServer("message-crash");
}, 60_000);

const startServer = (dataDir: string): Promise<Child> => startChildServer(launcher, dataDir, "msgcrash");

const bodyOf = (label: string): Buffer => Buffer.from(label.padEnd(BODY_BYTES, "."));

async function connect(c: Child): Promise<{ conn: ChannelModel; ch: ConfirmChannel }> {
  const conn = await amqp.connect(`amqp://guest:guest@127.0.0.1:${c.amqpPort}`);
  conn.on("error", () => {});
  const ch = await conn.createConfirmChannel();
  ch.on("error", () => {});
  return { conn, ch };
}

/** Consumes (no-ack) what the queue holds, checking each body; resolves with the labels seen. */
async function drain(ch: Channel): Promise<string[]> {
  const { messageCount } = await ch.checkQueue(QUEUE);
  const labels: string[] = [];
  if (messageCount === 0) return labels;
  let done: () => void = () => {};
  const all = new Promise<void>((r) => (done = r));
  const { consumerTag } = await ch.consume(
    QUEUE,
    (m) => {
      if (m === null) return;
      const label = String(m.properties.messageId);
      // a damaged body or one not marked redelivered shows up as a label that was never published
      labels.push(m.content.equals(bodyOf(label)) && m.fields.redelivered ? label : `bad:${label}`);
      if (labels.length === messageCount) done();
    },
    { noAck: true },
  );
  await all;
  // the publishes that follow must stay in the queue, not go to this consumer
  await ch.cancel(consumerTag);
  return labels;
}

/** Publishes persistent messages, IN_FLIGHT unconfirmed at a time, until the server is SIGKILLed at a random moment. */
async function publishUntilKilled(child: Child, conn: ChannelModel, ch: ConfirmChannel, cycle: number, confirmed: Set<string>): Promise<number> {
  let inFlight = 0;
  let dead = false;
  let wake: () => void = () => {};
  let killScheduled = false;
  let thisCycle = 0;
  const die = (): void => {
    dead = true;
    wake();
  };
  void child.exited.then(die);
  conn.on("close", die);
  for (let i = 0; !dead; i++) {
    if (inFlight >= IN_FLIGHT) {
      await new Promise<void>((r) => (wake = r));
      i--;
      continue;
    }
    const label = `c${cycle}-${i}`;
    inFlight++;
    const sent = (err: unknown): void => {
      inFlight--;
      if (err === null || err === undefined) {
        confirmed.add(label);
        thisCycle++;
        if (!killScheduled) {
          killScheduled = true;
          setTimeout(() => child.process.kill("SIGKILL"), 50 + Math.floor(Math.random() * 500));
        }
      }
      wake();
    };
    try {
      ch.publish(EXCHANGE, "k", bodyOf(label), { persistent: true, messageId: label }, sent);
    } catch {
      break; // the channel went with the server
    }
    // let socket writes and confirms through between publishes
    if (i % 20 === 0) await new Promise((r) => setImmediate(r));
  }
  return thisCycle;
}

describe("kill -9 while publishing persistent messages with confirms", () => {
  it("recovers every confirmed message after each kill", async () => {
    const dir = tmp();
    const confirmed = new Set<string>();
    const seen = new Set<string>();
    for (let cycle = 0; cycle <= CYCLES; cycle++) {
      const child = await startServer(dir);
      const { conn, ch } = await connect(child);
      if (cycle === 0) {
        await ch.assertExchange(EXCHANGE, "direct", { durable: true });
        await ch.assertQueue(QUEUE, { durable: true });
        await ch.bindQueue(QUEUE, EXCHANGE, "k");
      } else {
        // what came back (drained with no-ack; a kill before that ack was on disk only makes duplicates)
        const back = await drain(ch);
        expect(back.filter((l) => l.startsWith("bad:"))).toEqual([]);
        for (const l of back) seen.add(l);
        const lost = [...confirmed].filter((l) => !seen.has(l));
        expect(lost, `cycle ${cycle}: confirmed messages missing after the restart`).toEqual([]);
      }
      if (cycle === CYCLES) {
        await conn.close();
        child.process.kill("SIGKILL");
        await child.exited;
        break;
      }
      const n = await publishUntilKilled(child, conn, ch, cycle, confirmed);
      expect(await child.exited).toBe("SIGKILL");
      expect(n).toBeGreaterThan(0);
    }
    expect(confirmed.size).toBeGreaterThan(CYCLES * IN_FLIGHT);
  }, 60_000);
});
