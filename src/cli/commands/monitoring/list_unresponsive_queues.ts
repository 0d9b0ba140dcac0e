import { nodeOperation, extensionRows } from "../nodes/_extension.js";
import { vhostOf, withDefaultVhost } from "../common.js";
import type { Command, Row } from "../../types.js";

export const list_unresponsive_queues: Command<Row[]> = {
  name: "list_unresponsive_queues",
  section: "monitoring",
  description: "Asks every queue to answer within a deadline and lists those that did not",
  usage: "list_unresponsive_queues [--local] [--queue-timeout <milliseconds>] [<column> ...] [--no-table-headers] [--timeout <timeout>]",
  usageAdditional: [
    ["--local", "only check queues whose leader runs on the target node"],
    ["--queue-timeout <milliseconds>", "how long each queue has to answer"],
  ],
  switches: [
    { name: "local", type: "boolean", description: "only check queues on the target node" },
    { name: "queue-timeout", type: "integer", description: "how long each queue has to answer (default 15)" },
  ],
  formatter: "table",
  columns: { allowed: ["name", "durable", "auto_delete", "arguments", "pid", "recoverable_slaves"], defaults: ["name"] },
  extension: "list_unresponsive_queues",
  notes: "The HTTP API cannot probe a queue's process: this needs warren's `list_unresponsive_queues` extension. Request {\"vhost\", \"columns\", \"local\": bool, \"queue_timeout\": n} (n as given, default 15; rabbitmqctl multiplies it by 1000); reply {\"result\":\"ok\",\"rows\":[[cell, ...], ...]}.",
  mergeDefaults: withDefaultVhost,
  banner: (_args, opts) => `Listing unresponsive queues for vhost ${vhostOf(opts)} ...`,
  async run(_args, opts, ctx) {
    const queueTimeout = typeof opts["queue-timeout"] === "number" ? opts["queue-timeout"] : 15;
    const reply = await nodeOperation(ctx, "list_unresponsive_queues", { vhost: vhostOf(opts), columns: opts.columns ?? [], local: opts.local === true, queue_timeout: queueTimeout });
    return extensionRows(reply);
  },
  output: (rows, opts) => ({ kind: "rows", columns: opts.columns ?? [], rows, stream: true }),
};
