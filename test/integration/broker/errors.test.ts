import type { Channel } from "amqplib";
import { describe, it } from "vitest";
import { METHOD_IDS } from "../../../src/protocol/index.js";
import { channelError, connect, connectionError, expectClose, unique, useBroker } from "./harness.js";

const broker = useBroker();

/** A raw RPC through amqplib, for method fields its API does not expose. */
const rpc = (ch: Channel, method: number, fields: object, expect: number): Promise<unknown> =>
  (ch as unknown as { rpc(m: number, f: object, e: number): Promise<unknown> }).rpc(method, fields, expect);

describe("errors RabbitMQ 3.10 gives, code and text", () => {
  it("reserved amq. prefix on declare (exchange and queue)", async () => {
    const c = await connect(broker);
    expectClose(await channelError(c, (ch) => ch.assertExchange("amq.perfprobe", "direct")), 403, "ACCESS_REFUSED - exchange name 'amq.perfprobe' contains reserved prefix 'amq.*'");
    expectClose(await channelError(c, (ch) => ch.assertQueue("amq.q1")), 403, "ACCESS_REFUSED - queue name 'amq.q1' contains reserved prefix 'amq.*'");
    await c.close();
  });

  it("deleting a system exchange, touching the default exchange", async () => {
    const c = await connect(broker);
    expectClose(await channelError(c, (ch) => ch.deleteExchange("amq.direct")), 403, "ACCESS_REFUSED - deletion of system exchange 'amq.direct' in vhost '/' not allowed");
    expectClose(await channelError(c, (ch) => ch.assertExchange("", "direct")), 403, "ACCESS_REFUSED - operation not permitted on the default exchange");
    expectClose(await channelError(c, async (ch) => { const q = await ch.assertQueue("", { exclusive: true }); await ch.bindQueue(q.queue, "", "k"); }), 403, "ACCESS_REFUSED - operation not permitted on the default exchange");
    await c.close();
  });

  it("passive declares and publishes to missing things", async () => {
    const c = await connect(broker);
    expectClose(await channelError(c, (ch) => ch.checkQueue("nosuchq")), 404, "NOT_FOUND - no queue 'nosuchq' in vhost '/'");
    expectClose(await channelError(c, (ch) => ch.checkExchange("nosuchx")), 404, "NOT_FOUND - no exchange 'nosuchx' in vhost '/'");
    expectClose(await channelError(c, async (ch) => { ch.publish("nosuchx", "k", Buffer.from("x")); await ch.checkQueue("nosuchq2"); }), 404, "NOT_FOUND - no exchange 'nosuchx' in vhost '/'");
    await c.close();
  });

  it("inequivalent redeclares and bad argument types", async () => {
    const c = await connect(broker);
    const ch = await c.createChannel();
    const q = unique("q");
    await ch.assertQueue(q, { durable: false, autoDelete: true, arguments: { "x-max-length": 10 } });
    expectClose(await channelError(c, (x) => x.assertQueue(q, { durable: false, autoDelete: true, arguments: { "x-max-length": 11 } })), 406, `PRECONDITION_FAILED - inequivalent arg 'x-max-length' for queue '${q}' in vhost '/': received '11' but current is '10'`);
    expectClose(await channelError(c, (x) => x.assertQueue(q, { durable: true, autoDelete: true, arguments: { "x-max-length": 10 } })), 406, `PRECONDITION_FAILED - inequivalent arg 'durable' for queue '${q}' in vhost '/': received 'true' but current is 'false'`);
    const q2 = unique("q");
    expectClose(await channelError(c, (x) => x.assertQueue(q2, { arguments: { "x-max-length": "ten" } })), 406, `PRECONDITION_FAILED - invalid arg 'x-max-length' for queue '${q2}' in vhost '/': "expected integer, got longstr"`);
    const x1 = unique("x");
    await ch.assertExchange(x1, "direct", { durable: false, autoDelete: true });
    expectClose(await channelError(c, (x) => x.assertExchange(x1, "fanout", { durable: false, autoDelete: true })), 406, `PRECONDITION_FAILED - inequivalent arg 'type' for exchange '${x1}' in vhost '/': received 'fanout' but current is 'direct'`);
    await ch.deleteExchange(x1);
    await ch.deleteQueue(q);
    await c.close();
  });

  it("unknown exchange type is a connection error", async () => {
    expectClose(await connectionError(broker, (ch) => ch.assertExchange(unique("x"), "nosuchtype")), 503, "COMMAND_INVALID - unknown exchange type 'nosuchtype'");
  });

  it("ack of an unknown delivery tag", async () => {
    const c = await connect(broker);
    expectClose(await channelError(c, async (ch) => { ch.ack({ fields: { deliveryTag: 999 } } as never); await ch.checkExchange("amq.direct"); }), 406, "PRECONDITION_FAILED - unknown delivery tag 999");
    const ch = await c.createChannel();
    ch.ackAll();
    await ch.checkExchange("amq.direct");
    await c.close();
  });

  it("if-empty delete of a non-empty queue; deletes of missing things succeed", async () => {
    const c = await connect(broker);
    const ch = await c.createChannel();
    const q = unique("q");
    await ch.assertQueue(q, { autoDelete: false });
    ch.sendToQueue(q, Buffer.from("m"));
    expectClose(await channelError(c, (x) => x.deleteQueue(q, { ifEmpty: true })), 406, `PRECONDITION_FAILED - queue '${q}' in vhost '/' not empty`);
    await ch.deleteQueue(q);
    await ch.deleteQueue(unique("gone"));
    await ch.deleteExchange(unique("gone"));
    await ch.unbindQueue(unique("gone"), "amq.direct", "k");
    await c.close();
  });

  it("exclusive queue from another connection", async () => {
    const a = await connect(broker);
    const b = await connect(broker);
    const cha = await a.createChannel();
    const { queue } = await cha.assertQueue("", { exclusive: true });
    expectClose(await channelError(b, (ch) => ch.checkQueue(queue)), 405, `RESOURCE_LOCKED - cannot obtain exclusive access to locked queue '${queue}' in vhost '/'. It could be originally declared on another connection or the exclusive property value does not match that of the original declaration.`);
    await a.close();
    await b.close();
  });

  it("exclusive consumer in use; duplicate consumer tag", async () => {
    const c = await connect(broker);
    const ch = await c.createChannel();
    const { queue } = await ch.assertQueue("", { exclusive: true });
    await ch.consume(queue, () => {}, { exclusive: true });
    expectClose(await channelError(c, (x) => x.consume(queue, () => {})), 403, `ACCESS_REFUSED - queue '${queue}' in vhost '/' in exclusive use`);
    await c.close();
    expectClose(
      await connectionError(broker, async (x) => { const q = await x.assertQueue("", { exclusive: true }); await x.consume(q.queue, () => {}, { consumerTag: "perfprobe-ctag" }); await x.consume(q.queue, () => {}, { consumerTag: "perfprobe-ctag" }); }),
      530,
      "NOT_ALLOWED - attempt to reuse consumer tag 'perfprobe-ctag'",
    );
  });

  it("NOT_IMPLEMENTED cases are connection errors", async () => {
    expectClose(await connectionError(broker, (ch) => rpc(ch, METHOD_IDS["basic.qos"], { prefetchSize: 10, prefetchCount: 0, global: false }, METHOD_IDS["basic.qos-ok"])), 540, "NOT_IMPLEMENTED - prefetch_size!=0 (10)");
    expectClose(await connectionError(broker, (ch) => rpc(ch, METHOD_IDS["channel.flow"], { active: false }, METHOD_IDS["channel.flow-ok"])), 540, "NOT_IMPLEMENTED - active=false");
    expectClose(await connectionError(broker, (ch) => rpc(ch, METHOD_IDS["basic.recover"], { requeue: false }, METHOD_IDS["basic.recover-ok"])), 540, "NOT_IMPLEMENTED - requeue=false");
  });

  it("publish property checks: expiration and user_id", async () => {
    const c = await connect(broker);
    expectClose(await channelError(c, async (ch) => { ch.publish("amq.direct", "k", Buffer.from("x"), { expiration: "abc" }); await ch.checkExchange("amq.direct"); }), 406, "PRECONDITION_FAILED - invalid expiration 'abc': no_integer");
    expectClose(await channelError(c, async (ch) => { ch.publish("amq.direct", "k", Buffer.from("x"), { expiration: "-1" }); await ch.checkExchange("amq.direct"); }), 406, "PRECONDITION_FAILED - invalid expiration '-1': {value_negative,-1}");
    expectClose(await channelError(c, async (ch) => { ch.publish("amq.direct", "k", Buffer.from("x"), { userId: "bob" }); await ch.checkExchange("amq.direct"); }), 406, "PRECONDITION_FAILED - user_id property set to 'bob' but authenticated user was 'guest'");
    await c.close();
  });

  it("empty queue name with nothing declared", async () => {
    const c = await connect(broker);
    expectClose(await channelError(c, (ch) => ch.bindQueue("", "amq.direct", "k")), 404, "NOT_FOUND - no previously declared queue");
    await c.close();
  });
});
