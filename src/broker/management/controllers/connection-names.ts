// How RabbitMQ names connections and channels ("127.0.0.1:40440 -> 127.0.0.1:5672", "<conn> (1)") and shows
// their peers; the names are the ids the management API uses for them.
import type { Channel } from "../../connection/channel.js";
import type { Connection } from "../../connection/connection.js";

/** An address as RabbitMQ prints it: IPv4-mapped IPv6 as plain IPv4. */
export const address = (a: string | undefined): string => (a ?? "").replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/, "$1");

/** In a name, IPv6 addresses are bracketed (rabbit_misc:ntoab). */
const bracketed = (a: string): string => (a.includes(":") ? `[${a}]` : a);

export interface Endpoints {
  readonly host: string;
  readonly port: number;
  readonly peerHost: string;
  readonly peerPort: number;
}

// a closed socket forgets its addresses: remember them from the first look
const seen = new WeakMap<Connection, Endpoints>();

/** The socket's ends. */
export function endpoints(conn: Connection): Endpoints {
  let e = seen.get(conn);
  if (e === undefined) {
    const s = conn.socket;
    e = { host: address(s.localAddress), port: s.localPort ?? 0, peerHost: address(s.remoteAddress), peerPort: s.remotePort ?? 0 };
    if (s.remoteAddress !== undefined) seen.set(conn, e);
  }
  return e;
}

export function connectionName(conn: Connection): string {
  const e = endpoints(conn);
  return `${bracketed(e.peerHost)}:${e.peerPort} -> ${bracketed(e.host)}:${e.port}`;
}

export const channelName = (ch: Channel): string => `${connectionName(ch.conn)} (${ch.id})`;

/** Connections the management API lists: those that finished the handshake (they have a vhost). */
export function listedConnections(conns: Iterable<Connection>): Connection[] {
  return [...conns].filter((c) => c.vhost !== undefined && c.user !== undefined && c.state !== "closed");
}

/** {name, peer_host, peer_port}: how a queue's owner and a channel's connection are referred to. */
export function connectionDetails(conn: Connection): Record<string, unknown> {
  const e = endpoints(conn);
  return { name: connectionName(conn), peer_host: e.peerHost, peer_port: e.peerPort };
}
