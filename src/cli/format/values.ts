// The cell value model: enough of Erlang's term shapes to render each formatter as rabbitmqctl does.
// Plain JS strings are Erlang binaries, numbers are integers, booleans are atoms true/false.

export interface Atom { kind: "atom"; name: string }
export interface Float { kind: "float"; value: number }
/** `asObject`: a list of {key, value} tuples that rabbitmqctl's json prints as an object (cluster_state). */
export interface List { kind: "list"; items: CtlValue[]; asObject?: boolean }
export interface Tuple { kind: "tuple"; items: CtlValue[] }
/** An AMQP field table; `type` is RabbitMQ's type name (longstr, signedint, bool, table, array, ...). */
export interface AmqpTable { kind: "amqp_table"; entries: AmqpField[] }
export interface AmqpArray { kind: "amqp_array"; items: { type: string; value: AmqpFieldValue }[] }
export interface AmqpField { key: string; type: string; value: AmqpFieldValue }
export type AmqpFieldValue = string | number | boolean | null | AmqpTable | AmqpArray | { decimal: [number, number] };
/** A peer address: dotted in tables, the Erlang 8-tuple of an IPv4-mapped IPv6 address in json. */
export interface IpAddress { kind: "ip"; address: string }

export type CtlValue = string | number | boolean | null | Atom | Float | List | Tuple | AmqpTable | AmqpArray | IpAddress;

export const atom = (name: string): Atom => ({ kind: "atom", name });
export const float = (value: number): Float => ({ kind: "float", value });
export const list = (items: CtlValue[]): List => ({ kind: "list", items });
export const proplist = (pairs: [CtlValue, CtlValue][]): List => ({ kind: "list", items: pairs.map(([k, v]) => tuple(k, v)), asObject: true });
export const tuple = (...items: CtlValue[]): Tuple => ({ kind: "tuple", items });
export const ip = (address: string): IpAddress => ({ kind: "ip", address });
/** An empty or absent Erlang atom ('' / undefined printed empty): null. */
export const empty = null;

const isObj = (v: CtlValue): v is Exclude<CtlValue, string | number | boolean | null> => typeof v === "object" && v !== null;

/** Erlang's ~p float text: shortest round-trip digits, positional or exponent form, whichever is shorter. */
export function erlangFloat(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (n === 0) return Object.is(n, -0) ? "-0.0" : "0.0";
  const [mant, exp] = Math.abs(n).toExponential().split("e") as [string, string];
  const digits = mant.replace(".", "");
  const sign = n < 0 ? "-" : "";
  // io_lib_format's insert_decimal: `place` digits sit before the decimal point
  const place = Number(exp) + 1;
  const len = digits.length;
  if (place > 0 && place < len) return `${sign}${digits.slice(0, place)}.${digits.slice(place)}`;
  const expCost = String(place - 1).length + 1 + (len === 1 ? 2 : 1);
  const expForm = `${digits[0]}.${len === 1 ? "0" : digits.slice(1)}e${place - 1}`;
  if (place <= 0) return sign + (2 - place <= expCost ? `0.${"0".repeat(-place)}${digits}` : expForm);
  // OTP 25 also keeps |n| >= 2^53 in exponent form, hinting that integers there are not exact
  return sign + (place - len + 2 <= expCost && Math.abs(n) < 2 ** 53 ? `${digits}${"0".repeat(place - len)}.0` : expForm);
}

/** Quote a string the way Erlang's ~tp prints a charlist: "..." with \" and \\ escaped. */
function erlString(s: string): string {
  return `"${s.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n").replace(/\t/g, "\\t")}"`;
}

