import { createServer, type Server } from "node:net";
import { type UserSpec, UserStore } from "./auth/users.js";
import { Broker } from "./broker.js";
import { Connection } from "./connection/connection.js";

export interface BrokerOptions {
  /** AMQP listening port; 0 picks a free one. Default 5672. */
  readonly amqpPort?: number;
  /** Address to listen on; loopback unless configured otherwise. */
  readonly host?: string;
  /** Users to create; default guest/guest, allowed from loopback only. */
  readonly users?: readonly UserSpec[];
}

export interface RunningBroker {
  readonly amqpPort: number;
  /** The management HTTP port will be added here when the management API lands. */
  readonly httpPort?: number;
  /** Stops listening and closes every connection with 320 CONNECTION_FORCED. */
  close(): Promise<void>;
}

const SHUTDOWN_TEXT = "CONNECTION_FORCED - broker forced connection closure with reason 'shutdown'";
/** How long clients get to answer the shutdown connection.close before their sockets are cut. */
const CLOSE_GRACE_MS = 1000;

/** Starts a broker in this process and resolves once it listens. */
export async function startBroker(options: BrokerOptions = {}): Promise<RunningBroker> {
  const broker = new Broker(new UserStore(options.users));
  const server: Server = createServer((socket) => new Connection(socket, broker));
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.amqpPort ?? 5672, options.host ?? "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address();
  const amqpPort = typeof address === "object" && address !== null ? address.port : 0;
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
      await closed;
    })();
    return closing;
  };
  return { amqpPort, close };
}
