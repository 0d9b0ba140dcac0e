// kill -9 of a real warren-server in the middle of a burst of AMQP declares and binds: after the restart, every
// durable exchange, queue and binding whose -ok the client saw is there (RabbitMQ answers after its database write).
import amqp from "amqplib";
import { beforeAll, describe, expect, it } from "vitest";
import { useTmpDirs } from "../../unit/store/records.js";
import { bundleServer, type ChildServer, startChildServer } from "./child-server.js";
import { apiOf } from "./restart-harness.js";

const tmp = useTmpDirs("amqp-defs-kill");
let launcher = "";

beforeAll(async () => {
  launcher = await bundleServer("amqp-definitions-kill");
}, 60_000);

const api = (c: ChildServer) => apiOf({ httpPort: c.httpPort } as Parameters<typeof apiOf>[0]);

/** What one declare round made: each a path under /api that must answer 200 after the restart. */
type Acked = string[];

async function burst(c: ChildServer, round: number, killAfter: number): Promise<Acked> {
  const conn = await amqp.connect(`amqp://guest:guest@127.0.0.1:${c.amqpPort}`);
  conn.on("error", () => {});
  const acked: Acked = [];
  const kill = (): void => {
    if (acked.length === killAfter) c.process.kill("SIGKILL");
  };
  const worker = async (w: number): Promise<void> => {
    const ch = await conn.createChannel();
    ch.on("error", () => {});
    for (let i = 0; ; i++) {
      const x = `ak-x-${round}-${w}-${i}`;
      const q = `ak-q-${round}-${w}-${i}`;
      await ch.assertExchange(x, "direct", { durable: true });
      acked.push(`/exchanges/%2F/${x}`);
      kill();
      await ch.assertQueue(q, { durable: true });
      acked.push(`/queues/%2F/${q}`);
      kill();
      await ch.bindQueue(q, x, "k");
      acked.push(`/bindings/%2F/e/${x}/q/${q}/k`);
      kill();
    }
  };
  await Promise.allSettled(Array.from({ length: 8 }, (_, w) => worker(w)));
  return acked;
}

describe("kill -9 during AMQP declares", () => {
  it("keeps every durable exchange, queue and binding whose -ok was received", async () => {
    const dir = tmp();
    for (let round = 0; round < 3; round++) {
      const server = await startChildServer(launcher, dir, "amqpkill");
      // early, middle and late in a burst
      const acked = await burst(server, round, [7, 60, 150][round]!);
      expect(await server.exited).toBe("SIGKILL");
      const back = await startChildServer(launcher, dir, "amqpkill");
      const missing: string[] = [];
      for (const path of acked) if ((await api(back)("GET", path)).status !== 200) missing.push(path);
      expect(missing).toEqual([]);
      back.process.kill("SIGTERM");
      await back.exited;
    }
  }, 60_000);
});
