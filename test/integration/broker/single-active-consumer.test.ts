// x-single-active-consumer on classic queues, as RabbitMQ 3.10 runs it: one consumer receives, the rest stand by.
import { describe, expect, it } from "vitest";
import { channel, channelError, expectClose, sleep, useBroker } from "./harness.js";
import { collect, eventually, exclusiveQueue, expectDeclareRefused } from "./queue-features.js";

const broker = useBroker();
const SAC = { "x-single-active-consumer": true };

describe("single active consumer", () => {
  it("only the first consumer receives; when it cancels, the highest-priority waiting consumer takes over", async () => {
    const { c, ch: pub, q } = await exclusiveQueue(broker, "sac", SAC);
    const got: Record<string, string[]> = { a: [], b: [], c: [] };
    const chans = [];
    for (const [tag, priority] of [["a", 0], ["b", 0], ["c", 5]] as const) {
      const ch = await channel(c);
      chans.push(ch);
      await ch.consume(q, (m) => m && got[tag]!.push(m.content.toString()), { noAck: true, consumerTag: tag, priority });
    }
    expect((await pub.checkQueue(q)).consumerCount).toBe(3);
    for (const b of ["1", "2", "3"]) pub.sendToQueue(q, Buffer.from(b));
    await eventually(() => got.a!.length === 3);
    await chans[0]!.cancel("a");
    for (const b of ["4", "5"]) pub.sendToQueue(q, Buffer.from(b));
    await eventually(() => got.c!.length === 2);
    await sleep(30);
    expect(got).toEqual({ a: ["1", "2", "3"], b: [], c: ["4", "5"] });
    await c.close();
  });

  it("the next consumer takes over when the active one's channel closes, receiving its unacked messages again", async () => {
    const { c, ch: pub, q } = await exclusiveQueue(broker, "sac-close", SAC);
    const first = await channel(c);
    await first.prefetch(2);
    const a = collect();
    await first.consume(q, a.on, { noAck: false });
    const second = await channel(c);
    const b = collect();
    await second.consume(q, b.on, { noAck: false });
    for (const x of ["1", "2", "3"]) pub.sendToQueue(q, Buffer.from(x));
    await eventually(() => a.bodies.length === 2);
    await sleep(30);
    // the active consumer is at its prefetch limit, and the waiting one still gets nothing
    expect(b.bodies).toEqual([]);
    await first.close();
    await eventually(() => b.bodies.length === 3);
    expect(b.messages.map((m) => [m.content.toString(), m.fields.redelivered])).toEqual([["1", true], ["2", true], ["3", false]]);
    await c.close();
  });

  it("refuses an exclusive consumer", async () => {
    const { c, q } = await exclusiveQueue(broker, "sac-excl", SAC);
    const got = await channelError(c, (x) => x.consume(q, () => {}, { exclusive: true }));
    expectClose(got, 403, `ACCESS_REFUSED - queue '${q}' in vhost '/' in exclusive use`);
    await c.close();
  });

  it("x-single-active-consumer must be a boolean", async () => {
    await expectDeclareRefused(broker, "sac-bad", [[{ "x-single-active-consumer": "yes" }, "invalid arg 'x-single-active-consumer' for {q}: {unacceptable_type,longstr}"]]);
  });

});
