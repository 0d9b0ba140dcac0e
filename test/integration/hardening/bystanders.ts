// Well-behaved clients that run beside hostile ones: a queue of messages that must stay exactly as stored, and a
// producer and consumer that must keep working. check() asserts both once the hostile part is over.
import amqp, { type Channel, type ChannelModel, type ConfirmChannel } from "amqplib";
import { expect } from "vitest";

export interface Bystanders {
  /** Stops the producer, then asserts every confirmed message arrived once, in order, and the stored queue is intact. */
  check(): Promise<void>;
  close(): Promise<void>;
}

const KEPT = 100;

export async function startBystanders(url: string, prefix: string): Promise<Bystanders> {
  const failures: string[] = [];
  const open = async (): Promise<ChannelModel> => {
    const c = await amqp.connect(url);
    c.on("error", (e: Error) => failures.push(`connection error: ${e.message}`));
    c.on("close", () => failures.push("connection closed"));
    return c;
  };
  const producer = await open();
  const consumer = await open();
  const pub: ConfirmChannel = await producer.createConfirmChannel();
  const kept = `${prefix}-kept`;
  const live = `${prefix}-live`;
  await pub.assertQueue(kept, { autoDelete: false });
  await pub.assertQueue(live, { autoDelete: false });
  for (let i = 0; i < KEPT; i++) pub.sendToQueue(kept, Buffer.from(`kept-${i}`), { persistent: true });
  await pub.waitForConfirms();

  const sub: Channel = await consumer.createChannel();
  const received: string[] = [];
  await sub.consume(live, (m) => {
    if (m === null) return failures.push("consumer cancelled");
    received.push(m.content.toString());
    sub.ack(m);
  });

  // publish one message per tick, each confirmed before the next, for as long as the hostile part runs
  const confirmed: string[] = [];
  let running = true;
  const pump = (async () => {
    for (let n = 0; running; n++) {
      const body = `live-${n}`;
      await new Promise<void>((resolve, reject) => pub.sendToQueue(live, Buffer.from(body), {}, (err) => (err ? reject(err) : resolve())));
      confirmed.push(body);
      await new Promise((r) => setTimeout(r, 5));
    }
  })().catch((e: Error) => failures.push(`producer: ${e.message}`));

  return {
    async check() {
      running = false;
      await pump;
      const deadline = Date.now() + 5000;
      while (received.length < confirmed.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
      expect(failures).toEqual([]);
      expect(confirmed.length).toBeGreaterThan(0);
      expect(received).toEqual(confirmed);
      const check = await pub.checkQueue(kept);
      expect(check.messageCount).toBe(KEPT);
      const bodies: string[] = [];
      for (let m = await pub.get(kept, { noAck: true }); m !== false; m = await pub.get(kept, { noAck: true })) bodies.push(m.content.toString());
      expect(bodies).toEqual(Array.from({ length: KEPT }, (_, i) => `kept-${i}`));
    },
    async close() {
      running = false;
      await pump;
      producer.removeAllListeners("close");
      consumer.removeAllListeners("close");
      await pub.deleteQueue(kept).catch(() => {});
      await pub.deleteQueue(live).catch(() => {});
      await consumer.close().catch(() => {});
      await producer.close().catch(() => {});
    },
  };
}
