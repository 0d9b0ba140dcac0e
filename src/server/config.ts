import { readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { z } from "zod";
import { LIMIT_RANGES, MAX_MESSAGE_SIZE_CAP, type NodeLimits } from "../broker/node/limits.js";
import { isLogLevel, type LogLevel } from "../broker/node/log.js";

export const USAGE = `usage: warren-server [--amqp-port N] [--http-port N] [--host ADDRESS] [--data-dir DIR] [--config FILE] [--node-name NAME] [-detached]

  --amqp-port N     AMQP 0-9-1 port (default 5672; 0 picks a free one)        env WARREN_AMQP_PORT
  --http-port N     management HTTP API port (default 15672)                   env WARREN_HTTP_PORT
  --host ADDRESS    address both listen on (default 127.0.0.1)                 env WARREN_HOST
  --data-dir DIR    the node's files: database dir, pid file, log/ (default    env WARREN_DATA_DIR
                    $XDG_DATA_HOME/warren, else ~/.local/share/warren)
  --config FILE     JSON config file (default $XDG_CONFIG_HOME/warren/         env WARREN_CONFIG_FILE
                    warren-server.json, read when it exists)
  --node-name NAME  node name (default rabbit@<short hostname>)                env WARREN_NODE_NAME
  -detached         run in the background: log to <data-dir>/log/<node>.log, write <data-dir>/<node>.pid,
                    return once the node listens

Config file keys (all optional): amqp_port, http_port, host, data_dir, node_name, log_level
(debug, info, notice, warning, error, critical, alert, emergency, none), and as rabbitmq.conf
names them: handshake_timeout (ms), channel_max, frame_max (bytes), heartbeat (s),
max_message_size (bytes, at most 512 MiB), connection_max and consumer_timeout (ms), the last
two a number or "infinity". Flags win over the environment, the environment over the config file.`;

/** What warren-server runs with once flags, environment and config file are merged. */
export interface ServerConfig {
  readonly amqpPort: number;
  readonly httpPort: number;
  readonly host: string;
  readonly dataDir: string;
  readonly nodeName: string | undefined;
  readonly configFile: string | undefined;
  readonly logLevel: LogLevel;
  readonly detached: boolean;
  /** Protocol limits the config file sets; the rest keep RabbitMQ's defaults. */
  readonly limits: Partial<NodeLimits>;
}

/** A refusal with the sysexits code warren-server exits with: 64 for usage, 78 for configuration. */
export class ConfigError extends Error {
  constructor(
    message: string,
    readonly exitCode: 64 | 78,
  ) {
    super(message);
  }
}

const port = z.number().int().min(0).max(65535);
const count = ([min, max]: readonly [number, number]) => z.number().int().min(min).max(max);
// connection_max and consumer_timeout may be switched off, as rabbitmq.conf's "infinity"
const orInfinity = (n: z.ZodNumber) => z.union([n, z.literal("infinity")]).transform((v) => (v === "infinity" ? Infinity : v));
const ConfigFile = z.strictObject({
  amqp_port: port.optional(),
  http_port: port.optional(),
  host: z.string().min(1).optional(),
  data_dir: z.string().min(1).optional(),
  node_name: z.string().min(1).optional(),
  log_level: z.string().refine(isLogLevel, "not a log level").optional(),
  handshake_timeout: count(LIMIT_RANGES.handshakeTimeout).optional(),
  channel_max: count(LIMIT_RANGES.channelMax).optional(),
  frame_max: count(LIMIT_RANGES.frameMax).optional(),
  heartbeat: count(LIMIT_RANGES.heartbeat).optional(),
  // rabbitmq.conf refuses more than its 512 MiB cap, where startBroker's option is capped
  max_message_size: count([0, MAX_MESSAGE_SIZE_CAP]).optional(),
  connection_max: orInfinity(count(LIMIT_RANGES.connectionMax)).optional(),
  consumer_timeout: orInfinity(count(LIMIT_RANGES.consumerTimeout)).optional(),
});

/** The config file's limit keys (rabbitmq.conf's names) as startBroker's options. */
function limitsOf(file: ConfigFile): Partial<NodeLimits> {
  const pairs: [keyof NodeLimits, number | undefined][] = [
    ["handshakeTimeout", file.handshake_timeout],
    ["channelMax", file.channel_max],
    ["frameMax", file.frame_max],
    ["heartbeat", file.heartbeat],
    ["maxMessageSize", file.max_message_size],
    ["connectionMax", file.connection_max],
    ["consumerTimeout", file.consumer_timeout],
  ];
  return Object.fromEntries(pairs.filter(([, v]) => v !== undefined));
}
type ConfigFile = z.infer<typeof ConfigFile>;

export type Env = Readonly<Record<string, string | undefined>>;

export const defaultDataDir = (env: Env): string => join(env.XDG_DATA_HOME || join(env.HOME || homedir(), ".local", "share"), "warren");
const defaultConfigFile = (env: Env): string => join(env.XDG_CONFIG_HOME || join(env.HOME || homedir(), ".config"), "warren", "warren-server.json");

function readConfigFile(path: string, explicit: boolean): ConfigFile {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    if (!explicit && (e as NodeJS.ErrnoException).code === "ENOENT") return {};
    throw new ConfigError(`cannot read config file ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, 78);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ConfigError(`config file ${path} is not valid JSON`, 78);
  }
  const parsed = ConfigFile.safeParse(json);
  if (!parsed.success) throw new ConfigError(`config file ${path}: ${parsed.error.issues.map((i) => `${i.path.join(".") || "(top level)"}: ${i.message}`).join("; ")}`, 78);
  return parsed.data;
}

function portFrom(text: string | undefined, what: string): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (text.trim() === "" || !Number.isInteger(n) || n < 0 || n > 65535) throw new ConfigError(`invalid ${what}: ${text}`, 64);
  return n;
}

/** Merges flags, environment (WARREN_*), the config file and the defaults, refusing what does not make sense. */
export function resolveConfig(argv: readonly string[], env: Env): ServerConfig | "help" {
  // RabbitMQ spells it -detached; node's parser wants a long option to have two dashes
  const args = argv.map((a) => (a === "-detached" ? "--detached" : a));
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        "amqp-port": { type: "string" }, "http-port": { type: "string" }, host: { type: "string" }, "data-dir": { type: "string" },
        config: { type: "string" }, "node-name": { type: "string" }, detached: { type: "boolean" }, help: { type: "boolean", short: "h" },
      },
      strict: true,
    }));
  } catch (e) {
    throw new ConfigError((e as Error).message, 64);
  }
  if (values.help === true) return "help";
  const flag = (k: string): string | undefined => (typeof values[k] === "string" ? (values[k] as string) : undefined);
  const explicitConfig = flag("config") ?? env.WARREN_CONFIG_FILE;
  const configPath = explicitConfig ?? defaultConfigFile(env);
  const file = readConfigFile(configPath, explicitConfig !== undefined);
  const usedConfig = explicitConfig !== undefined || Object.keys(file).length > 0;
  return {
    amqpPort: portFrom(flag("amqp-port"), "--amqp-port") ?? portFrom(env.WARREN_AMQP_PORT, "WARREN_AMQP_PORT") ?? file.amqp_port ?? 5672,
    httpPort: portFrom(flag("http-port"), "--http-port") ?? portFrom(env.WARREN_HTTP_PORT, "WARREN_HTTP_PORT") ?? file.http_port ?? 15672,
    host: flag("host") ?? env.WARREN_HOST ?? file.host ?? "127.0.0.1",
    dataDir: flag("data-dir") ?? env.WARREN_DATA_DIR ?? file.data_dir ?? defaultDataDir(env),
    nodeName: flag("node-name") ?? env.WARREN_NODE_NAME ?? file.node_name,
    configFile: usedConfig ? configPath : undefined,
    logLevel: (file.log_level as LogLevel | undefined) ?? "info",
    detached: values.detached === true,
    limits: limitsOf(file),
  };
}
