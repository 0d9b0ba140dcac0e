import { z } from "zod";
import type { Broker } from "../../broker.js";
import { done, EXIT, op, refused } from "./types.js";

/** What RabbitMQ loses when its application stops: transient queues and exchanges do not come back. */
function dropTransient(broker: Broker): void {
  for (const v of broker.vhosts.values()) {
    for (const q of [...v.queues.values()]) if (!q.durable) v.deleteQueue(q);
    for (const x of [...v.exchanges.values()]) if (!x.durable) v.deleteExchange(x);
  }
}

export const stopApp = op({
  name: "stop_app",
  async run(ctx) {
    await ctx.broker.node.stopApp();
    dropTransient(ctx.broker);
    return done();
  },
});

export const startApp = op({
  name: "start_app",
  async run(ctx) {
    try {
      await ctx.broker.node.startApp();
    } catch (e) {
      return refused(EXIT.software, `could not start the AMQP listener: ${(e as Error).message}`);
    }
    return done();
  },
});

export const waitForApp = op({
  name: "wait",
  body: z.object({ timeout: z.number().int().nonnegative().optional() }),
  async run(ctx, body) {
    const ms = body.timeout ?? 10_000;
    if (await ctx.broker.node.waitForApp(ms)) return done();
    return refused(EXIT.tempFail, `operation wait on node ${ctx.broker.node.name} timed out. Timeout value used: ${ms}`);
  },
});
