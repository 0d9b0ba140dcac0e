import { nodeOperation, extensionRows } from "../nodes/_extension.js";
import type { Command, Row } from "../../types.js";

// rabbitmqctl's info keys, in its order ("name" appears twice there too)
const KEYS = ["name", "snmp", "load_order", "active_replicas", "all_nodes", "attributes", "checkpoints", "disc_copies",
  "disc_only_copies", "external_copies", "frag_properties", "master_nodes", "ram_copies", "storage_properties",
  "subscribers", "user_properties", "cstruct", "local_content", "where_to_commit", "where_to_read", "name", "access_mode",
  "cookie", "load_by_force", "load_node", "record_name", "size", "storage_type", "type", "where_to_write", "index", "arity",
  "majority", "memory", "commit_work", "where_to_wlock", "load_reason", "record_validation", "version", "wild_pattern", "index_info"];

export const schema_info: Command<Row[]> = {
  name: "schema_info",
  section: "monitoring",
  description: "Lists the node's schema database tables with the requested properties",
  usage: "schema_info [--no-table-headers] [<column> ...] [--timeout <timeout>]",
  formatter: "table",
  columns: { allowed: KEYS, defaults: ["name", "cookie", "active_replicas", "user_properties"] },
  extension: "schema_info",
  notes: "RabbitMQ's HTTP API has no view of its schema database: this needs warren's `schema_info` extension. Request {\"columns\": [...]}; reply {\"result\":\"ok\",\"rows\":[[cell, ...], ...]} with cells in column order (strings print as names, arrays as lists, null empty).",
  banner: (_args, opts) => `Asking node ${opts.node} to report its schema...`,
  run: async (_args, opts, ctx) => extensionRows(await nodeOperation(ctx, "schema_info", { columns: opts.columns ?? [] })),
  output: (rows, opts) => ({ kind: "rows", columns: opts.columns ?? [], rows, stream: true }),
};
