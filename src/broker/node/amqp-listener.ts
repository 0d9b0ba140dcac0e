import type { Server as HttpServer } from "node:http";
import { createServer, type Server } from "node:net";
import type { Broker } from "../broker.js";
import { Connection } from "../connection/connection.js";

/** RabbitMQ's text when the broker application stops under its clients (stop_app, shutdown). */
export const SHUTDOWN_TEXT = "CONNECTION_FORCED - broker forced connection closure with reason 'shutdown'";
/** How long clients get to answer the shutdown connection.close before their sockets are cut. */
const CLOSE_GRACE_MS = 1000;

/** Listens and resolves with the bound port (the chosen one when asked for 0). */
export function listen(server: Server | HttpServer, port: number, host: string): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      const address = server.address();
      resolve(typeof address === "object" && address !== null ? address.port : 0);
    });
  });
}

/**
 * The AMQP listener: started and stopped with the broker application (start_app/stop_app), suspended
 * and resumed without touching open connections (suspend_listeners). A port chosen at random (0) is kept
 * for restarts, so clients find the node where they left it.
 */
export class AmqpListener {
  private server: Server | undefined;
  private boundPort: number;
  /** Accepting new connections (false while stopped or suspended). */
  accepting = false;
  suspended = false;

  constructor(
    private readonly broker: Broker,
    port: number,
    readonly host: string,
  ) {
    this.boundPort = port;
  }

  get port(): number {
    return this.boundPort;
  }

  async start(): Promise<number> {
    if (this.accepting) return this.boundPort;
    const server = createServer((socket) => this.accept(socket));
    this.boundPort = await listen(server, this.boundPort, this.host);
    this.server = server;
    this.accepting = true;
    this.suspended = false;
    return this.boundPort;
  }

  /** Stops accepting new connections; those already open carry on. */
  async suspend(): Promise<void> {
    // close() stops listening at once; its callback would wait for the open connections, which stay
    void this.closeServer();
    this.suspended = true;
  }

  async resume(): Promise<void> {
    if (!this.suspended) return;
    await this.start();
  }

  /** Stops listening and closes every connection with 320 CONNECTION_FORCED, waiting briefly for their close-ok. */
  async stop(): Promise<void> {
    const closed = this.closeServer();
    this.suspended = false;
    const conns = [...this.broker.connections];
    for (const c of conns) c.close(320, SHUTDOWN_TEXT);
    await Promise.race([
      Promise.all(conns.map((c) => new Promise<void>((resolve) => (c.socket.destroyed ? resolve() : c.socket.once("close", () => resolve()))))),
      new Promise((resolve) => setTimeout(resolve, CLOSE_GRACE_MS).unref()),
    ]);
    for (const c of conns) c.socket.destroy();
    await closed;
  }

  private accept(socket: import("node:net").Socket): void {
    const node = this.broker.node;
    const max = node.limits.connectionMax;
    // connection_max: the socket is closed at once (RabbitMQ leaves it unserved in the backlog, which stalls the client just the same)
    if (this.broker.connections.size >= max) {
      node.log.warning(`Node connection limit is reached. Active connections: ${this.broker.connections.size}, limit: ${max}`);
      socket.destroy();
      return;
    }
    node.counters.count("connection_created");
    socket.once("close", () => node.counters.count("connection_closed"));
    new Connection(socket, this.broker);
  }

  private closeServer(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    this.accepting = false;
    if (server === undefined) return Promise.resolve();
    return new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
