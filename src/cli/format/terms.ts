// Erlang- and Elixir-term renderings for the erlang, string, inspect and string_per_line formatters.
// rabbitmqctl prints these with ~p / Kernel.inspect; we mirror their shape for our value model.
import type { Row } from "../types.js";
import { erlangFloat, type CtlValue } from "./values.js";

const erlBinary = (s: string): string => `<<"${s.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"/utf8>>`.replace(/\/utf8>>$/, /^[\x20-\x7e]*$/.test(s) ? ">>" : "/utf8>>");
const erlAtom = (a: string): string => (/^[a-z][A-Za-z0-9_@]*$/.test(a) ? a : `'${a.replace(/'/g, "\\'")}'`);
const exString = (s: string): string => `"${s.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n").replace(/\t/g, "\\t")}"`;

/** An Erlang term as ~p prints it on one line. */
export function erlangTerm(v: CtlValue): string {
  if (v === null) return "''";
  if (typeof v === "string") return erlBinary(v);
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  switch (v.kind) {
    case "atom": return erlAtom(v.name);
    case "float": return erlangFloat(v.value);
    case "ip": return `{${v.address.split(".").join(",")}}`;
    case "list": return `[${v.items.map(erlangTerm).join(",")}]`;
    case "tuple": return `{${v.items.map(erlangTerm).join(",")}}`;
    case "amqp_table": return `[${v.entries.map((e) => `{${erlBinary(e.key)},${e.type},${amqpErl(e.value)}}`).join(",")}]`;
    case "amqp_array": return `[${v.items.map((i) => `{${i.type},${amqpErl(i.value)}}`).join(",")}]`;
  }
}

function amqpErl(v: unknown): string {
  if (v === null || v === undefined) return "undefined";
  if (typeof v === "string") return erlBinary(v);
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  if (typeof v === "object" && "decimal" in v) {
    const d = (v as { decimal: [number, number] }).decimal;
    return `{${d[0]},${d[1]}}`;
  }
  return erlangTerm(v as CtlValue);
}

/** Any JSON-ish value (status, environment results) as an Erlang term. */
export function erlangValue(v: unknown): string {
  if (v === null || v === undefined) return "undefined";
  if (typeof v === "string") return erlBinary(v);
  if (typeof v === "number") return Number.isInteger(v) ? String(v) : erlangFloat(v);
  if (typeof v === "boolean") return String(v);
  if (Array.isArray(v)) return `[${v.map(erlangValue).join(",")}]`;
  return `[${Object.entries(v as Record<string, unknown>).map(([k, x]) => `{${erlAtom(k)},${erlangValue(x)}}`).join(",")}]`;
}

/** Elixir's inspect of a cell. */
function elixirTerm(v: CtlValue): string {
  if (v === null) return ":\"\"";
  if (typeof v === "string") return exString(v);
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  switch (v.kind) {
    case "atom": return /^[a-z_][A-Za-z0-9_@]*$/.test(v.name) ? `:${v.name}` : `:${exString(v.name)}`;
    case "float": return erlangFloat(v.value);
    case "ip": return `{${v.address.split(".").join(", ")}}`;
    case "list": return `[${v.items.map(elixirTerm).join(", ")}]`;
    case "tuple": return `{${v.items.map(elixirTerm).join(", ")}}`;
    case "amqp_table": return `[${v.entries.map((e) => `{${exString(e.key)}, :${e.type}, ${elixirAmqp(e.value)}}`).join(", ")}]`;
    case "amqp_array": return `[${v.items.map((i) => `{:${i.type}, ${elixirAmqp(i.value)}}`).join(", ")}]`;
  }
}

function elixirAmqp(v: unknown): string {
  if (v === null || v === undefined) return ":undefined";
  if (typeof v === "string") return exString(v);
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  if (typeof v === "object" && "decimal" in v) {
    const d = (v as { decimal: [number, number] }).decimal;
    return `{${d[0]}, ${d[1]}}`;
  }
  return elixirTerm(v as CtlValue);
}

const keyword = (k: string): string => (/^[a-z_][A-Za-z0-9_]*$/.test(k) ? `${k}:` : `${exString(k)}:`);

export function erlangRows(columns: readonly string[], rows: readonly Row[]): string {
  if (rows.length === 0) return "";
  const lines = rows.map((r) => `[${columns.map((c, i) => `{${erlAtom(c)},${erlangTerm(r[i] ?? null)}}`).join(",")}]`);
  return `[${lines.join(",\n ")}]\n`;
}

export function stringRows(columns: readonly string[], rows: readonly Row[]): string {
  return rows.map((r) => `[${columns.map((c, i) => `${keyword(c)} ${elixirTerm(r[i] ?? null)}`).join(", ")}]\n`).join("");
}

export function inspectRows(columns: readonly string[], rows: readonly Row[]): string {
  if (rows.length === 0) return "";
  return `[${rows.map((r) => `[${columns.map((c, i) => `${keyword(c)} ${elixirTerm(r[i] ?? null)}`).join(", ")}]`).join(", ")}]\n`;
}

export function stringPerLineRows(columns: readonly string[], rows: readonly Row[]): string {
  return stringRows(columns, rows);
}
