import { hostname } from "node:os";
import { join } from "node:path";

/** The host part RabbitMQ uses for short node names: the hostname up to its first dot. */
export const shortHostname = (): string => hostname().split(".")[0] || "localhost";

/**
 * The default node name is RabbitMQ's, `rabbit@<short hostname>`: rabbitmqctl (and warrenctl) target that
 * name when no -n is given, so scripts work unchanged. A bare name gets this host appended, as -n does.
 */
export function qualifiedNodeName(name: string | undefined): string {
  if (name === undefined || name === "") return `rabbit@${shortHostname()}`;
  return name.includes("@") ? name : `${name}@${shortHostname()}`;
}

/** The files a node with a data directory keeps there: its database directory (RabbitMQ's mnesia/<node>), pid and log file. */
export interface NodePaths {
  readonly dataDir: string;
  readonly dbDir: string;
  readonly pidFile: string;
  readonly logFile: string;
}

export function nodePaths(dataDir: string, node: string): NodePaths {
  return {
    dataDir,
    dbDir: join(dataDir, node),
    pidFile: join(dataDir, `${node}.pid`),
    logFile: join(dataDir, "log", `${node}.log`),
  };
}
