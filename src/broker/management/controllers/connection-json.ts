// A client connection as the management API shows it: the list form (sorted keys) and the single form (RabbitMQ
// replies with an Erlang map there, whose key order is reproduced), and the tracking record of disable_stats.
import type { Connection } from "../../connection/connection.js";
import { tableToJson } from "../amqp-json.js";
import { connectionName, endpoints } from "./connection-names.js";

/** RabbitMQ's reader states for a connection past its handshake. */
function stateOf(c: Connection): string {
  if (c.state === "closing") return "closing";
  if (c.state === "closed") return "closed";
  if (c.publishBlock !== undefined) return "blocked";
  // RabbitMQ's word for a publisher held back by credit flow; here queue flow control (publisher-flow.ts)
  if (c.flowHeld) return "flow";
  return c.broker.publishingBlocked !== undefined ? "blocking" : "running";
}

/** The connection_name client property, RabbitMQ's user_provided_name. */
function providedName(c: Connection): string | undefined {
  const v = c.clientProperties.get("connection_name");
  return v?.type === "S" ? v.value.toString("utf8") : undefined;
}

/** The list form; TLS fields are null (warren listens without TLS), the single form shows them as "". */
export function connectionJson(c: Connection, node: string, tlsBlank: "" | null = null): Record<string, unknown> {
  const e = endpoints(c);
  const t = c.output.traffic;
  const out: Record<string, unknown> = {
    auth_mechanism: c.authMechanism,
    channel_max: c.channelMax,
    channels: c.channels.size,
    client_properties: tableToJson(c.clientProperties),
    connected_at: c.connectedAt,
    frame_max: c.frameMax,
    host: e.host,
    name: connectionName(c),
    node,
    peer_cert_issuer: tlsBlank,
    peer_cert_subject: tlsBlank,
    peer_cert_validity: tlsBlank,
    peer_host: e.peerHost,
    peer_port: e.peerPort,
    port: e.port,
    protocol: "AMQP 0-9-1",
    recv_cnt: t.recvCnt,
    recv_oct: t.recvOct,
    recv_oct_details: { rate: t.recvRate() },
    send_cnt: t.sendCnt,
    send_oct: t.sendOct,
    send_oct_details: { rate: t.sendRate() },
    send_pend: c.socket.writableLength,
    ssl: false,
    ssl_cipher: tlsBlank,
    ssl_hash: tlsBlank,
    ssl_key_exchange: tlsBlank,
    ssl_protocol: tlsBlank,
    state: stateOf(c),
    timeout: c.heartbeat.seconds,
    type: "network",
    user: c.user?.name ?? "",
  };
  const provided = providedName(c);
  if (provided !== undefined) out.user_provided_name = provided;
  return { ...out, user_who_performed_action: c.user?.name ?? "", vhost: c.vhost?.name ?? "" };
}

/** The key order of RabbitMQ's single-connection reply (an Erlang map of this size iterates in hash order). */
const SINGLE_ORDER = [
  "recv_oct", "client_properties", "channel_max", "peer_host", "user_provided_name", "auth_mechanism", "recv_oct_details",
  "user_who_performed_action", "ssl_protocol", "type", "ssl", "ssl_hash", "ssl_key_exchange", "recv_cnt", "ssl_cipher", "send_pend",
  "send_oct_details", "connected_at", "port", "name", "timeout", "node", "vhost", "frame_max", "peer_cert_validity", "state",
  "protocol", "channels", "peer_cert_issuer", "peer_cert_subject", "send_cnt", "send_oct", "peer_port", "user", "host",
];

export function connectionSingleJson(c: Connection, node: string): Record<string, unknown> {
  const all = connectionJson(c, node, "");
  const out: Record<string, unknown> = {};
  for (const k of SINGLE_ORDER) if (k in all) out[k] = all[k];
  return out;
}

/** disable_stats=true: what connection tracking knows. */
export const trackedConnectionJson = (c: Connection, node: string): Record<string, unknown> => ({ name: connectionName(c), vhost: c.vhost?.name ?? "", user: c.user?.name ?? "", node });
