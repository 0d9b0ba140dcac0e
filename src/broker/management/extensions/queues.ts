import { setImmediate as nextTurn } from "node:timers/promises";
import { z } from "zod";
import { fromFieldTable } from "../../../protocol/index.js";
import type { Queue } from "../../queue/queue.js";
import { APP_MUST_RUN, done, op } from "./types.js";

const COLUMNS = ["name", "durable", "auto_delete", "arguments", "pid", "recoverable_slaves"] as const;
type Column = (typeof COLUMNS)[number];

/** A queue's cell for a column; warren queues have no process id and no mirrors, so those cells are empty. */
function cell(q: Queue, column: Column): unknown {
  switch (column) {
    case "name": return q.name;
    case "durable": return q.durable;
    case "auto_delete": return q.autoDelete;
    case "arguments": return fromFieldTable(q.arguments);
    case "pid":
    case "recoverable_slaves": return null;
  }
}

/**
 * Every warren queue lives on the node's one event loop, so a queue answers as soon as the loop gets to it:
 * the probe measures one loop turn, and the queues are unresponsive when that takes longer than queue_timeout.
 */
export const listUnresponsiveQueues = op({
  name: "list_unresponsive_queues",
  body: z.object({
    vhost: z.string().default("/"),
    columns: z.array(z.enum(COLUMNS)).default(["name"]),
    local: z.boolean().default(false),
    queue_timeout: z.number().nonnegative().default(15),
  }),
  async run(ctx, body) {
    if (!ctx.broker.node.running) return APP_MUST_RUN;
    const queues = [...(ctx.broker.vhosts.get(body.vhost)?.queues.values() ?? [])];
    const started = performance.now();
    await nextTurn();
    // rabbitmqctl passes the timeout in seconds and the node waits that many thousand milliseconds
    const unresponsive = performance.now() - started > body.queue_timeout * 1000 ? queues : [];
    const columns = body.columns.length > 0 ? body.columns : ["name" as const];
    return { ...done(), rows: unresponsive.map((q) => columns.map((c) => cell(q, c))) };
  },
});
