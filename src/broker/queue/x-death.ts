import { field, type FieldTable, type FieldValue } from "../../protocol/index.js";

type Entry = [key: string, value: FieldValue];

/** One dead-lettering event, as it goes into an x-death table. */
export interface Death {
  readonly reason: string;
  readonly queue: string;
  /** Seconds since the epoch. */
  readonly time: number;
  /** The exchange the message had been published to. */
  readonly exchange: string;
  readonly routingKeys: readonly string[];
  /** The message's expiration property, when it had one. */
  readonly originalExpiration: string | undefined;
}

/** Field tables sorted by key bytes, as RabbitMQ sorts the headers it rewrites. */
function sorted(entries: Entry[]): Map<string, FieldValue> {
  return new Map(entries.sort(([a], [b]) => Buffer.compare(Buffer.from(a), Buffer.from(b))));
}

/** The fields of a new event, in the order RabbitMQ writes them (count first). */
function newEvent(d: Death): Entry[] {
  const e: Entry[] = [
    ["count", field.long(1)],
    ["reason", field.longstr(d.reason)],
    ["queue", field.longstr(d.queue)],
    ["time", field.timestamp(d.time)],
    ["exchange", field.longstr(d.exchange)],
    ["routing-keys", field.array(d.routingKeys.map((k) => field.longstr(k)))],
  ];
  if (d.originalExpiration !== undefined) e.push(["original-expiration", field.longstr(d.originalExpiration)]);
  return e;
}

/** A comparable form of an event's queue or reason value (RabbitMQ compares values, whatever their type). */
function keyPart(v: FieldValue | undefined): string {
  if (v === undefined) return "-";
  return v.type === "S" || v.type === "x" ? `b${v.value.toString("latin1")}` : `${v.type}${String(v.value)}`;
}

const eventKey = (t: FieldTable): string => `${keyPart(t.get("queue"))}\u0000${keyPart(t.get("reason"))}`;

function countOf(t: FieldTable): number | undefined {
  const c = t.get("count");
  if (c === undefined) return undefined;
  return typeof c.value === "bigint" || typeof c.value === "number" ? Number(c.value) : 0;
}

/**
 * Merges duplicate queue+reason events of a legacy array into their first, with the total as count. RabbitMQ's
 * fold prepends, so with two or more events the result comes out reversed; that order is what clients see.
 */
function groupByQueueAndReason(tables: readonly FieldTable[]): FieldTable[] {
  if (tables.length <= 1) return [...tables];
  const seen = new Set<string>();
  let out: FieldTable[] = [];
  for (const t of tables) {
    const key = eventKey(t);
    const matches = tables.filter((x) => eventKey(x) === key);
    const first = matches[0]!;
    const augmented = countOf(first) === undefined ? new Map<string, FieldValue>([["count", field.long(matches.length)], ...first]) : first;
    if (out.length === 0) out = [augmented];
    else if (!seen.has(key)) out.unshift(augmented);
    seen.add(key);
  }
  return out;
}

function incremented(t: FieldTable): Entry[] {
  const n = countOf(t);
  if (n === undefined) return [["count", field.long(1)], ...t];
  return [...t].map(([k, v]): Entry => (k === "count" ? [k, field.long(n + 1)] : [k, v]));
}

/**
 * Headers with a death recorded as RabbitMQ 3.10 records it: the first death also sets x-first-death-reason/-queue/
 * -exchange; later ones bump the count of the queue+reason event they repeat (or add one) and move it to the front.
 * The result is sorted by key.
 */
export function recordDeath(headers: FieldTable | undefined, d: Death): Map<string, FieldValue> {
  const h: Entry[] = headers === undefined ? [] : [...headers];
  const set = (key: string, value: FieldValue): void => {
    const i = h.findIndex(([k]) => k === key);
    if (i < 0) h.push([key, value]);
    else h[i] = [key, value];
  };
  const existing = headers?.get("x-death");
  if (existing === undefined) {
    set("x-first-death-reason", field.longstr(d.reason));
    set("x-first-death-queue", field.longstr(d.queue));
    set("x-first-death-exchange", field.longstr(d.exchange));
    set("x-death", field.array([field.table(new Map(newEvent(d)))]));
  } else if (existing.type === "A") {
    const tables = existing.value.flatMap((v) => (v.type === "F" ? [v.value] : []));
    const key = `b${Buffer.from(d.queue).toString("latin1")}\u0000b${Buffer.from(d.reason).toString("latin1")}`;
    const grouped = groupByQueueAndReason(tables);
    const match = grouped.find((t) => eventKey(t) === key);
    const others = grouped.filter((t) => t !== match);
    const event = sorted(match === undefined ? newEvent(d) : incremented(match));
    set("x-death", field.array([event, ...others].map((t) => field.table(t))));
  } else {
    // a client turned x-death into something else (e.g. a string when re-publishing): RabbitMQ starts it over
    set("x-death", field.array([field.table(new Map(newEvent(d)))]));
  }
  return sorted(h);
}
