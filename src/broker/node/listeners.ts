import type { BrokerNode } from "./node.js";

export interface ListenerInfo {
  readonly node: string;
  readonly protocol: string;
  readonly ip_address: string;
  readonly port: number;
  readonly socket_opts: Record<string, unknown>;
}

/** Node's default accept backlog for net and http servers. */
const NODE_BACKLOG = 511;

/**
 * The node's listeners as /api/overview lists them (sorted by protocol). The AMQP listener counts while the
 * application runs, suspended or not, as RabbitMQ keeps suspended listeners registered.
 */
export function nodeListeners(node: BrokerNode): ListenerInfo[] {
  const out: ListenerInfo[] = [];
  if (node.running && node.amqp !== undefined) {
    out.push({ node: node.name, protocol: "amqp", ip_address: node.amqp.host, port: node.amqp.port, socket_opts: { backlog: NODE_BACKLOG, nodelay: true } });
  }
  if (node.httpPort !== undefined) {
    out.push({ node: node.name, protocol: "http", ip_address: node.httpHost, port: node.httpPort, socket_opts: { port: node.httpPort } });
  }
  return out.sort((a, b) => (a.protocol < b.protocol ? -1 : a.protocol > b.protocol ? 1 : 0));
}
