import { p } from "../../../api/client.js";
import type { Command, Opts, Row } from "../../types.js";
import { amqpTable, vhostOf, withDefaultVhost } from "../common.js";
import { atomOf, flag, from, httpColumns, int, primed, rowsOf, streamed, text, unpagedItems, type InfoKey } from "./_lists.js";

const KEYS: Record<string, InfoKey> = {
  queue_name: from("queue.name", text),
  // HTTP has no channel pids: the channel's name stands in
  channel_pid: from("channel_details.name", text),
  consumer_tag: from("consumer_tag", text),
  ack_required: from("ack_required", flag),
  prefetch_count: from("prefetch_count", int),
  active: from("active", flag),
  activity_status: from("activity_status", atomOf),
  arguments: { fields: ["arguments"], value: (c) => amqpTable(c.arguments) },
};
const DEFAULTS = ["queue_name", "channel_pid", "consumer_tag", "ack_required", "prefetch_count", "active", "arguments"];
// rabbitmqctl prints the chosen keys in this fixed order, whatever order they were asked in
const ORDER = Object.keys(KEYS);
const ordered = (opts: Opts): string[] => ORDER.filter((k) => (opts.columns ?? DEFAULTS).includes(k));

export const list_consumers: Command<AsyncIterable<Row>> = {
  name: "list_consumers",
  section: "monitoring",
  description: "Shows the consumers of a virtual host's queues",
  usage: "list_consumers [--vhost <vhost>] [--no-table-headers] [<column> ...] [--timeout <timeout>]",
  docGuides: ["https://rabbitmq.com/consumers.html"],
  formatter: "table",
  columns: { allowed: Object.keys(KEYS), defaults: DEFAULTS },
  notes:
    "channel_pid prints the consuming channel's name (\"127.0.0.1:52272 -> 127.0.0.1:5672 (2)\"): the management " +
    "API exposes no pids. Consumers arrive in one response (the API does not page them). Argument types are " +
    "inferred from JSON and keys print in the API's sorted order.",
  mergeDefaults: withDefaultVhost,
  banner: (_args, opts) => `Listing consumers in vhost ${vhostOf(opts)} ...`,
  run: async (_args, opts, ctx) => {
    const columns = ordered(opts);
    const query = { columns: httpColumns(KEYS, columns) };
    return primed(rowsOf(unpagedItems(ctx.api, p`/api/consumers/${vhostOf(opts)}`, query), KEYS, columns));
  },
  output: (rows, opts) => streamed(ordered(opts), rows),
};
