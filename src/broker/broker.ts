import { hostname } from "node:os";
import { type FieldTable, toFieldTable } from "../protocol/index.js";
import { AuthAttempts } from "./auth/auth-attempts.js";
import { PermissionStore } from "./auth/permissions.js";
import { TopicPermissionStore } from "./auth/topic-permissions.js";
import { UserLimitStore } from "./auth/user-limits.js";
import { UserStore } from "./auth/users.js";
import type { Connection } from "./connection/connection.js";
import { BrokerNode } from "./node/node.js";
import { GlobalParameters } from "./parameters/global-parameters.js";
import type { MetadataListener } from "./persistence/metadata-listener.js";
import type { MessageLogs } from "./queue/durable-log.js";
import type { Vhost } from "./vhost/vhost.js";
import { addVhost, defaultVhost, deleteVhost, type VhostMetadata } from "./vhost/vhost-registry.js";

/** The RabbitMQ version whose behaviour warren reproduces; clients gate features on product and version. */
export const COMPAT_VERSION = "3.10.8";
export const WARREN_VERSION = "0.1.0";

/** Shared broker state: users, vhosts and live connections. */
export class Broker {
  readonly vhosts = new Map<string, Vhost>([["/", defaultVhost()]]);
  /** Cluster-wide runtime parameters, internal_cluster_id included (src/broker/parameters). */
  readonly globalParameters = new GlobalParameters();
  readonly connections = new Set<Connection>();
  /** configure/write/read regexes per vhost and user; guest gets ".*" on "/" at first start. */
  readonly permissions = new PermissionStore();
  /** write/read routing-key regexes per vhost, user and topic exchange. */
  readonly topicPermissions = new TopicPermissionStore();
  /** max-connections / max-channels per user. */
  readonly userLimits = new UserLimitStore();
  /** Login attempts per protocol (GET /api/auth/attempts/:node). */
  readonly authAttempts = new AuthAttempts();
  readonly serverProperties: FieldTable;
  /** Why publishers are blocked ("low on memory"), while a resource alarm is in force; see connection/blocking.ts. */
  publishingBlocked: string | undefined = undefined;
  /** The node: name, application state, listeners, thresholds, alarms (src/broker/node). */
  readonly node: BrokerNode;
  /** Told of vhosts created and deleted, and handed to each new vhost (src/broker/persistence). */
  onMetadataChange: MetadataListener | undefined;
  /** The message store, handed to each new vhost (src/broker/persistence/message-recovery.ts). */
  messageLogs: MessageLogs | undefined;

  constructor(readonly users: UserStore) {
    for (const u of users.names()) this.permissions.set("/", u, { configure: ".*", write: ".*", read: ".*" });
    // product/version say RabbitMQ 3.10.8 because clients and tools key behaviour off them; information names warren honestly
    this.serverProperties = toFieldTable({
      capabilities: {
        publisher_confirms: true,
        exchange_exchange_bindings: true,
        "basic.nack": true,
        consumer_cancel_notify: true,
        "connection.blocked": true,
        consumer_priorities: true,
        authentication_failure_close: true,
        per_consumer_qos: true,
        direct_reply_to: true,
      },
      cluster_name: `warren@${hostname().split(".")[0] ?? "localhost"}`,
      copyright: "Copyright (c) the warren authors",
      information: `warren ${WARREN_VERSION}, an AMQP 0-9-1 broker compatible with RabbitMQ ${COMPAT_VERSION}. Licensed under the MIT licence.`,
      platform: `Node.js ${process.version}`,
      product: "RabbitMQ",
      version: COMPAT_VERSION,
    });
    this.node = new BrokerNode(this.serverProperties);
    // read the field each time: a reset gives the broker fresh global parameters
    this.node.clusterNameParameter = (name) => void (name === undefined ? this.globalParameters.delete("cluster_name") : this.globalParameters.set("cluster_name", name));
  }

  /** Creates a vhost; undefined when it exists (src/broker/vhost/vhost-registry.ts). */
  addVhost(name: string, meta?: VhostMetadata): Vhost | undefined {
    return addVhost(this, name, meta);
  }

  /** Deletes a vhost with everything in it and closes its connections; false when there is none. */
  deleteVhost(name: string): boolean {
    return deleteVhost(this, name);
  }
}
