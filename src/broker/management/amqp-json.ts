// The management API's JSON for AMQP data, as RabbitMQ writes and reads it: field tables (arguments,
// headers, client_properties) and a message's basic properties.
import { type BasicProperties, field, type FieldTable, type FieldValue, Properties } from "../../protocol/index.js";
import { ErlangFloat, isJsonInteger } from "../json/json-value.js";
import { badRequest, HttpError } from "./http-error.js";

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

/** Whether the bytes are valid UTF-8 (as Erlang's <<_/utf8>> matching decides). */
export function isUtf8(b: Uint8Array): boolean {
  try {
    strictUtf8.decode(b);
    return true;
  } catch {
    return false;
  }
}

/** RabbitMQ's JSON for a byte string: the text when it is UTF-8, else its base64 (in 76-character lines) behind a note. */
function utf8Safe(b: Buffer): string {
  if (isUtf8(b)) return b.toString("utf8");
  return `Not UTF-8, base64 is: ${b.toString("base64").replace(/(.{76})(?=.)/g, "$1\n")}`;
}

/** A 64-bit integer for the JSON encoder: a number while exact, else the bigint it writes out in full. */
const exactNumber = (v: bigint): number | bigint => (v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v);

export function fieldValueToJson(v: FieldValue): unknown {
  switch (v.type) {
    case "S":
    case "x": return utf8Safe(v.value);
    case "l":
    case "L":
    case "T": return exactNumber(v.value);
    case "f":
    case "d": return new ErlangFloat(v.value);
    // RabbitMQ prints {Scale, Value} as the float "Scale.Value" ({0, 5} is 0.5)
    case "D": return new ErlangFloat(Number(`${v.value.scale}.${v.value.value}`));
    case "A": return v.value.map(fieldValueToJson);
    case "F": return tableToJson(v.value);
    case "V": return null;
    default: return v.value;
  }
}

/** A field table as a JSON object, keys sorted (RabbitMQ turns tables into maps). */
export function tableToJson(t: FieldTable | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (t === undefined) return out;
  for (const k of [...t.keys()].sort(byteOrder)) define(out, k, fieldValueToJson(t.get(k)!));
  return out;
}

/** Own enumerable property even for "__proto__". */
function define(o: Record<string, unknown>, k: string, v: unknown): void {
  Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
}

export const byteOrder = (a: string, b: string): number => Buffer.compare(Buffer.from(a), Buffer.from(b));

/** A request's JSON value as RabbitMQ types it: strings longstr, integers long (any size), floats double, booleans bool. */
function jsonToFieldValue(v: unknown): FieldValue {
  if (typeof v === "string") return field.longstr(v);
  if (isJsonInteger(v)) return field.long(v);
  if (typeof v === "number") return field.double(v);
  if (v instanceof ErlangFloat) return field.double(v.value);
  if (typeof v === "boolean") return field.bool(v);
  if (v === null) throw badRequest("null_not_allowed");
  if (Array.isArray(v)) return field.array(v.map(jsonToFieldValue));
  if (typeof v === "object") return field.table(jsonToTable(v));
  throw badRequest(["unhandled_type", String(v)]);
}

/**
 * A request's `arguments` (or headers) object as a field table, keys in sorted order as RabbitMQ's JSON maps give
 * them; [] and absent mean empty. Anything else is a crash in RabbitMQ: an empty 500 here too.
 */
export function jsonToTable(v: unknown): FieldTable {
  if (v === undefined || (Array.isArray(v) && v.length === 0)) return new Map();
  if (v === null || typeof v !== "object" || Array.isArray(v) || v instanceof ErlangFloat) throw new HttpError(500, undefined);
  const out = new Map<string, FieldValue>();
  for (const k of Object.keys(v).sort(byteOrder)) out.set(k, jsonToFieldValue((v as Record<string, unknown>)[k]));
  return out;
}

/** Basic properties by their API names, in RabbitMQ's P_basic record order. */
const PROPERTY_NAMES: readonly [api: string, prop: keyof BasicProperties][] = [
  ["content_type", "contentType"],
  ["content_encoding", "contentEncoding"],
  ["headers", "headers"],
  ["delivery_mode", "deliveryMode"],
  ["priority", "priority"],
  ["correlation_id", "correlationId"],
  ["reply_to", "replyTo"],
  ["expiration", "expiration"],
  ["message_id", "messageId"],
  ["timestamp", "timestamp"],
  ["type", "type"],
  ["user_id", "userId"],
  ["app_id", "appId"],
  ["cluster_id", "clusterId"],
];
const INTEGER_PROPERTIES = new Set(["delivery_mode", "priority", "timestamp"]);

/** A message's properties as /get shows them: the set ones in reverse record order; [] (an empty list) when none. */
export function propertiesToJson(p: Properties): Record<string, unknown> | [] {
  const d = p.decode();
  const out: Record<string, unknown> = {};
  for (const [api, prop] of [...PROPERTY_NAMES].reverse()) {
    const v = d[prop];
    if (v === undefined) continue;
    out[api] = prop === "headers" ? tableToJson(v as FieldTable) : typeof v === "bigint" ? exactNumber(v) : v;
  }
  return Object.keys(out).length === 0 ? [] : out;
}

/** The `properties` object of a publish: integers where RabbitMQ wants them, strings elsewhere, unknown keys ignored. */
export function jsonToProperties(o: Record<string, unknown>): Properties {
  const props: BasicProperties = {};
  for (const [api, prop] of PROPERTY_NAMES) {
    const v = o[api];
    if (v === undefined || v === null) continue;
    if (api === "headers") {
      props.headers = jsonToTable(v);
    } else if (INTEGER_PROPERTIES.has(api)) {
      // 2.0 is a float, and not an integer, to RabbitMQ's decoder
      if (!isJsonInteger(v)) throw badRequest(["not_int", api]);
      if (api === "timestamp") props.timestamp = BigInt(v);
      else (props as Record<string, unknown>)[prop] = Number(v);
    } else {
      if (typeof v !== "string") throw badRequest(["not_string", api]);
      (props as Record<string, unknown>)[prop] = v;
    }
  }
  return Properties.encode(props);
}
