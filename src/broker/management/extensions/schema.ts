import { z } from "zod";
import type { Broker } from "../../broker.js";
import { APP_MUST_RUN, done, op } from "./types.js";

interface Table {
  readonly name: string;
  readonly record: string;
  readonly size: number;
}

const sum = (xs: Iterable<number>): number => [...xs].reduce((a, b) => a + b, 0);

/** warren's metadata collections under the names of the RabbitMQ tables that hold the same records. */
function tables(broker: Broker): Table[] {
  const vhosts = [...broker.vhosts.values()];
  const exchanges = vhosts.flatMap((v) => [...v.exchanges.values()]);
  const queues = vhosts.flatMap((v) => [...v.queues.values()]);
  return [
    { name: "rabbit_durable_exchange", record: "exchange", size: exchanges.filter((x) => x.durable).length },
    { name: "rabbit_durable_queue", record: "amqqueue", size: queues.filter((q) => q.durable).length },
    { name: "rabbit_exchange", record: "exchange", size: exchanges.length },
    { name: "rabbit_queue", record: "amqqueue", size: queues.length },
    { name: "rabbit_route", record: "route", size: sum(exchanges.map((x) => [...x.allBindings()].length)) },
    { name: "rabbit_user", record: "internal_user", size: broker.users.names().length },
    { name: "rabbit_user_permission", record: "user_permission", size: sum(vhosts.map((v) => broker.permissions.forVhost(v.name).length)) },
    { name: "rabbit_vhost", record: "vhost", size: vhosts.length },
  ];
}

/** The properties warren can state for an in-memory table on a standalone node; others print empty. */
function properties(t: Table, node: string): Record<string, unknown> {
  return {
    name: t.name, size: t.size, record_name: t.record, type: "set", storage_type: "ram_copies",
    ram_copies: [node], disc_copies: [], disc_only_copies: [], external_copies: [], active_replicas: [node], all_nodes: [node],
    where_to_read: node, where_to_write: [node], master_nodes: [], checkpoints: [], subscribers: [], user_properties: [],
    frag_properties: [], index: [], snmp: [], access_mode: "read_write", load_node: node, load_by_force: false,
    local_content: false, majority: false,
  };
}

export const schemaInfo = op({
  name: "schema_info",
  body: z.object({ columns: z.array(z.string()).default(["name", "cookie", "active_replicas", "user_properties"]) }),
  run(ctx, body) {
    if (!ctx.broker.node.running) return APP_MUST_RUN;
    const node = ctx.broker.node.name;
    const rows = tables(ctx.broker).map((t) => {
      const p = properties(t, node);
      return body.columns.map((c) => p[c] ?? null);
    });
    return { ...done(), rows };
  },
});
