// Helpers for the queue-feature tests (TTL, dead-lettering, limits, priorities, single active consumer).
import type { Channel, ChannelModel, ConfirmChannel, ConsumeMessage, GetMessage, Message } from "amqplib";
import { type BrokerHandle, channelError, connect, expectClose, sleep, unique } from "./harness.js";

/** A queue name for these tests; on the shared RabbitMQ oracle every name carries the h5- prefix. */
export const qname = (what: string): string => unique(`h5-${what}`);

/** A fresh connection with a confirm channel and an exclusive queue (gone with the connection) declared with `args`. */
export async function exclusiveQueue(h: BrokerHandle, what: string, args: Record<string, unknown> = {}): Promise<{ c: ChannelModel; ch: ConfirmChannel; q: string }> {
  const c = await connect(h);
  const ch = await c.createConfirmChannel();
  ch.on("error", () => {});
  const q = qname(what);
  await ch.assertQueue(q, { exclusive: true, arguments: args });
  return { c, ch, q };
}

/** exclusiveQueue(what, args) dead-lettering through the default exchange into a second exclusive queue, `dlq`. */
export async function withDeadLetterQueue(
  h: BrokerHandle,
  what: string,
  args: Record<string, unknown> = {},
): Promise<{ c: ChannelModel; ch: ConfirmChannel; q: string; dlq: string }> {
  const dlq = qname(`${what}-dst`);
  const { c, ch, q } = await exclusiveQueue(h, what, { "x-dead-letter-exchange": "", "x-dead-letter-routing-key": dlq, ...args });
  await ch.assertQueue(dlq, { exclusive: true });
  return { c, ch, q, dlq };
}

/** Whether the queue exists, asked on a channel of its own (a 404 closes that channel). */
export async function queueExists(c: ChannelModel, queue: string): Promise<boolean> {
  const probe = await c.createChannel();
  probe.on("error", () => {});
  const found = await probe.checkQueue(queue).then(
    () => true,
    () => false,
  );
  if (found) await probe.close();
  return found;
}

/** Takes every ready message (no-ack) and returns the bodies in order. */
export async function drain(ch: Channel, queue: string): Promise<string[]> {
  const out: string[] = [];
  for (;;) {
    const m = await ch.get(queue, { noAck: true });
    if (m === false) return out;
    out.push(m.content.toString());
  }
}

/** One message from the queue, failing the test when there is none. */
export async function getOne(ch: Channel, queue: string, noAck = true): Promise<GetMessage> {
  const m = await ch.get(queue, { noAck });
  if (m === false) throw new Error(`no message in ${queue}`);
  return m;
}

/** Polls until check() holds (or fails after timeoutMs). */
export async function eventually(check: () => Promise<boolean> | boolean, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("condition not reached in time");
    await sleep(10);
  }
}

/** Publishes each body with confirms and returns "ack" or "nack" per message. */
export async function publishConfirmed(ch: ConfirmChannel, queue: string, bodies: readonly string[], options: object = {}): Promise<string[]> {
  const results = bodies.map(
    (b) => new Promise<string>((resolve) => ch.sendToQueue(queue, Buffer.from(b), options, (err) => resolve(err ? "nack" : "ack"))),
  );
  return Promise.all(results);
}

/** Deliveries collected by a consumer callback. */
export function collect(): { bodies: string[]; messages: ConsumeMessage[]; on: (m: ConsumeMessage | null) => void } {
  const bodies: string[] = [];
  const messages: ConsumeMessage[] = [];
  return {
    bodies,
    messages,
    on: (m) => {
      if (m === null) return;
      messages.push(m);
      bodies.push(m.content.toString());
    },
  };
}

/** A message's x-death events as plain tables (amqplib's typing is narrower than what RabbitMQ sends). */
export const deaths = (m: Message): Record<string, unknown>[] => (m.properties.headers?.["x-death"] ?? []) as unknown as Record<string, unknown>[];

/** Declares a queue with each set of arguments and expects RabbitMQ's 406; "{q}" in the text stands for "queue '<name>' in vhost '/'". */
export async function expectDeclareRefused(h: BrokerHandle, what: string, cases: readonly (readonly [Record<string, unknown>, string])[]): Promise<void> {
  const c = await connect(h);
  for (const [args, problem] of cases) {
    const q = qname(what);
    const got = await channelError(c, (ch) => ch.assertQueue(q, { exclusive: true, arguments: args }));
    expectClose(got, 406, `PRECONDITION_FAILED - ${problem.replace("{q}", `queue '${q}' in vhost '/'`)}`);
  }
  await c.close();
}
