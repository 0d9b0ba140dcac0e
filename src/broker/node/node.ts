import { toFieldTable } from "../../protocol/index.js";
import type { FieldTable, FieldValue } from "../../protocol/index.js";
import type { MetadataListener } from "../persistence/metadata-listener.js";
import { Alarms } from "./alarms.js";
import type { AmqpListener } from "./amqp-listener.js";
import { NodeCounters, SAMPLE_INTERVAL_MS } from "./counters.js";
import { type NodePaths, qualifiedNodeName } from "./identity.js";
import { DEFAULT_LIMITS, type NodeLimits } from "./limits.js";
import { NodeLog } from "./log.js";
import { diskFree, totalMemory, watchGc } from "./resources.js";
import { Thresholds } from "./thresholds.js";

/** How often memory and disk use are checked against the thresholds (RabbitMQ checks memory every 0.5-1 s). */
const RESOURCE_CHECK_MS = 1000;

/** What the process that started the node provides: how to get a blank broker state and how to stop everything. */
export interface NodeHooks {
  /** Replaces the broker's state, stored definitions included, with a first-start one (vhost "/", the configured users); reset uses it. */
  wipeState(): Promise<void>;
  /** Stops the whole node: listeners, connections, the HTTP API; the process may exit afterwards. */
  shutdown(): Promise<void>;
}

/**
 * One warren node: its name, the broker application's running state, listeners, thresholds, alarms,
 * log and counters. Everything rabbitmqctl's node commands act on lives here.
 */
export class BrokerNode {
  name = qualifiedNodeName(undefined);
  private explicitClusterName: string | undefined;
  /** RabbitMQ keeps a set cluster name as the global parameter cluster_name; told of each change to mirror it there. */
  clusterNameParameter: ((name: string | undefined) => void) | undefined;
  readonly startedAt = Date.now();
  paths: NodePaths | undefined;
  configFiles: string[] = [];
  readonly log = new NodeLog();
  readonly thresholds = new Thresholds();
  readonly alarms = new Alarms();
  readonly counters = new NodeCounters();
  /** handshake_timeout, channel_max, frame_max, heartbeat, max_message_size, connection_max (startBroker options). */
  limits: NodeLimits = DEFAULT_LIMITS;
  amqp: AmqpListener | undefined;
  httpPort: number | undefined;
  httpHost = "127.0.0.1";
  /** force_boot's marker: the next start skips waiting for cluster peers (a standalone node has none). */
  forceBoot = false;
  hooks: NodeHooks | undefined;
  /** Told when the cluster name changes (src/broker/persistence). */
  onMetadataChange: MetadataListener | undefined;
  /** Settles once every definition change made so far is durable; replies that change definitions wait for it. */
  definitionsDurable: () => Promise<void> = () => Promise.resolve();
  private appRunning = true;
  private startWaiters: (() => void)[] = [];
  private timers: NodeJS.Timeout[] = [];

  constructor(private readonly serverProperties: FieldTable) {}

  /** The cluster name: the node name unless set (PUT /api/cluster-name, set_cluster_name); clients see it in connection.start. */
  get clusterName(): string {
    return this.explicitClusterName ?? this.name;
  }

  set clusterName(name: string | undefined) {
    this.explicitClusterName = name;
    this.clusterNameParameter?.(name);
    // no name part: the cluster name is stored apart from set_global_parameter's names
    this.onMetadataChange?.("globalParameter");
    // the table is ours to keep current: RabbitMQ's server properties carry the current cluster name
    (this.serverProperties as Map<string, FieldValue>).set("cluster_name", toFieldTable({ cluster_name: this.clusterName }).get("cluster_name")!);
  }

  /** Renames the node; an unset cluster name follows it. */
  setName(name: string): void {
    this.name = name;
    this.clusterName = this.explicitClusterName;
  }

  get running(): boolean {
    return this.appRunning;
  }

  /** Starts the periodic work: resource checks (alarms) and rate samples (sample records levels first). Timers never keep the process alive. */
  startMonitoring(sample: () => void = () => this.counters.sample()): void {
    watchGc();
    this.checkResources();
    sample();
    this.timers.push(setInterval(() => this.checkResources(), RESOURCE_CHECK_MS).unref());
    this.timers.push(setInterval(sample, SAMPLE_INTERVAL_MS).unref());
  }

  /** Runs fn every ms until stopMonitoring, without keeping the process alive. */
  addPeriodic(ms: number, fn: () => void): void {
    this.timers.push(setInterval(fn, ms).unref());
  }

  stopMonitoring(): void {
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
  }

  /** Compares memory and disk use with the thresholds now (also after a threshold changes). */
  checkResources(): void {
    const total = totalMemory();
    this.alarms.update({
      memUsed: process.memoryUsage.rss(),
      memLimit: this.thresholds.memoryLimit(total),
      diskFree: diskFree(this.paths?.dataDir),
      diskLimit: this.thresholds.diskLimit(total),
    });
  }

  /** stop_app: the AMQP listener goes and clients are disconnected; the management API stays up. */
  async stopApp(): Promise<void> {
    if (!this.appRunning) return;
    this.appRunning = false;
    this.log.info(`Stopping application 'rabbit' on node ${this.name}`);
    await this.amqp?.stop();
    this.log.info("Application 'rabbit' stopped");
  }

  /** start_app: listens again on the same AMQP port. */
  async startApp(): Promise<void> {
    if (this.appRunning) return;
    await this.amqp?.start();
    this.appRunning = true;
    this.forceBoot = false;
    this.log.info(`Application 'rabbit' started on node ${this.name}, AMQP on ${this.amqp?.host}:${this.amqp?.port}`);
    for (const w of this.startWaiters.splice(0)) w();
  }

  /** Resolves true once the application runs, false when timeoutMs passes first. */
  waitForApp(timeoutMs: number): Promise<boolean> {
    if (this.appRunning) return Promise.resolve(true);
    return new Promise<boolean>((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        resolve(true);
      };
      const timer = setTimeout(() => {
        this.startWaiters = this.startWaiters.filter((w) => w !== done);
        resolve(false);
      }, timeoutMs);
      this.startWaiters.push(done);
    });
  }
}
