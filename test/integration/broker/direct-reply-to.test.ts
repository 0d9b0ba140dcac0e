// Direct reply-to (amq.rabbitmq.reply-to) with the replies and errors RabbitMQ 3.10.8 gives.
import type { Channel, ChannelModel, ConsumeMessage } from "amqplib";
import { describe, expect, it } from "vitest";
import { channel, channelError, connect, connectionError, expectClose, sleep, useBroker } from "./harness.js";
import { collect, eventually, qname } from "./queue-features.js";

const broker = useBroker();
const REPLY_TO = "amq.rabbitmq.reply-to";
const ADDRESS = /^amq\.rabbitmq\.reply-to\.[^.]+\.[^.]+$/;

/** An RPC server on its own channel: every request is answered by `reply` (after recording its reply_to). */
async function rpcServer(c: ChannelModel, reply: (ch: Channel, m: ConsumeMessage) => void): Promise<{ queue: string; requests: ConsumeMessage[]; ch: Channel }> {
  const ch = await channel(c);
  const queue = qname("rpc");
  await ch.assertQueue(queue, { exclusive: true });
  const requests: ConsumeMessage[] = [];
  await ch.consume(queue, (m) => {
    if (m === null) return;
    requests.push(m);
    reply(ch, m);
  }, { noAck: true });
  return { queue, requests, ch };
}

