import { p } from "../../../api/client.js";
import type { Command, Row } from "../../types.js";
import { amqpTable, vhostOf, withDefaultVhost } from "../common.js";
import { atomOf, flag, from, httpColumns, listItems, primed, rowsOf, streamed, text, type InfoKey } from "./_lists.js";

const KEYS: Record<string, InfoKey> = {
  name: from("name", text),
  type: from("type", atomOf),
  durable: from("durable", flag),
  auto_delete: from("auto_delete", flag),
  internal: from("internal", flag),
  arguments: { fields: ["arguments"], value: (x) => amqpTable(x.arguments) },
  policy: from("policy", text),
};

export const list_exchanges: Command<AsyncIterable<Row>> = {
  name: "list_exchanges",
  section: "monitoring",
  description: "Shows the exchanges of a virtual host with the requested properties",
  usage: "list_exchanges [--vhost <vhost>] [--no-table-headers] [<column> ...] [--timeout <timeout>]",
  formatter: "table",
  columns: { allowed: Object.keys(KEYS), defaults: ["name", "type"] },
  notes:
    "Read from the management API without statistics. Arguments print in the API's (sorted) key order, with AMQP " +
    "types inferred from JSON. Rows come sorted by name.",
  mergeDefaults: withDefaultVhost,
  banner: (_args, opts) => `Listing exchanges for vhost ${vhostOf(opts)} ...`,
  run: async (_args, opts, ctx) => {
    const columns = opts.columns ?? [];
    const query = { disable_stats: "true", columns: httpColumns(KEYS, columns, ["name"]) };
    return primed(rowsOf(listItems(ctx.api, p`/api/exchanges/${vhostOf(opts)}`, query, true), KEYS, columns));
  },
  output: (rows, opts) => streamed(opts.columns ?? [], rows),
};
