// Priority queues (x-max-priority) as RabbitMQ 3.10 runs them: higher priorities first, FIFO within one, capped at the maximum.
import { describe, expect, it } from "vitest";
import { channelError, expectClose, sleep, useBroker } from "./harness.js";
import { collect, drain, eventually, exclusiveQueue, expectDeclareRefused, getOne, publishConfirmed } from "./queue-features.js";

const broker = useBroker();

describe("priority queues", () => {
  it("delivers higher priorities first, FIFO within a priority; no priority is 0 and above the maximum counts as the maximum", async () => {
    const { c, ch, q } = await exclusiveQueue(broker, "prio", { "x-max-priority": 5 });
    const sends: [string, number | undefined][] = [["none-1", undefined], ["p1", 1], ["p9", 9], ["p5", 5], ["none-2", undefined], ["p1-b", 1], ["p0", 0]];
    for (const [body, priority] of sends) ch.sendToQueue(q, Buffer.from(body), priority === undefined ? {} : { priority });
    await ch.waitForConfirms();
    expect(await drain(ch, q)).toEqual(["p9", "p5", "p1", "p1-b", "none-1", "none-2", "p0"]);
    await c.close();
  });

  it("consumers get the highest priority waiting; requeued messages go back to their place in their priority", async () => {
    const { c, ch, q } = await exclusiveQueue(broker, "prio-requeue", { "x-max-priority": 10 });
    for (const [b, p] of [["a", 2], ["b", 2], ["c", 7], ["d", 2]] as const) ch.sendToQueue(q, Buffer.from(b), { priority: p });
    await ch.waitForConfirms();
    const first = await getOne(ch, q, false);
    const second = await getOne(ch, q, false);
    expect([first.content.toString(), second.content.toString()]).toEqual(["c", "a"]);
    ch.nack(second, false, true);
    ch.nack(first, false, true);
    await sleep(30);
    const got = collect();
    await ch.consume(q, got.on, { noAck: true });
    await eventually(() => got.bodies.length === 4);
    expect(got.bodies).toEqual(["c", "a", "b", "d"]);
    expect(got.messages.map((m) => m.fields.redelivered)).toEqual([true, true, false, false]);
    await c.close();
  });

  it("drop-head drops the message that would be delivered next (the highest priority)", async () => {
    const { c, ch, q } = await exclusiveQueue(broker, "prio-maxlen", { "x-max-priority": 3, "x-max-length": 2 });
    await publishConfirmed(ch, q, ["low"], { priority: 0 });
    await publishConfirmed(ch, q, ["high"], { priority: 3 });
    await publishConfirmed(ch, q, ["mid"], { priority: 1 });
    expect(await drain(ch, q)).toEqual(["mid", "low"]);
    await c.close();
  });

  it("consumer arguments are checked as a classic queue checks them", async () => {
    const { c, q } = await exclusiveQueue(broker, "prio-consumer");
    const at = `queue '${q}' in vhost '/'`;
    for (const [args, text] of [
      [{ "x-priority": "high" }, `invalid arg 'x-priority' for ${at}: "expected integer, got longstr"`],
      [{ "x-cancel-on-ha-failover": "yes" }, `invalid arg 'x-cancel-on-ha-failover' for ${at}: {unacceptable_type,longstr}`],
      [{ "x-stream-offset": "first" }, `invalid arg 'x-stream-offset' for ${at} of queue type rabbit_classic_queue`],
    ] as const) {
      expectClose(await channelError(c, (ch) => ch.consume(q, () => {}, { arguments: args })), 406, `PRECONDITION_FAILED - ${text}`);
    }
    await c.close();
  });

  it("x-max-priority must be an integer from 0 to 255", async () => {
    await expectDeclareRefused(broker, "prio-bad", [
      [{ "x-max-priority": 256 }, "invalid arg 'x-max-priority' for {q}: {max_value_exceeded,256}"],
      [{ "x-max-priority": -1 }, "invalid arg 'x-max-priority' for {q}: {value_negative,-1}"],
      [{ "x-max-priority": "5" }, `invalid arg 'x-max-priority' for {q}: "expected integer, got longstr"`],
    ]);
  });

});
