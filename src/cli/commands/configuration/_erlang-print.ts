// Erlang terms as rabbitmqctl's erlang formatter prints them (io_lib's ~p: latin-1 printable strings and
// binaries quoted, shortest floats) and as its json formatter converts them.
import { RawNumber } from "../definitions/_elixir-json.js";
import type { Term } from "./_etf.js";

const RESERVED = new Set(["after", "and", "andalso", "band", "begin", "bnot", "bor", "bsl", "bsr", "bxor", "case", "catch",
  "cond", "div", "end", "fun", "if", "let", "not", "of", "or", "orelse", "receive", "rem", "try", "when", "xor"]);
const NAMED: Record<number, string> = { 10: "\\n", 13: "\\r", 9: "\\t", 11: "\\v", 8: "\\b", 12: "\\f", 27: "\\e" };

/** io_lib's latin-1 printable characters (~p, not ~tp). */
const printable = (c: number): boolean => (c >= 32 && c <= 126) || (c >= 160 && c <= 255) || NAMED[c] !== undefined;

function quote(codes: number[], q: string): string {
  return codes.map((c) => NAMED[c] ?? (String.fromCharCode(c) === q || c === 92 ? `\\${String.fromCharCode(c)}` : String.fromCharCode(c))).join("");
}

function atomText(a: string): string {
  if (/^[a-z][A-Za-z0-9_@]*$/.test(a) && !RESERVED.has(a)) return a;
  return `'${[...a].map((ch) => {
    const c = ch.codePointAt(0)!;
    if (ch === "'" || ch === "\\") return `\\${ch}`;
    return NAMED[c] ?? (c < 32 || c === 127 ? `\\${c.toString(8)}` : ch);
  }).join("")}'`;
}

/** Erlang's shortest round-trip float: fixed or scientific, whichever is shorter (fixed on a tie). */
export function floatText(f: number): string {
  if (Object.is(f, -0)) return "-0.0";
  const [mant, expText] = f.toExponential().split("e") as [string, string];
  const exp = Number(expText);
  const digits = mant.replace("-", "").replace(".", "");
  const sign = f < 0 ? "-" : "";
  const sci = `${sign}${digits[0]}.${digits.slice(1) || "0"}e${exp}`;
  let fixed: string;
  if (exp >= 0) {
    const intPart = digits.length > exp + 1 ? digits.slice(0, exp + 1) : digits.padEnd(exp + 1, "0");
    fixed = `${sign}${intPart}.${digits.slice(exp + 1) || "0"}`;
  } else fixed = `${sign}0.${"0".repeat(-exp - 1)}${digits}`;
  return fixed.length <= sci.length ? fixed : sci;
}

const codesOf = (t: Term): number[] | undefined =>
  t.t === "list" && !t.tail && t.v.length > 0 && t.v.every((e) => e.t === "int" && e.v <= 255n && printable(Number(e.v)))
    ? t.v.map((e) => Number((e as { v: bigint }).v))
    : undefined;

/** Erlang term order, for printing small maps as Erlang does (sorted keys). */
const RANK: Record<Term["t"], number> = { int: 0, float: 0, atom: 1, tuple: 3, map: 4, list: 5, bin: 6 };
export function compareTerms(a: Term, b: Term): number {
  if (RANK[a.t] !== RANK[b.t]) return RANK[a.t] - RANK[b.t];
  if ((a.t === "int" || a.t === "float") && (b.t === "int" || b.t === "float")) return Number(a.v) < Number(b.v) ? -1 : Number(a.v) > Number(b.v) ? 1 : 0;
  if (a.t === "atom" && b.t === "atom") return a.v < b.v ? -1 : a.v > b.v ? 1 : 0;
  if (a.t === "bin" && b.t === "bin") return Buffer.compare(a.v, b.v);
  if ((a.t === "tuple" && b.t === "tuple") || (a.t === "list" && b.t === "list")) {
    if (a.t === "tuple" && a.v.length !== b.v.length) return a.v.length - b.v.length;
    for (let i = 0; i < Math.min(a.v.length, b.v.length); i++) {
      const c = compareTerms(a.v[i]!, b.v[i]!);
      if (c !== 0) return c;
    }
    return a.v.length - b.v.length;
  }
  return 0;
}

/** ~p of a term on one line. */
export function printTerm(t: Term): string {
  switch (t.t) {
    case "int": return t.v.toString();
    case "float": return floatText(t.v);
    case "atom": return atomText(t.v);
    case "bin": {
      if (t.bits !== undefined) {
        const whole = [...t.v.subarray(0, -1)].join(",");
        return `<<${whole}${whole ? "," : ""}${t.v.at(-1)! >> (8 - t.bits)}:${t.bits}>>`;
      }
      const codes = [...t.v];
      if (codes.length === 0) return "<<>>";
      if (codes.every(printable)) return `<<"${quote(codes, '"')}">>`;
      return `<<${codes.join(",")}>>`;
    }
    case "list": {
      const codes = codesOf(t);
      if (codes) return `"${quote(codes, '"')}"`;
      return `[${t.v.map(printTerm).join(",")}${t.tail ? `|${printTerm(t.tail)}` : ""}]`;
    }
    case "tuple": return `{${t.v.map(printTerm).join(",")}}`;
    case "map": return `#{${[...t.v].sort((a, b) => compareTerms(a[0], b[0])).map(([k, v]) => `${printTerm(k)} => ${printTerm(v)}`).join(",")}}`;
  }
}

/** The value rabbitmqctl's json formatter makes of a term (binaries and atoms become strings). */
export function termJson(t: Term): unknown {
  switch (t.t) {
    case "int": return t.v >= BigInt(Number.MIN_SAFE_INTEGER) && t.v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(t.v) : new RawNumber(t.v.toString());
    case "float": return new RawNumber(floatText(t.v));
    case "atom": return t.v;
    case "bin": return t.v.toString("utf8");
    case "tuple": return t.v.map(termJson);
    case "map": return Object.fromEntries(t.v.map(([k, v]) => [keyText(k), termJson(v)]));
    case "list":
      // a proplist with atom or binary keys becomes an object, as rabbitmqctl's formatter does for keyword lists
      if (t.v.length > 0 && t.v.every((e) => e.t === "tuple" && e.v.length === 2 && e.v[0]!.t === "atom")) {
        return Object.fromEntries(t.v.map((e) => [keyText((e as { v: Term[] }).v[0]!), termJson((e as { v: Term[] }).v[1]!)]));
      }
      return t.v.map(termJson);
  }
}

const keyText = (k: Term): string => (k.t === "atom" ? k.v : k.t === "bin" ? k.v.toString("utf8") : printTerm(k));
