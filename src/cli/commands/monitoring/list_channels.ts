import type { Command, Row } from "../../types.js";
import { flag, from, httpColumns, int, listItems, primed, rowsOf, streamed, text, type InfoKey } from "./_lists.js";

const KEYS: Record<string, InfoKey> = {
  // HTTP has no pids: a channel's name stands in for its pid, the connection's name for the connection pid
  pid: from("name", text),
  connection: from("connection_details.name", text),
  name: from("name", text),
  number: from("number", int),
  user: from("user", text),
  vhost: from("vhost", text),
  transactional: from("transactional", flag),
  confirm: from("confirm", flag),
  consumer_count: from("consumer_count", int),
  messages_unacknowledged: from("messages_unacknowledged", int),
  messages_uncommitted: from("messages_uncommitted", int),
  acks_uncommitted: from("acks_uncommitted", int),
  messages_unconfirmed: from("messages_unconfirmed", int),
  prefetch_count: from("prefetch_count", int),
  global_prefetch_count: from("global_prefetch_count", int),
};
const DEFAULTS = ["pid", "user", "consumer_count", "messages_unacknowledged"];

export const list_channels: Command<AsyncIterable<Row>> = {
  name: "list_channels",
  section: "monitoring",
  description: "Shows open channels with the requested properties",
  usage: "list_channels [--no-table-headers] [<column> ...]",
  docGuides: ["https://rabbitmq.com/channels.html"],
  formatter: "table",
  columns: { allowed: Object.keys(KEYS), defaults: DEFAULTS },
  notes:
    "pid prints the channel's name (\"127.0.0.1:52272 -> 127.0.0.1:5672 (1)\") and connection the connection's name: " +
    "the management API exposes no pids. Counters come from the statistics database and lag by up to 5 s. Rows come " +
    "sorted by name.",
  banner: () => "Listing channels ...",
  run: async (_args, opts, ctx) => {
    const columns = opts.columns ?? DEFAULTS;
    const query = { columns: httpColumns(KEYS, columns, ["name"]) };
    return primed(rowsOf(listItems(ctx.api, "/api/channels", query, true), KEYS, columns));
  },
  output: (rows, opts) => streamed(opts.columns ?? DEFAULTS, rows),
};
