// Cluster facts from /api/nodes and /api/overview, shaped as rabbitmqctl reports them.
import { p } from "../../../api/client.js";
import { CommandError } from "../../errors.js";
import { ExitCode } from "../../exit-codes.js";
import type { CommandContext } from "../../types.js";

export interface ApiNode {
  name: string;
  type?: string;
  running?: boolean;
  partitions?: string[];
  mem_alarm?: boolean;
  disk_free_alarm?: boolean;
  os_pid?: string;
  applications?: { name: string; version?: string }[];
}

export interface ApiListener { node: string; protocol: string; ip_address: string; port: number }

export interface Overview {
  node?: string;
  cluster_name?: string;
  product_name?: string;
  product_version?: string;
  rabbitmq_version?: string;
  erlang_version?: string;
  erlang_full_version?: string;
  release_series_support_status?: string;
  listeners?: ApiListener[];
}

/** The listener fields rabbitmqctl prints, keys in its json order. */
export interface ListenerMap { interface: string; node: string; port: number; protocol: string; purpose: string }

const PURPOSES: Record<string, string> = {
  amqp: "AMQP 0-9-1 and AMQP 1.0",
  "amqp/ssl": "AMQP 0-9-1 and AMQP 1.0 over TLS",
  mqtt: "MQTT",
  "mqtt/ssl": "MQTT over TLS",
  stomp: "STOMP",
  "stomp/ssl": "STOMP over TLS",
  http: "HTTP API",
  https: "HTTP API over TLS (HTTPS)",
  "http/web-mqtt": "MQTT over WebSockets",
  "https/web-mqtt": "MQTT over WebSockets and TLS (HTTPS)",
  "http/web-stomp": "STOMP over WebSockets",
  "https/web-stomp": "STOMP over WebSockets and TLS (HTTPS)",
  "http/prometheus": "Prometheus exporter API over HTTP",
  "https/prometheus": "Prometheus exporter API over TLS (HTTPS)",
  clustering: "inter-node and CLI tool communication",
};

export const purposeOf = (protocol: string): string => PURPOSES[protocol] ?? protocol;

export function listenerMap(l: ApiListener): ListenerMap {
  // rabbitmqctl brackets any address that contains a colon (IPv6)
  const iface = l.ip_address.includes(":") ? `[${l.ip_address}]` : l.ip_address;
  return { interface: iface, node: l.node, port: l.port, protocol: l.protocol, purpose: purposeOf(l.protocol) };
}

// The node registers plugin listeners first, then clustering, then AMQP; the API sorts by protocol instead.
const BOOT_RANK: Record<string, number> = { clustering: 1, amqp: 2, "amqp/ssl": 3 };

/** One node's listeners in the order rabbitmqctl usually prints them. */
export function nodeListeners(all: readonly ApiListener[] | undefined, node: string): ListenerMap[] {
  return (all ?? [])
    .filter((l) => l.node === node)
    .map((l, i) => ({ l, i }))
    .sort((a, b) => (BOOT_RANK[a.l.protocol] ?? 0) - (BOOT_RANK[b.l.protocol] ?? 0) || a.i - b.i)
    .map(({ l }) => listenerMap(l));
}

export const listenerLine = (l: ListenerMap): string =>
  `Interface: ${l.interface}, port: ${l.port}, protocol: ${l.protocol}, purpose: ${l.purpose}`;

export interface Alarm { node: string; resource: "memory" | "disk" }

/** A node's resource alarms as rabbitmqctl lists them (memory before disk). */
export function alarmsOf(n: ApiNode): Alarm[] {
  const out: Alarm[] = [];
  if (n.mem_alarm) out.push({ node: n.name, resource: "memory" });
  if (n.disk_free_alarm) out.push({ node: n.name, resource: "disk" });
  return out;
}

export const alarmLine = (a: Alarm): string =>
  a.resource === "memory" ? `Memory alarm on node ${a.node}` : `Free disk space alarm on node ${a.node}`;

export const alarmJson = (a: Alarm): Record<string, string> => ({ node: a.node, resource: a.resource, type: "resource_limit" });

export const fetchNodes = (ctx: CommandContext, columns?: string): Promise<ApiNode[]> =>
  ctx.api.get<ApiNode[]>("/api/nodes", columns ? { columns } : undefined);

export const fetchOverview = (ctx: CommandContext): Promise<Overview> =>
  ctx.api.get<Overview>("/api/overview", { columns: "node,cluster_name,product_name,product_version,rabbitmq_version,erlang_version,erlang_full_version,release_series_support_status,listeners" });

/** The node rabbitmqctl could not reach: exit 69, as its nodedown failure. */
export function nodeUnavailable(ctx: CommandContext, why: string): CommandError {
  return new CommandError(ExitCode.unavailable, `Error: unable to perform an operation on node '${ctx.node}': ${why}`, true);
}

/** The target among the API's nodes; a node the API does not list, or lists as stopped, is unreachable. */
export function targetNode(ctx: CommandContext, nodes: readonly ApiNode[]): ApiNode {
  const n = nodes.find((x) => x.name === ctx.node);
  if (!n) throw nodeUnavailable(ctx, `the management API at ${ctx.api.target.baseUrl.origin} does not list it as a cluster member`);
  if (n.running === false) throw nodeUnavailable(ctx, "the management API lists it as a cluster member that is not running");
  return n;
}

export const nodePath = (node: string): string => p`/api/nodes/${node}`;
