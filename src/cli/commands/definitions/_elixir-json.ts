// JSON text as rabbitmqctl's Elixir JSON encoder writes it: compact, non-ASCII raw, and control characters
// other than \b \f \n \r \t written as "\u" + their two hex digits reversed + "00" (0x1b -> "\uB100").
import type { RawJson } from "../parameters/_raw-json.js";

/** A number written exactly as given (Erlang's 1.0e3, integers past 2^53). */
export class RawNumber {
  constructor(readonly text: string) {}
}

const SHORT: Record<string, string> = { '"': '\\"', "\\": "\\\\", "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t" };

export function elixirString(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (SHORT[ch] !== undefined) out += SHORT[ch];
    else if (c < 0x20) out += `\\u${[...c.toString(16).toUpperCase().padStart(2, "0")].reverse().join("")}00`;
    else out += ch;
  }
  return `${out}"`;
}

/** Writes a value (objects keep their key order; RawNumber keeps its text). */
export function elixirJson(v: unknown): string {
  if (v === null || v === undefined) return "null";
  if (v instanceof RawNumber) return v.text;
  if (typeof v === "string") return elixirString(v);
  if (typeof v === "number" || typeof v === "boolean" || typeof v === "bigint") return String(v);
  if (Array.isArray(v)) return `[${v.map(elixirJson).join(",")}]`;
  return `{${Object.entries(v as Record<string, unknown>).map(([k, x]) => `${elixirString(k)}:${elixirJson(x)}`).join(",")}}`;
}

/** A scanned JSON tree as plain values, numbers kept as RawNumber. */
export function fromRaw(r: RawJson): unknown {
  switch (r.t) {
    case "obj": return Object.fromEntries(r.entries.map(([k, v]) => [k, fromRaw(v)]));
    case "arr": return r.items.map(fromRaw);
    case "str": return r.value;
    case "num": return new RawNumber(r.raw);
    case "lit": return r.raw === "null" ? null : r.raw === "true";
  }
}

/** Erlang orders a small map's binary keys bytewise, atom keys by name: both are UTF-8 byte order. */
export function sortKeys(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => Buffer.compare(Buffer.from(a), Buffer.from(b))));
}

/** sortKeys applied at every depth. */
export function sortDeep(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortDeep);
  if (v === null || typeof v !== "object" || v instanceof RawNumber) return v;
  return sortKeys(Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, sortDeep(x)])));
}
