import { parseArgs } from "node:util";
import { DEFAULT_URI } from "./uri.js";

/** What one warren-perf run does; flag names follow RabbitMQ PerfTest's long options. */
export interface PerfOptions {
  readonly uri: string;
  readonly producers: number;
  readonly consumers: number;
  /** Message body size in bytes; the first 8 carry the send time, so latency needs at least 8. */
  readonly size: number;
  /** Messages per second per producer; 0 = as fast as the broker takes them. */
  readonly rate: number;
  /** Seconds to publish for; undefined with pmessages undefined = until SIGINT/SIGTERM. */
  readonly time: number | undefined;
  /** Messages per producer. */
  readonly pmessages: number | undefined;
  readonly persistent: boolean;
  /** Publisher confirms in flight per producer; 0 = confirm mode off. */
  readonly confirm: number;
  /** basic.qos prefetch count per consumer; 0 = none. */
  readonly prefetch: number;
  readonly autoAck: boolean;
  /** Ack with multiple=true every N deliveries; 1 = one basic.ack per message. */
  readonly multiAckEvery: number;
  readonly queue: string | undefined;
  readonly queues: number;
  readonly exchange: string | undefined;
  readonly exchangeType: string;
  readonly routingKey: string | undefined;
  readonly queueArgs: Readonly<Record<string, unknown>>;
  readonly json: boolean;
}

export const USAGE = `usage: warren-perf [options]
  --uri URI               amqp://user:pass@host:port/vhost (default ${DEFAULT_URI})
  --producers N           publishing connections (default 1)
  --consumers N           consuming connections (default 1; with --queues N, N)
  --size BYTES            message body size (default 16; latency needs >= 8)
  --rate MSG/S            per producer, 0 = unlimited (default 0)
  --time SECONDS          publish for this long
  --pmessages N           messages per producer (with --time, whichever ends first)
  --persistent            delivery-mode 2 (and durable queues)
  --confirm N             publisher confirms, N in flight per producer
  --prefetch N            basic.qos per consumer
  --auto-ack              consume with no-ack
  --multi-ack-every N     ack with multiple=true every N messages (default 1)
  --queue NAME            queue to declare and use (default: server-named exclusive queues)
  --queues N              N queues bound to the exchange, one consumer each (fan-out)
  --exchange NAME         exchange to publish to (default: "" for one named queue, else amq.direct)
  --exchange-type TYPE    type to declare --exchange with (default direct)
  --routing-key KEY       routing key (default: the queue name, or a random key)
  --queue-args JSON       queue arguments, e.g. '{"x-max-length":1000}'
  --json                  print a JSON summary on stdout instead of the human one
  -h, --help              this text
Without --time or --pmessages it runs until interrupted (Ctrl-C).`;

const FLAGS = {
  uri: { type: "string" },
  producers: { type: "string" },
  consumers: { type: "string" },
  size: { type: "string" },
  rate: { type: "string" },
  time: { type: "string" },
  pmessages: { type: "string" },
  persistent: { type: "boolean" },
  confirm: { type: "string" },
  prefetch: { type: "string" },
  "auto-ack": { type: "boolean" },
  "multi-ack-every": { type: "string" },
  queue: { type: "string" },
  queues: { type: "string" },
  exchange: { type: "string" },
  "exchange-type": { type: "string" },
  "routing-key": { type: "string" },
  "queue-args": { type: "string" },
  json: { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

export type ParsedArgs = { kind: "options"; options: PerfOptions } | { kind: "help" } | { kind: "usage-error"; message: string };

class UsageError extends Error {}

/** Parses and checks argv; never throws (a bad flag is a usage error for exit 64). */
export function parsePerfArgs(argv: readonly string[]): ParsedArgs {
  try {
    const { values: v } = parseArgs({ args: [...argv], options: FLAGS, strict: true, allowPositionals: false });
    if (v.help === true) return { kind: "help" };
    return { kind: "options", options: check(v) };
  } catch (e) {
    return { kind: "usage-error", message: (e as Error).message };
  }
}

type Values = { [K in keyof typeof FLAGS]?: (typeof FLAGS)[K]["type"] extends "boolean" ? boolean : string };

function check(v: Values): PerfOptions {
  const queues = int(v.queues, "queues", 1, 1, 100_000);
  const consumers = int(v.consumers, "consumers", queues, 0, 100_000);
  if (consumers > 0 && consumers < queues) fail(`--consumers ${consumers}: each of the ${queues} queues needs a consumer (use 0 or at least ${queues})`);
  const autoAck = v["auto-ack"] === true;
  const prefetch = int(v.prefetch, "prefetch", 0, 0, 65535);
  const multiAckEvery = int(v["multi-ack-every"], "multi-ack-every", 1, 1, 1_000_000);
  if (autoAck && v["multi-ack-every"] !== undefined) fail("--multi-ack-every has no meaning with --auto-ack");
  if (prefetch > 0 && multiAckEvery > prefetch) fail(`--multi-ack-every ${multiAckEvery} exceeds --prefetch ${prefetch}: the consumer would stall`);
  const time = v.time === undefined ? undefined : positive(v.time, "time");
  const exchangeType = v["exchange-type"] ?? "direct";
  if (!/^[a-z][\w.-]*$/i.test(exchangeType)) fail(`--exchange-type ${exchangeType}: not an exchange type name`);
  if (v.queue === "") fail("--queue must not be empty (leave it out for server-named queues)");
  return {
    uri: v.uri ?? DEFAULT_URI,
    producers: int(v.producers, "producers", 1, 0, 10_000),
    consumers,
    size: int(v.size, "size", 16, 0, 128 * 1024 * 1024),
    rate: int(v.rate, "rate", 0, 0, 100_000_000),
    time,
    pmessages: v.pmessages === undefined ? undefined : int(v.pmessages, "pmessages", 0, 1, Number.MAX_SAFE_INTEGER),
    persistent: v.persistent === true,
    confirm: int(v.confirm, "confirm", 0, 0, 1_000_000),
    prefetch,
    autoAck,
    multiAckEvery,
    queue: v.queue,
    queues,
    exchange: v.exchange,
    exchangeType,
    routingKey: v["routing-key"],
    queueArgs: v["queue-args"] === undefined ? {} : jsonObject(v["queue-args"]),
    json: v.json === true,
  };
}

function fail(message: string): never {
  throw new UsageError(message);
}

function int(raw: string | undefined, name: string, fallback: number, min: number, max: number): number {
  if (raw === undefined) return fallback;
  const n = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) fail(`--${name} ${raw}: expected an integer from ${min} to ${max}`);
  return n;
}

function positive(raw: string, name: string): number {
  const n = /^\d+(\.\d+)?$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(n > 0)) fail(`--${name} ${raw}: expected a positive number of seconds`);
  return n;
}

function jsonObject(raw: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch (e) {
    fail(`--queue-args: invalid JSON (${(e as Error).message})`);
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) fail("--queue-args: expected a JSON object");
  return parsed as Record<string, unknown>;
}
