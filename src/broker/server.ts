import type { Server as HttpServer } from "node:http";
import { createServer, type Server } from "node:net";
import { type UserSpec, UserStore } from "./auth/users.js";
import { Broker } from "./broker.js";
import { Connection } from "./connection/connection.js";
import { createManagementServer } from "./management/server.js";

export interface BrokerOptions {
  /** AMQP listening port; 0 picks a free one. Default 5672. */
  readonly amqpPort?: number;
  /** Management HTTP API port; 0 picks a free one, false serves none. Default 15672. */
  readonly httpPort?: number | false;
  /** Address to listen on; loopback unless configured otherwise. */
  readonly host?: string;
  /** Users to create; default guest/guest, allowed from loopback only. */
  readonly users?: readonly UserSpec[];
}

export interface RunningBroker {
  readonly amqpPort: number;
  /** The management HTTP API's port, or undefined when it was turned off. */
  readonly httpPort: number | undefined;
  /** Stops listening and closes every connection with 320 CONNECTION_FORCED. */
  close(): Promise<void>;
}

const SHUTDOWN_TEXT = "CONNECTION_FORCED - broker forced connection closure with reason 'shutdown'";
/** How long clients get to answer the shutdown connection.close before their sockets are cut. */
const CLOSE_GRACE_MS = 1000;

/** Starts a broker in this process and resolves once it listens. */
export async function startBroker(options: BrokerOptions = {}): Promise<RunningBroker> {
  const broker = new Broker(new UserStore(options.users));
  const host = options.host ?? "127.0.0.1";
  const server: Server = createServer((socket) => new Connection(socket, broker));
  const amqpPort = await listen(server, options.amqpPort ?? 5672, host);
  const http = options.httpPort === false ? undefined : createManagementServer(broker);
  let httpPort: number | undefined;
  try {
    if (http !== undefined && options.httpPort !== false) httpPort = await listen(http, options.httpPort ?? 15672, host);
  } catch (e) {
    server.close();
    throw e;
  }
  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      const conns = [...broker.connections];
      for (const c of conns) c.close(320, SHUTDOWN_TEXT);
      await Promise.race([
        Promise.all(conns.map((c) => new Promise<void>((resolve) => (c.socket.destroyed ? resolve() : c.socket.once("close", () => resolve()))))),
        new Promise((resolve) => setTimeout(resolve, CLOSE_GRACE_MS).unref()),
      ]);
      for (const c of conns) c.socket.destroy();
      if (http !== undefined) {
        http.closeAllConnections();
        await new Promise<void>((resolve) => http.close(() => resolve()));
      }
      await closed;
    })();
    return closing;
  };
  return { amqpPort, httpPort, close };
}

/** Listens and resolves with the bound port (the chosen one when asked for 0). */
function listen(server: Server | HttpServer, port: number, host: string): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      const address = server.address();
      resolve(typeof address === "object" && address !== null ? address.port : 0);
    });
  });
}
