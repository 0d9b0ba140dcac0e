import { syntaxError } from "./errors.js";
import type { Reader } from "./reader.js";
import type { Writer } from "./writer.js";

/** AMQP decimal: value / 10^scale (RabbitMQ reads both parts unsigned). */
export interface Decimal {
  readonly scale: number;
  readonly value: number;
}

/** A field value with the type letter it arrived with, so re-encoding reproduces the same bytes. */
export type FieldValue =
  | { readonly type: "t"; readonly value: boolean }
  | { readonly type: "b" | "B" | "s" | "u" | "I" | "i" | "f" | "d"; readonly value: number }
  | { readonly type: "l" | "L" | "T"; readonly value: bigint }
  | { readonly type: "D"; readonly value: Decimal }
  | { readonly type: "S" | "x"; readonly value: Buffer }
  | { readonly type: "A"; readonly value: readonly FieldValue[] }
  | { readonly type: "F"; readonly value: FieldTable }
  | { readonly type: "V"; readonly value: null };

export type FieldType = FieldValue["type"];

/** Insertion-ordered like the wire; a key repeated on the wire keeps its first value, as RabbitMQ's lookups do. */
export type FieldTable = ReadonlyMap<string, FieldValue>;

/** RabbitMQ's names for the type letters, as its error texts use them ("expected integer, got longstr"). */
export const FIELD_TYPE_NAMES: Readonly<Record<FieldType, string>> = {
  t: "bool", b: "byte", B: "unsignedbyte", s: "short", u: "unsignedshort", I: "signedint", i: "unsignedint",
  l: "long", L: "long", f: "float", d: "double", D: "decimal", S: "longstr", x: "binary", A: "array",
  T: "timestamp", F: "table", V: "void",
};

/** Deep enough for any real header; bounds recursion so a crafted frame cannot exhaust the stack. */
export const MAX_TABLE_DEPTH = 64;

/** Decodes a table at the reader's cursor (u32 length, then name/value pairs). */
export function decodeTable(r: Reader, depth: number): Map<string, FieldValue> {
  const len = r.long();
  r.need(len);
  if (depth > MAX_TABLE_DEPTH) throw syntaxError("field table nesting too deep");
  const outerEnd = r.end;
  r.end = r.pos + len;
  const table = new Map<string, FieldValue>();
  while (r.pos < r.end) {
    const key = r.shortstrLoose();
    const value = decodeValue(r, depth);
    if (!table.has(key)) table.set(key, value);
  }
  r.end = outerEnd;
  return table;
}

/** Decodes an array (u32 length, then type-tagged values). */
export function decodeArray(r: Reader, depth: number): FieldValue[] {
  const len = r.long();
  r.need(len);
  if (depth > MAX_TABLE_DEPTH) throw syntaxError("field array nesting too deep");
  const outerEnd = r.end;
  r.end = r.pos + len;
  const values: FieldValue[] = [];
  while (r.pos < r.end) values.push(decodeValue(r, depth));
  r.end = outerEnd;
  return values;
}

function decodeValue(r: Reader, depth: number): FieldValue {
  const letter = r.octet();
  switch (letter) {
    case 0x53 /* S */: return { type: "S", value: r.longstr() };
    case 0x49 /* I */: return { type: "I", value: r.int32() };
    case 0x74 /* t */: return { type: "t", value: r.octet() !== 0 };
    case 0x46 /* F */: return { type: "F", value: decodeTable(r, depth + 1) };
    case 0x41 /* A */: return { type: "A", value: decodeArray(r, depth + 1) };
    case 0x6c /* l */: return { type: "l", value: r.int64() };
    // RabbitMQ reads 'L' as signed 64-bit too (its errata); the letter is kept for re-encoding
    case 0x4c /* L */: return { type: "L", value: r.int64() };
    case 0x54 /* T */: return { type: "T", value: r.longlongBig() };
    case 0x62 /* b */: return { type: "b", value: r.int8() };
    case 0x42 /* B */: return { type: "B", value: r.octet() };
    // 's' is a signed 16-bit integer in RabbitMQ's errata (the 0-9-1 spec's short string is not used)
    case 0x73 /* s */: return { type: "s", value: r.int16() };
    case 0x75 /* u */: return { type: "u", value: r.short() };
    case 0x69 /* i */: return { type: "i", value: r.long() };
    case 0x66 /* f */: return { type: "f", value: r.float() };
    case 0x64 /* d */: return { type: "d", value: r.double() };
    case 0x44 /* D */: {
      const scale = r.octet();
      return { type: "D", value: { scale, value: r.long() } };
    }
    case 0x78 /* x */: return { type: "x", value: r.longstr() };
    case 0x56 /* V */: return { type: "V", value: null };
    default:
      throw syntaxError(`unknown field table type '${String.fromCharCode(letter)}' (0x${letter.toString(16).padStart(2, "0")})`);
  }
}

