import { ip, tuple, type CtlValue } from "../../format/values.js";
import type { Command, Row } from "../../types.js";
import { amqpTable } from "../common.js";
import { atomOf, flag, from, httpColumns, int, listItems, primed, streamed, text, type InfoKey, type Obj } from "./_lists.js";

/** "AMQP 0-9-1" as rabbitmqctl prints the protocol version: {0,9,1}. */
function protocol(v: unknown): CtlValue {
  const m = typeof v === "string" ? /^AMQP (\d+)-(\d+)(?:-(\d+))?$/.exec(v) : null;
  if (!m) return text(v);
  return tuple(Number(m[1]), Number(m[2]), Number(m[3] ?? 0));
}
const address = (v: unknown): CtlValue => (typeof v === "string" && v !== "" ? ip(v) : null);

const KEYS: Record<string, InfoKey> = {
  // HTTP has no connection pids: the connection's name stands in
  pid: from("name", text),
  name: from("name", text),
  port: from("port", int),
  host: from("host", address),
  peer_port: from("peer_port", int),
  peer_host: from("peer_host", address),
  ssl: from("ssl", flag),
  ssl_protocol: from("ssl_protocol", atomOf),
  ssl_key_exchange: from("ssl_key_exchange", atomOf),
  ssl_cipher: from("ssl_cipher", atomOf),
  ssl_hash: from("ssl_hash", atomOf),
  peer_cert_subject: from("peer_cert_subject", text),
  peer_cert_issuer: from("peer_cert_issuer", text),
  peer_cert_validity: from("peer_cert_validity", text),
  state: from("state", atomOf),
  channels: from("channels", int),
  protocol: from("protocol", protocol),
  auth_mechanism: from("auth_mechanism", text),
  user: from("user", text),
  vhost: from("vhost", text),
  timeout: from("timeout", int),
  frame_max: from("frame_max", int),
  channel_max: from("channel_max", int),
  client_properties: { fields: ["client_properties"], value: (c) => amqpTable(c.client_properties) },
  recv_oct: from("recv_oct", int),
  recv_cnt: from("recv_cnt", int),
  send_oct: from("send_oct", int),
  send_cnt: from("send_cnt", int),
  send_pend: from("send_pend", int),
  connected_at: from("connected_at", int),
};
const DEFAULTS = ["user", "peer_host", "peer_port", "state"];

// rabbitmqctl lists only AMQP network connections (not MQTT/STOMP, not direct Erlang-client ones)
const isAmqpNetwork = (c: Obj): boolean => c.type !== "direct" && (typeof c.protocol !== "string" || c.protocol.startsWith("AMQP"));

export const list_connections: Command<AsyncIterable<Row>> = {
  name: "list_connections",
  section: "monitoring",
  description: "Shows client connections (AMQP) with the requested properties",
  usage: "list_connections [--no-table-headers] [<column> ...] [--timeout <timeout>]",
  docGuides: ["https://rabbitmq.com/connections.html"],
  formatter: "table",
  columns: { allowed: Object.keys(KEYS), defaults: DEFAULTS },
  notes:
    "pid prints the connection's name (\"127.0.0.1:52272 -> 127.0.0.1:5672\"): the management API exposes no pids. " +
    "Traffic counters (recv_oct, send_cnt, ...) and state come from the statistics database and lag by up to 5 s. " +
    "client_properties print in the API's sorted key order with AMQP types inferred from JSON. Rows come sorted by name.",
  run: async (_args, opts, ctx) => {
    const columns = opts.columns ?? DEFAULTS;
    const query = { columns: httpColumns(KEYS, columns, ["name", "type", "protocol"]) };
    return primed((async function* rows(): AsyncGenerator<Row> {
      for await (const page of listItems(ctx.api, "/api/connections", query, true)) {
        for (const c of page) if (isAmqpNetwork(c)) yield columns.map((k) => KEYS[k]?.value(c) ?? null);
      }
    })());
  },
  banner: () => "Listing connections ...",
  output: (rows, opts) => streamed(opts.columns ?? DEFAULTS, rows),
};
