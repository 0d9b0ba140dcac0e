import { p } from "../../../api/client.js";
import { atom } from "../../format/values.js";
import type { Command, Row } from "../../types.js";
import { amqpTable, vhostOf, withDefaultVhost } from "../common.js";
import { atomOf, from, primed, rowsOf, streamed, text, unpagedItems, type InfoKey } from "./_lists.js";

const KEYS: Record<string, InfoKey> = {
  source_name: from("source", text),
  // bindings always have an exchange as their source
  source_kind: { fields: [], value: () => atom("exchange") },
  destination_name: from("destination", text),
  destination_kind: from("destination_type", atomOf),
  routing_key: from("routing_key", text),
  // rabbitmqctl prints binding arguments sorted by key
  arguments: { fields: ["arguments"], value: (b) => amqpTable(b.arguments, true) },
};
const ALL = ["source_name", "source_kind", "destination_name", "destination_kind", "routing_key", "arguments"];

export const list_bindings: Command<AsyncIterable<Row>> = {
  name: "list_bindings",
  section: "monitoring",
  description: "Shows the bindings of a virtual host with the requested properties",
  usage: "list_bindings [--vhost <vhost>] [--no-table-headers] [<column> ...] [--timeout <timeout>]",
  formatter: "table",
  columns: { allowed: ALL, defaults: ALL },
  notes:
    "The management API does not page bindings: they arrive in one response. AMQP types of arguments are inferred " +
    "from JSON.",
  mergeDefaults: withDefaultVhost,
  banner: (_args, opts) => `Listing bindings for vhost ${vhostOf(opts)}...`,
  run: async (_args, opts, ctx) =>
    primed(rowsOf(unpagedItems(ctx.api, p`/api/bindings/${vhostOf(opts)}`, {}), KEYS, opts.columns ?? ALL)),
  output: (rows, opts) => streamed(opts.columns ?? ALL, rows),
};