export function encodeTable(w: Writer, table: FieldTable): void {
  const at = w.reserveLong();
  for (const [key, value] of table) {
    w.shortstr(key);
    encodeValue(w, value);
  }
  w.patchLength(at);
}

export function encodeArray(w: Writer, values: readonly FieldValue[]): void {
  const at = w.reserveLong();
  for (const value of values) encodeValue(w, value);
  w.patchLength(at);
}

function encodeValue(w: Writer, v: FieldValue): void {
  w.octet(v.type.charCodeAt(0));
  switch (v.type) {
    case "S":
    case "x": return w.longstr(v.value);
    case "I": return w.int32(v.value);
    case "t": return w.octet(v.value ? 1 : 0);
    case "F": return encodeTable(w, v.value);
    case "A": return encodeArray(w, v.value);
    case "l":
    case "L": return w.int64(v.value);
    case "T": return w.longlongBig(v.value);
    case "b": return w.int8(v.value);
    case "B": return w.octet(v.value);
    case "s": return w.int16(v.value);
    case "u": return w.short(v.value);
    case "i": return w.long(v.value);
    case "f": return w.float(v.value);
    case "d": return w.double(v.value);
    case "D":
      w.octet(v.value.scale);
      return w.long(v.value.value);
    case "V": return;
    default:
      throw new TypeError(`unknown field type ${JSON.stringify((v as { type: unknown }).type)}`);
  }
}

/** Builders for tagged values, named after what RabbitMQ's own tables use. */
export const field = {
  bool: (value: boolean): FieldValue => ({ type: "t", value }),
  longstr: (value: string | Buffer): FieldValue => ({ type: "S", value: typeof value === "string" ? Buffer.from(value) : value }),
  signedint: (value: number): FieldValue => ({ type: "I", value }),
  long: (value: number | bigint): FieldValue => ({ type: "l", value: BigInt(value) }),
  double: (value: number): FieldValue => ({ type: "d", value }),
  timestamp: (seconds: number | bigint): FieldValue => ({ type: "T", value: BigInt(seconds) }),
  binary: (value: Buffer): FieldValue => ({ type: "x", value }),
  array: (value: readonly FieldValue[]): FieldValue => ({ type: "A", value }),
  table: (value: FieldTable): FieldValue => ({ type: "F", value }),
  void: (): FieldValue => ({ type: "V", value: null }),
};

/** Infers letters for plain JS values: integers as I (or l beyond 32 bits), other numbers d, strings S, Buffers x. */
export function toFieldValue(v: unknown): FieldValue {
  if (v === null || v === undefined) return field.void();
  if (typeof v === "boolean") return field.bool(v);
  if (typeof v === "string") return field.longstr(v);
  if (typeof v === "bigint") return field.long(v);
  if (typeof v === "number") {
    if (!Number.isSafeInteger(v)) return field.double(v);
    return v >= -0x80000000 && v <= 0x7fffffff ? field.signedint(v) : field.long(v);
  }
  if (Buffer.isBuffer(v)) return field.binary(v);
  if (v instanceof Date) return field.timestamp(Math.floor(v.getTime() / 1000));
  if (Array.isArray(v)) return field.array(v.map(toFieldValue));
  if (v instanceof Map) return field.table(toFieldTable(Object.fromEntries(v)));
  if (typeof v === "object") return field.table(toFieldTable(v as Record<string, unknown>));
  throw new TypeError(`cannot encode a ${typeof v} in a field table`);
}

export function toFieldTable(obj: Readonly<Record<string, unknown>>): FieldTable {
  return new Map(Object.entries(obj).map(([k, v]) => [k, toFieldValue(v)]));
}

/** Plain JS view (longstr as UTF-8 text, 64-bit integers as numbers when exact), e.g. for JSON output. */
export function fromFieldValue(v: FieldValue): unknown {
  switch (v.type) {
    case "S": return v.value.toString("utf8");
    case "l":
    case "L":
    case "T": return v.value >= BigInt(Number.MIN_SAFE_INTEGER) && v.value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v.value) : v.value;
    case "D": return v.value.value / 10 ** v.value.scale;
    case "A": return v.value.map(fromFieldValue);
    case "F": return fromFieldTable(v.value);
    default: return v.value;
  }
}

export function fromFieldTable(table: FieldTable): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of table) Object.defineProperty(out, k, { value: fromFieldValue(v), enumerable: true, writable: true, configurable: true });
  return out;
}
