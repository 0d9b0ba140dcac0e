// The node's protocol limits, as rabbitmq.conf sets them: handshake_timeout, channel_max, frame_max, heartbeat,
// max_message_size and connection_max. startBroker takes them as options; connections read them when they start.

/** What a broker enforces on every AMQP connection. */
export interface NodeLimits {
  /** handshake_timeout: ms from TCP accept to connection.open before the socket is dropped. */
  readonly handshakeTimeout: number;
  /** channel_max offered in connection.tune. */
  readonly channelMax: number;
  /** frame_max offered in connection.tune (bytes, frame header and end included). */
  readonly frameMax: number;
  /** heartbeat offered in connection.tune (seconds; 0 turns heartbeats off unless the client asks). */
  readonly heartbeat: number;
  /** max_message_size: the largest message body accepted (bytes). */
  readonly maxMessageSize: number;
  /** connection_max: open AMQP connections the node accepts; Infinity for no limit. */
  readonly connectionMax: number;
  /** consumer_timeout: ms a delivery may stay unacknowledged before its channel is closed; Infinity for none. */
  readonly consumerTimeout: number;
}

/** RabbitMQ 3.10's defaults. */
export const DEFAULT_LIMITS: NodeLimits = {
  handshakeTimeout: 10_000,
  channelMax: 2047,
  frameMax: 131072,
  heartbeat: 60,
  maxMessageSize: 128 * 1024 * 1024,
  connectionMax: Infinity,
  consumerTimeout: 1_800_000,
};

/** RabbitMQ caps max_message_size at 512 MiB whatever is configured. */
export const MAX_MESSAGE_SIZE_CAP = 512 * 1024 * 1024;
/** The smallest frame_max AMQP allows. */
const FRAME_MIN = 4096;

/** The integers each limit may be (connectionMax and consumerTimeout may also be Infinity); the config file checks the same. */
export const LIMIT_RANGES: Readonly<Record<keyof NodeLimits, readonly [min: number, max: number]>> = {
  handshakeTimeout: [1, 2 ** 31 - 1],
  channelMax: [1, 65535],
  frameMax: [FRAME_MIN, 2 ** 32 - 1],
  heartbeat: [0, 65535],
  maxMessageSize: [0, Number.MAX_SAFE_INTEGER],
  connectionMax: [0, 2 ** 31 - 1],
  consumerTimeout: [1, 2 ** 31 - 1],
};

/** Limits that Infinity switches off. */
const SWITCHABLE: ReadonlySet<keyof NodeLimits> = new Set(["connectionMax", "consumerTimeout"]);

/** Merges options over the defaults; a value outside what AMQP can express is a RangeError at start, not a broken node later. */
export function resolveLimits(options: Partial<NodeLimits>): NodeLimits {
  const limits: NodeLimits = { ...DEFAULT_LIMITS, ...limitKeysOf(options) };
  for (const [name, [min, max]] of Object.entries(LIMIT_RANGES) as [keyof NodeLimits, readonly [number, number]][]) {
    if (limits[name] === Infinity && SWITCHABLE.has(name)) continue;
    check(name, limits[name], min, max);
  }
  return { ...limits, maxMessageSize: Math.min(limits.maxMessageSize, MAX_MESSAGE_SIZE_CAP) };
}

/** RabbitMQ words the refusal differently when the limit is its built-in cap rather than a configured one. */
export function messageTooLargeText(size: number | bigint, max: number): string {
  return `message size ${size} is larger than ${max === MAX_MESSAGE_SIZE_CAP ? "" : "configured "}max size ${max}`;
}

function check(name: string, v: number, min: number, max: number): void {
  if (!Number.isInteger(v) || v < min || v > max) throw new RangeError(`${name} must be an integer from ${min} to ${max}, got ${v}`);
}

/** Only the limit keys that are set: startBroker's options carry other things too. */
function limitKeysOf(o: Partial<NodeLimits>): Partial<NodeLimits> {
  const keys = Object.keys(DEFAULT_LIMITS) as (keyof NodeLimits)[];
  return Object.fromEntries(keys.filter((k) => o[k] !== undefined).map((k) => [k, o[k]])) as Partial<NodeLimits>;
}
