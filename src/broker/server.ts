import { mkdirSync } from "node:fs";
import { resolve } from "node:path";
import { type UserSpec, UserStore } from "./auth/users.js";
import { Broker } from "./broker.js";
import { alarmBlockReason, setPublishersBlocked } from "./connection/blocking.js";
import { createManagementServer } from "./management/server.js";
import { AmqpListener, listen } from "./node/amqp-listener.js";
import { nodePaths, qualifiedNodeName } from "./node/identity.js";
import { sweepConsumerTimeouts, sweepInterval } from "./connection/consumer-timeout.js";
import { type NodeLimits, resolveLimits } from "./node/limits.js";
import type { LogLevel } from "./node/log.js";
import { sampleNode } from "./node/report.js";
import { setSpillDirectory } from "./queue/body-pager.js";
import { emptyDirectory, replaceState } from "./node/reset.js";
import type { MetadataPersistence } from "./persistence/metadata-persistence.js";
import { MessagePersistence } from "./persistence/message-recovery.js";
import { persistDefinitions } from "./persistence/node-definitions.js";
import { IDLE_GC_INTERVAL_MS, IdleGc } from "./node/idle-gc.js";
import { LOCK_FILE, lockDataDir } from "./persistence/data-dir-lock.js";

export interface BrokerOptions extends Partial<NodeLimits> {
  /** AMQP listening port; 0 picks a free one. Default 5672. */
  readonly amqpPort?: number;
  /** Management HTTP API port; 0 picks a free one, false serves none. Default 15672. */
  readonly httpPort?: number | false;
  /** Address to listen on; loopback unless configured otherwise. */
  readonly host?: string;
  /** Users to create; default guest/guest, allowed from loopback only. */
  readonly users?: readonly UserSpec[];
  /** Users that may log in only from loopback addresses (RabbitMQ's loopback_users); default ["guest"]. */
  readonly loopbackUsers?: readonly string[];
  /** The node's name; default rabbit@<short hostname> (what rabbitmqctl targets), and a name without "@" gets this host. */
  readonly nodeName?: string;
  /** Where the node keeps its files (database directory <dataDir>/<node>, where definitions outlive restarts); without one the node keeps nothing on disk. */
  readonly dataDir?: string;
  /** Config files the node was started with, as /api/nodes reports them. */
  readonly configFiles?: readonly string[];
  /** Where node log lines go: "stdout", a file path, or nowhere (the default, quiet for in-process use). */
  readonly log?: string;
  /** The node's log level (default info); set_log_level changes it at run time. */
  readonly logLevel?: LogLevel;
}

export interface RunningBroker {
  readonly amqpPort: number;
  /** The management HTTP API's port, or undefined when it was turned off. */
  readonly httpPort: number | undefined;
  readonly nodeName: string;
  /** Settles once the node has stopped, by close() or by a shutdown request over the management API. */
  readonly closed: Promise<void>;
  /** Stops listening and closes every connection with 320 CONNECTION_FORCED. */
  close(): Promise<void>;
}

/** Starts a broker in this process and resolves once it listens. */
export async function startBroker(options: BrokerOptions = {}): Promise<RunningBroker> {
  const broker = new Broker(new UserStore(options.users, { loopbackUsers: options.loopbackUsers }));
  const node = broker.node;
  let unlockDataDir = (): void => {};
  // resource alarms block publishers, as RabbitMQ's do
  node.alarms.onChange((memory, disk) => setPublishersBlocked(broker, alarmBlockReason(memory, disk)));
  node.limits = resolveLimits(options);
  node.setName(qualifiedNodeName(options.nodeName));
  if (options.dataDir !== undefined) {
    node.paths = nodePaths(resolve(options.dataDir), node.name);
    mkdirSync(node.paths.dbDir, { recursive: true });
    // long queues page message bodies out next to the node's files (unlinked at once, so never seen there)
    setSpillDirectory(node.paths.dataDir);
  }
  node.configFiles = [...(options.configFiles ?? [])];
  node.log.setSink(options.log);
  if (options.logLevel !== undefined) node.log.level = options.logLevel;
  // definitions are back (or first-start ones stored) before anything listens
  let persistence: MetadataPersistence | undefined;
  let messages: MessagePersistence | undefined;
  const openStores = async (): Promise<void> => {
    if (node.paths === undefined) return;
    // the message store first, so restored vhosts get it; its messages go back once their queues exist
    messages = await MessagePersistence.open(broker, node.paths.dbDir);
    persistence = await persistDefinitions(broker, node.paths.dbDir);
    await messages.recover();
  };
  const closeStores = async (): Promise<void> => {
    await persistence?.close();
    await messages?.close();
  };
  const host = options.host ?? "127.0.0.1";
  const amqp = new AmqpListener(broker, options.amqpPort ?? 5672, host);
  node.amqp = amqp;
  node.httpHost = host;
  const http = options.httpPort === false ? undefined : createManagementServer(broker);
  let amqpPort = 0;
  let httpPort: number | undefined;
  try {
    // one node per database directory: a second would take the first one's appends for torn tails
    if (node.paths !== undefined) unlockDataDir = lockDataDir(node.paths.dbDir);
    await openStores();
    amqpPort = await amqp.start();
    if (http !== undefined && options.httpPort !== false) httpPort = await listen(http, options.httpPort ?? 15672, host);
  } catch (e) {
    await amqp.stop();
    await closeStores();
    unlockDataDir();
    node.log.close();
    throw e;
  }
  node.httpPort = httpPort;
  node.log.info(`node ${node.name}: AMQP listening on ${host}:${amqpPort}`);
  if (httpPort !== undefined) node.log.info(`node ${node.name}: management API listening on ${host}:${httpPort}`);
  node.startMonitoring(() => sampleNode(broker));
  const idleGc = new IdleGc();
  node.addPeriodic(IDLE_GC_INTERVAL_MS, () => idleGc.check());
  const consumerTimeout = node.limits.consumerTimeout;
  if (consumerTimeout !== Infinity) node.addPeriodic(sweepInterval(consumerTimeout), () => sweepConsumerTimeouts(broker, consumerTimeout));
  let settle: () => void = () => {};
  const closed = new Promise<void>((resolveClosed) => (settle = resolveClosed));
  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      node.stopMonitoring();
      // what closing connections does to queues (auto-delete, exclusive) is shutdown, not a change to keep
      persistence?.detach();
      messages?.detach();
      await amqp.stop();
      if (http !== undefined) {
        http.closeAllConnections();
        await new Promise<void>((resolveHttp) => http.close(() => resolveHttp()));
      }
      await closeStores();
      unlockDataDir();
      node.log.info(`node ${node.name} stopped`);
      node.log.close();
      settle();
    })();
    return closing;
  };
  node.hooks = {
    wipeState: async () => {
      // RabbitMQ wipes its database directory; the store is closed first so no write lands in the emptied one
      await closeStores();
      if (node.paths !== undefined) emptyDirectory(node.paths.dbDir, [LOCK_FILE]);
      replaceState(broker, () => new Broker(new UserStore(options.users, { loopbackUsers: options.loopbackUsers })));
      // the alarms outlive a reset, and so does the block they put on publishers
      setPublishersBlocked(broker, alarmBlockReason(node.alarms.memory, node.alarms.disk));
      await openStores();
    },
    shutdown: close,
  };
  return { amqpPort, httpPort, nodeName: node.name, closed, close };
}
