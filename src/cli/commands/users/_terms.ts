// How rabbitmqctl prints Erlang terms inside its error messages: Elixir's inspect (the CLI side) and
// Erlang's ~p (server-side messages), for the few term shapes our errors carry.
import { erlangFloat } from "../../format/values.js";

const ELIXIR_ESCAPES: Record<string, string> = {
  "\n": "\\n", "\r": "\\r", "\t": "\\t", "\v": "\\v", "\b": "\\b", "\f": "\\f", "\u001b": "\\e", "\u007f": "\\d", "\u0007": "\\a",
};

// Elixir's String.printable?: control characters other than the escapable ones make a binary print as bytes
const printableChar = (c: string): boolean => {
  if (c in ELIXIR_ESCAPES) return true;
  const cp = c.codePointAt(0)!;
  return (cp >= 0x20 && cp < 0x7f) || (cp >= 0xa0 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || cp >= 0x10000;
};

function escapeBody(chars: readonly string[], quote: string): string {
  let out = "";
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    if (c === quote || c === "\\") out += `\\${c}`;
    else if (c === "#" && chars[i + 1] === "{") out += "\\#";
    else out += ELIXIR_ESCAPES[c] ?? c;
  }
  return out;
}

/** inspect/1 of an Elixir string (binary): "text", or <<bytes>> when not printable. */
export function exString(s: string): string {
  const chars = [...s];
  if (chars.every(printableChar)) return `"${escapeBody(chars, '"')}"`;
  return `<<${[...Buffer.from(s, "utf8")].join(", ")}>>`;
}

/** inspect/1 of an Erlang charlist: 'text' when all ASCII-printable, else a list of integers. */
export function exCharlist(codes: readonly number[]): string {
  const chars = codes.map((c) => String.fromCodePoint(c));
  const ascii = codes.every((c) => (c >= 0x20 && c < 0x7f) || String.fromCodePoint(c) in ELIXIR_ESCAPES);
  return ascii ? `'${escapeBody(chars, "'")}'` : `[${codes.join(", ")}]`;
}

/** A JSON value as the server holds it after decoding (objects are maps, null an atom), inspected by Elixir. */
export function exJson(v: unknown): string {
  if (v === null) return ":null";
  if (typeof v === "string") return exString(v);
  if (typeof v === "boolean") return String(v);
  if (v instanceof JsonNumber) return v.isFloat ? erlangFloat(v.value) : v.text;
  if (Array.isArray(v)) return `[${v.map(exJson).join(", ")}]`;
  const entries = sortedEntries(v as Record<string, unknown>);
  return `%{${entries.map(([k, x]) => `${exString(k)} => ${exJson(x)}`).join(", ")}}`;
}

/** Erlang's ~p of a binary: the UTF-8 bytes shown as Latin-1 characters (ü reads Ã¼). */
export function erlBinary(s: string): string {
  const latin1 = Buffer.from(s, "utf8").toString("latin1");
  return `<<"${latin1.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n").replace(/\t/g, "\\t")}">>`;
}

/** Erlang's ~p of a decoded JSON value (maps as #{...}, null as an atom). */
export function erlJson(v: unknown): string {
  if (v === null) return "null";
  if (typeof v === "string") return erlBinary(v);
  if (typeof v === "boolean") return String(v);
  if (v instanceof JsonNumber) return v.isFloat ? erlangFloat(v.value) : v.text;
  if (Array.isArray(v)) return `[${v.map(erlJson).join(",")}]`;
  const entries = sortedEntries(v as Record<string, unknown>);
  return `#{${entries.map(([k, x]) => `${erlBinary(k)} => ${erlJson(x)}`).join(",")}}`;
}

/** Small Erlang maps iterate in key order; binaries compare bytewise. */
export function sortedEntries(o: Record<string, unknown>): [string, unknown][] {
  return Object.entries(o).sort(([a], [b]) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
}

/** A JSON number that remembers whether Erlang would decode it as a float (1.0, 1e3) or an integer. */
export class JsonNumber {
  constructor(readonly text: string) {}
  get isFloat(): boolean {
    return /[.eE]/.test(this.text);
  }
  get value(): number {
    return Number(this.text);
  }
}

/** JSON.parse, but numbers come back as JsonNumber so integer/float survive as the server sees them. */
export function parseJsonKeepingNumbers(text: string): unknown {
  JSON.parse(text); // syntax errors surface exactly as with a plain parse
  let i = 0;
  const ws = (): void => {
    while (/\s/.test(text[i] ?? "")) i++;
  };
  const value = (): unknown => {
    ws();
    const c = text[i];
    if (c === "{") {
      i++;
      const o: Record<string, unknown> = {};
      ws();
      if (text[i] === "}") return i++, o;
      for (;;) {
        ws();
        const k = value() as string;
        ws();
        i++; // ':'
        Object.defineProperty(o, k, { value: value(), enumerable: true, writable: true, configurable: true });
        ws();
        if (text[i++] === "}") return o;
      }
    }
    if (c === "[") {
      i++;
      const a: unknown[] = [];
      ws();
      if (text[i] === "]") return i++, a;
      for (;;) {
        a.push(value());
        ws();
        if (text[i++] === "]") return a;
      }
    }
    if (c === '"') {
      const m = /^"(?:[^"\\]|\\.)*"/.exec(text.slice(i))!;
      i += m[0].length;
      return JSON.parse(m[0]) as string;
    }
    const m = /^(?:true|false|null|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(text.slice(i))!;
    i += m[0].length;
    return m[0] === "true" ? true : m[0] === "false" ? false : m[0] === "null" ? null : new JsonNumber(m[0]);
  };
  return value();
}