describe("direct reply-to", () => {
  it("advertises the direct_reply_to capability", async () => {
    const c = await connect(broker);
    const props = (c.connection as unknown as { serverProperties: { capabilities: Record<string, unknown> } }).serverProperties;
    expect(props.capabilities.direct_reply_to).toBe(true);
    await c.close();
  });

  it("rewrites reply_to to the channel's address; replies through the default exchange go straight to the reply consumer", async () => {
    const c = await connect(broker);
    const server = await rpcServer(c, (ch, m) => {
      ch.publish("", m.properties.replyTo as string, Buffer.from("r1"), { correlationId: m.properties.correlationId });
      ch.publish("", m.properties.replyTo as string, Buffer.from("r2"), { correlationId: m.properties.correlationId });
      // only the default exchange knows reply addresses
      ch.publish("amq.direct", m.properties.replyTo as string, Buffer.from("lost"));
    });
    const client = await channel(c);
    const replies = collect();
    const { consumerTag } = await client.consume(REPLY_TO, replies.on, { noAck: true });
    client.sendToQueue(server.queue, Buffer.from("req"), { replyTo: REPLY_TO, correlationId: "c-1" });
    await eventually(() => replies.messages.length === 2);
    await sleep(30);
    const address = server.requests[0]!.properties.replyTo as string;
    expect(address).toMatch(ADDRESS);
    expect(replies.bodies).toEqual(["r1", "r2"]);
    // replies reuse the channel's next delivery tag rather than taking one
    expect(replies.messages.map((m) => m.fields)).toEqual([1, 1].map((deliveryTag) => ({ consumerTag, deliveryTag, redelivered: false, exchange: "", routingKey: address })));
    expect(replies.messages[0]!.properties.correlationId).toBe("c-1");
    await c.close();
  });

  it("a mandatory reply is delivered and also returned, as RabbitMQ does", async () => {
    const c = await connect(broker);
    const returned: string[] = [];
    const server = await rpcServer(c, (ch, m) => ch.publish("", m.properties.replyTo as string, Buffer.from("m"), { mandatory: true }));
    server.ch.on("return", (m: ConsumeMessage) => returned.push(`${(m.fields as unknown as { replyCode: number }).replyCode} ${m.content.toString()}`));
    const client = await channel(c);
    const replies = collect();
    await client.consume(REPLY_TO, replies.on, { noAck: true });
    client.sendToQueue(server.queue, Buffer.from("req"), { replyTo: REPLY_TO });
    await eventually(() => replies.bodies.length === 1 && returned.length === 1);
    expect(returned).toEqual(["312 m"]);
    await c.close();
  });

  it("declares: the pseudo-queue always exists, an address while its consumer lives, anything else is 404", async () => {
    const c = await connect(broker);
    const ch = await channel(c);
    expect(await ch.checkQueue(REPLY_TO)).toEqual({ queue: REPLY_TO, messageCount: 0, consumerCount: 1 });
    const server = await rpcServer(c, () => {});
    const client = await channel(c);
    await client.consume(REPLY_TO, () => {}, { noAck: true });
    client.sendToQueue(server.queue, Buffer.from("req"), { replyTo: REPLY_TO });
    await eventually(() => server.requests.length === 1);
    const address = server.requests[0]!.properties.replyTo as string;
    expect(await ch.assertQueue(address, { durable: true })).toEqual({ queue: address, messageCount: 0, consumerCount: 1 });
    await client.close();
    expectClose(await channelError(c, (x) => x.checkQueue(address)), 404, `NOT_FOUND - no queue '${address}' in vhost '/'`);
    expectClose(await channelError(c, (x) => x.checkQueue(`${REPLY_TO}x`)), 404, `NOT_FOUND - no queue '${REPLY_TO}x' in vhost '/'`);
    await c.close();
  });

  it("replies to a client that went away are dropped without disturbing the replier", async () => {
    const c = await connect(broker);
    const server = await rpcServer(c, () => {});
    const client = await channel(c);
    await client.consume(REPLY_TO, () => {}, { noAck: true });
    client.sendToQueue(server.queue, Buffer.from("req"), { replyTo: REPLY_TO });
    await eventually(() => server.requests.length === 1);
    await client.close();
    server.ch.publish("", server.requests[0]!.properties.replyTo as string, Buffer.from("late"));
    expect(await server.ch.checkQueue(server.queue)).toMatchObject({ queue: server.queue });
    await c.close();
  });

  it("publishing with reply_to amq.rabbitmq.reply-to needs a reply consumer on the channel (also after cancelling it)", async () => {
    const c = await connect(broker);
    const text = "PRECONDITION_FAILED - fast reply consumer does not exist";
    const before = await channelError(c, async (ch) => {
      ch.sendToQueue(qname("nobody"), Buffer.from("x"), { replyTo: REPLY_TO });
      await ch.checkExchange("amq.direct");
    });
    expectClose(before, 406, text);
    const after = await channelError(c, async (ch) => {
      const { consumerTag } = await ch.consume(REPLY_TO, () => {}, { noAck: true });
      await ch.cancel(consumerTag);
      ch.sendToQueue(qname("nobody"), Buffer.from("x"), { replyTo: REPLY_TO });
      await ch.checkExchange("amq.direct");
    });
    expectClose(after, 406, text);
    await c.close();
  });

  it("refuses an acking reply consumer, a second one, and a consumer tag already in use", async () => {
    const c = await connect(broker);
    expectClose(await channelError(c, (ch) => ch.consume(REPLY_TO, () => {}, { noAck: false })), 406, "PRECONDITION_FAILED - reply consumer cannot acknowledge");
    const twice = await channelError(c, async (ch) => {
      await ch.consume(REPLY_TO, () => {}, { noAck: true });
      await ch.consume(REPLY_TO, () => {}, { noAck: true });
    });
    expectClose(twice, 406, "PRECONDITION_FAILED - reply consumer already set");
    const reused = await connectionError(broker, async (ch) => {
      const { queue } = await ch.assertQueue("", { exclusive: true });
      await ch.consume(queue, () => {}, { consumerTag: "t1" });
      await ch.consume(REPLY_TO, () => {}, { noAck: true, consumerTag: "t1" });
    });
    expectClose(reused, 530, "NOT_ALLOWED - attempt to reuse consumer tag 't1'");
    await c.close();
  });

  it("an address it cannot decode makes RabbitMQ close the replier's connection with INTERNAL_ERROR", async () => {
    const got = await connectionError(broker, async (ch) => {
      ch.publish("", `${REPLY_TO}.YWJj.def`, Buffer.from("x"));
      await ch.checkExchange("amq.direct");
    });
    expectClose(got, 541, "INTERNAL_ERROR");
  });
});