function amqpValueText(type: string, v: AmqpFieldValue): string {
  if (v === null) return "undefined";
  if (typeof v === "string") return type === "timestamp" ? v : erlString(v);
  if (typeof v === "number") return type === "float" || type === "double" ? erlangFloat(v) : String(v);
  if (typeof v === "boolean") return String(v);
  if ("decimal" in v) return `{${v.decimal[0]},${v.decimal[1]}}`;
  if (v.kind === "amqp_table") return amqpTableText(v);
  return `[${v.items.map((i) => amqpValueText(i.type, i.value)).join(",")}]`;
}

function amqpTableText(t: AmqpTable): string {
  return `[${t.entries.map((e) => `{${erlString(e.key)},${amqpValueText(e.type, e.value)}}`).join(",")}]`;
}

/** Table/csv text of a value (rabbitmqctl's table formatter: raw, unescaped). */
export function tableText(v: CtlValue): string {
  if (v === null) return "";
  if (typeof v === "string") return v;
  if (typeof v === "number") return String(v);
  if (typeof v === "boolean") return String(v);
  switch (v.kind) {
    case "atom": return v.name;
    case "float": return erlangFloat(v.value);
    case "ip": return v.address;
    case "list": return `[${v.items.map(tableText).join(", ")}]`;
    case "tuple": return v.items.length === 2
      ? `{${tableText(v.items[0]!)}, ${tableText(v.items[1]!)}}`
      : `{${v.items.map(tableText).join(",")}}`;
    case "amqp_table": return amqpTableText(v);
    case "amqp_array": return amqpValueText("array", v);
  }
}

/** The 8 16-bit groups of an IPv4-mapped IPv6 address, as Erlang's inet tuple prints in json. */
function ipTuple(address: string): number[] | string {
  const m = /^(?:::ffff:)?(\d+)\.(\d+)\.(\d+)\.(\d+)$/i.exec(address);
  if (!m) return address;
  const b = m.slice(1).map(Number) as [number, number, number, number];
  return [0, 0, 0, 0, 0, 65535, b[0] * 256 + b[1], b[2] * 256 + b[3]];
}

function amqpJson(type: string, v: AmqpFieldValue): unknown {
  if (v === null) return "undefined";
  if (typeof v !== "object") return v;
  if ("decimal" in v) return v.decimal;
  if (v.kind === "amqp_table") return v.entries.map((e) => [e.key, e.type, amqpJson(e.type, e.value)]);
  // rabbitmqctl turns an AMQP array into an object keyed by each element's type
  const o: Record<string, unknown> = {};
  for (const i of v.items) o[i.type] = amqpJson(i.type, i.value);
  return o;
}

/** JSON value of a cell as rabbitmqctl's json formatter emits it. */
export function jsonValue(v: CtlValue): unknown {
  if (!isObj(v)) return v === null ? "" : v;
  switch (v.kind) {
    case "atom": return v.name;
    case "float": return new JsonFloat(v.value);
    case "ip": return ipTuple(v.address);
    case "list": return v.asObject ? Object.fromEntries(v.items.map((t) => (isObj(t) && t.kind === "tuple" ? [tableText(t.items[0] ?? null), jsonValue(t.items[1] ?? null)] : [tableText(t), null]))) : v.items.map(jsonValue);
    case "tuple": return v.items.map(jsonValue);
    case "amqp_table": return amqpJson("table", v);
    case "amqp_array": return amqpJson("array", v);
  }
}

/** A float that must print with its fraction in json (1.0, not 1). */
export class JsonFloat {
  constructor(readonly value: number) {}
}

/** JSON text with non-ASCII kept raw (as rabbitmqctl prints it); JsonFloat keeps its ".0". */
export function jsonText(value: unknown): string {
  if (value instanceof JsonFloat) return erlangFloat(value.value);
  if (value === null || value === undefined) return "null";
  if (Array.isArray(value)) return `[${value.map(jsonText).join(",")}]`;
  if (typeof value === "object") {
    const parts: string[] = [];
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (v !== undefined) parts.push(`${JSON.stringify(k)}:${jsonText(v)}`);
    }
    return `{${parts.join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}
