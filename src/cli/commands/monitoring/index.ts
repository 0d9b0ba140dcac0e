// The commands of rabbitmqctl's "monitoring" help section.
import type { AnyCommand } from "../../types.js";
import { list_bindings } from "./list_bindings.js";
import { list_channels } from "./list_channels.js";
import { list_connections } from "./list_connections.js";
import { list_consumers } from "./list_consumers.js";
import { list_exchanges } from "./list_exchanges.js";
import { list_queues } from "./list_queues.js";
import { list_ciphers } from "./list_ciphers.js";
import { list_hashes } from "./list_hashes.js";
import { list_node_auth_attempt_stats } from "./list_node_auth_attempt_stats.js";
import { list_unresponsive_queues } from "./list_unresponsive_queues.js";
import { ping } from "./ping.js";
import { report } from "./report.js";
import { schema_info } from "./schema_info.js";
import { status } from "./status.js";
export const monitoringCommands: AnyCommand[] = [
  list_bindings, list_channels, list_connections, list_consumers, list_exchanges, list_queues,
  list_ciphers, list_hashes, list_node_auth_attempt_stats, list_unresponsive_queues, ping, report, schema_info, status,
];
