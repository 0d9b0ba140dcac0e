// Erlang- and Elixir-term renderings for the erlang, string, inspect and string_per_line formatters.
// rabbitmqctl prints these with ~p / Kernel.inspect; we mirror their shape for our value model.
import type { Row } from "../types.js";
import { erlangFloat, type CtlValue } from "./values.js";

// ~p shows a binary's bytes as Latin-1 characters when all are printable, else as a list of integers.
const printableLatin1 = (b: number): boolean => (b >= 0x20 && b <= 0x7e) || b >= 0xa0 || b === 0x0a || b === 0x09;
const latin1Escape = (bytes: Buffer, quote: string): string =>
  [...bytes].map((b) => {
    if (b === 0x5c) return "\\\\";
    if (String.fromCharCode(b) === quote) return `\\${quote}`;
    if (b === 0x0a) return "\\n";
    if (b === 0x09) return "\\t";
    return printableLatin1(b) ? String.fromCharCode(b) : `\\${b.toString(8)}`;
  }).join("");
function erlBinary(s: string): string {
  const bytes = Buffer.from(s, "utf8");
  if (![...bytes].every(printableLatin1)) return `<<${[...bytes].join(",")}>>`;
  return `<<"${latin1Escape(bytes, '"')}">>`;
}
// Atom names are characters, not bytes: RabbitMQ hands non-ASCII tags to HTTP as Latin-1 code points.
const atomChars = (a: string, esc: (c: number) => string, quote: string): string =>
  [...a].map((ch) => {
    const c = ch.codePointAt(0)!;
    if (ch === quote || ch === "\\") return `\\${ch}`;
    return c < 0x20 || (c >= 0x7f && c < 0xa0) ? esc(c) : ch;
  }).join("");
const erlAtom = (a: string): string => (/^[a-z][A-Za-z0-9_@]*$/.test(a) ? a : `'${atomChars(a, (c) => `\\${c.toString(8)}`, "'")}'`);
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
    case "atom": return /^[a-z_][A-Za-z0-9_@]*$/.test(v.name) ? `:${v.name}` : `:"${atomChars(v.name, (c) => `\\x${c.toString(16).toUpperCase().padStart(2, "0")}`, '"')}"`;
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

const LINE = 80;

/** A term as io_lib_pretty lays it out: one line when it fits, else one element per line. */
interface Node { flat: string; open?: string; close?: string; items?: Node[] }

function layout(n: Node, col: number, trailing: number): string {
  if (!n.items || col + n.flat.length + trailing <= LINE) return n.flat;
  const inner = col + n.open!.length;
  return n.open! + n.items
    .map((it, i) => {
      const last = i === n.items!.length - 1;
      const text = layout(it, inner, last ? trailing + n.close!.length : 1);
      return i === 0 ? text : `\n${" ".repeat(inner)}${text}`;
    })
    .join(",") + n.close!;
}

const group = (open: string, close: string, items: Node[]): Node => ({ flat: `${open}${items.map((i) => i.flat).join(",")}${close}`, open, close, items });
const leaf = (flat: string): Node => ({ flat });

export function erlangRows(columns: readonly string[], rows: readonly Row[]): string {
  const term = group("[", "]", rows.map((r) => group("[", "]", columns.map((c, i) => group("{", "}", [leaf(erlAtom(c)), leaf(erlangTerm(r[i] ?? null))])))));
  return `${layout(term, 0, 0)}\n`;
}

export function stringRows(columns: readonly string[], rows: readonly Row[]): string {
  return rows.map((r) => `[${columns.map((c, i) => `${keyword(c)} ${elixirTerm(r[i] ?? null)}`).join(", ")}]\n`).join("");
}

/** rabbitmqctl's inspect formatter streams like json: "[", rows (2..n with a leading ","), "]". */
export function inspectRows(columns: readonly string[], rows: readonly Row[]): string {
  const body = rows.map((r, n) => `${n === 0 ? "" : ","}[${columns.map((c, i) => `${keyword(c)} ${elixirTerm(r[i] ?? null)}`).join(", ")}]\n`).join("");
  return `[\n${body}]\n`;
}

export function stringPerLineRows(columns: readonly string[], rows: readonly Row[]): string {
  return stringRows(columns, rows);
}
