import { hostname } from "node:os";
import { type FieldTable, toFieldTable } from "../protocol/index.js";
import { PermissionStore } from "./auth/permissions.js";
import { UserStore } from "./auth/users.js";
import type { Connection } from "./connection/connection.js";
import { Vhost } from "./vhost/vhost.js";

/** The RabbitMQ version whose behaviour warren reproduces; clients gate features on product and version. */
export const COMPAT_VERSION = "3.10.8";
export const WARREN_VERSION = "0.1.0";

/** Shared broker state: users, vhosts and live connections. */
export class Broker {
  readonly vhosts = new Map<string, Vhost>([["/", new Vhost("/")]]);
  readonly connections = new Set<Connection>();
  /** configure/write/read regexes per vhost and user; guest gets ".*" on "/" at first start. */
  readonly permissions = new PermissionStore();
  readonly serverProperties: FieldTable;

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
        direct_reply_to: false,
      },
      cluster_name: `warren@${hostname().split(".")[0] ?? "localhost"}`,
      copyright: "Copyright (c) the warren authors",
      information: `warren ${WARREN_VERSION}, an AMQP 0-9-1 broker compatible with RabbitMQ ${COMPAT_VERSION}. Licensed under the MIT licence.`,
      platform: `Node.js ${process.version}`,
      product: "RabbitMQ",
      version: COMPAT_VERSION,
    });
  }
}
