// RabbitMQ words validation errors with Erlang's ~p, so a JSON value comes back as the term its decoder made
// (<<"x">>, #{<<"k">> => 1}, [{<<"k">>,1}]), laid out the way io_lib_pretty lays it out at 80 columns.
import { erlangFloatText } from "../json/json-text.js";
import { ErlangFloat } from "../json/json-value.js";

/** An Erlang term as RabbitMQ holds a decoded JSON value: strings are binaries, objects maps, arrays lists, null/true/false atoms. */
export type Term =
  | { readonly t: "bin"; readonly v: string }
  | { readonly t: "num"; readonly v: number | bigint }
  | { readonly t: "float"; readonly v: number }
  | { readonly t: "atom"; readonly v: string }
  | { readonly t: "list"; readonly v: readonly Term[] }
  | { readonly t: "tuple"; readonly v: readonly Term[] }
  | { readonly t: "map"; readonly v: readonly (readonly [Term, Term])[] };

export const bin = (v: string): Term => ({ t: "bin", v });
export const atom = (v: string): Term => ({ t: "atom", v });
/** An integer; a JS number beyond the exact integers (a fraction, or past 2^53) is a float. */
export const num = (v: number | bigint): Term => (typeof v === "number" && !Number.isSafeInteger(v) ? { t: "float", v } : { t: "num", v });
export const list = (v: readonly Term[]): Term => ({ t: "list", v });
export const tuple = (...v: Term[]): Term => ({ t: "tuple", v });

/** The term Erlang's JSON decoder gives for a value: objects become maps with their keys in term order. */
export function fromJson(value: unknown): Term {
  if (value === null || value === undefined) return atom(value === null ? "null" : "undefined");
  if (typeof value === "boolean") return atom(String(value));
  if (typeof value === "number" || typeof value === "bigint") return num(value);
  if (value instanceof ErlangFloat) return { t: "float", v: value.value };
  if (typeof value === "string") return bin(value);
  if (Array.isArray(value)) return list(value.map(fromJson));
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => compareBinaries(a, b));
  return { t: "map", v: entries.map(([k, v]) => [bin(k), fromJson(v)] as const) };
}

/** A decoded object turned into the property list RabbitMQ validates: [{<<"k">>,V}, ...] in the given order. */
export const proplist = (entries: readonly (readonly [string, unknown])[]): Term => list(entries.map(([k, v]) => tuple(bin(k), fromJson(v))));

/** Erlang orders binaries byte by byte. */
export function compareBinaries(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8"));
}

const LINE = 80;

/** io_lib:format("~p") of the term, printed starting at `column` (0-based, as in the surrounding format string). */
export function formatTerm(term: Term, column = 0): string {
  const node = layout(term);
  const col = column + 1;
  if (node.len < LINE - col) return flat(node);
  return pp(node, col, " ".repeat(col - 1), 0, 0, node.len);
}

/** The precomputed shape of a term: its one-line text (for atomic terms) or its children, and its one-line length. */
interface Node {
  readonly kind: "atomic" | "list" | "tuple" | "map" | "pair";
  readonly text: string;
  readonly len: number;
  readonly children: readonly Node[];
}

function layout(term: Term): Node {
  switch (term.t) {
    case "num":
      return atomic(formatNumber(term.v));
    case "float":
      return atomic(erlangFloatText(term.v));
    case "atom":
      return atomic(term.v);
    case "bin":
      return formatBinary(term.v);
    case "list": {
      const chars = printableChars(term.v);
      if (chars !== undefined) return atomic(quoteLatin1(chars));
      return compound("list", term.v.map(layout), 2);
    }
    case "tuple":
      return compound("tuple", term.v.map(layout), 2);
    case "map": {
      const pairs = term.v.map(([k, v]): Node => {
        const kn = layout(k);
        const vn = layout(v);
        return { kind: "pair", text: "", len: kn.len + 4 + vn.len, children: [kn, vn] };
      });
      return compound("map", pairs, 3);
    }
  }
}

/** `len` counts Latin-1 characters as Erlang does, which differs from text.length for non-ASCII binaries. */
const atomic = (text: string, len = text.length): Node => ({ kind: "atomic", text, len, children: [] });

function compound(kind: Node["kind"], children: readonly Node[], brackets: number): Node {
  if (children.length === 0) return atomic(kind === "list" ? "[]" : kind === "tuple" ? "{}" : "#{}");
  const len = children.reduce((n, c) => n + c.len, brackets + children.length - 1);
  return { kind, text: "", len, children };
}

function flat(n: Node): string {
  switch (n.kind) {
    case "atomic":
      return n.text;
    case "list":
      return `[${n.children.map(flat).join(",")}]`;
    case "tuple":
      return `{${n.children.map(flat).join(",")}}`;
    case "map":
      return `#{${n.children.map(flat).join(",")}}`;
    case "pair":
      return `${flat(n.children[0]!)} => ${flat(n.children[1]!)}`;
  }
}

/** A child that is not atomic (nor a pair of atomic terms) always starts a new line once its parent is broken. */
const isAtomic = (n: Node): boolean => n.kind === "atomic" || (n.kind === "pair" && n.children.every((c) => c.kind === "atomic"));

/** How many closing brackets follow the last element: room the line must keep free for them. */
const lastDepth = (rest: number, ld: number): number => (rest === 0 ? ld + 1 : 0);

function pp(n: Node, col: number, ind: string, ld: number, w: number, max: number): string {
  if (n.len < LINE - col - ld && n.len + w + ld <= max) return flat(n);
  switch (n.kind) {
    case "list":
      return `[${ppElements(n.children, col + 1, `${ind} `, ld, w + 1, max)}]`;
    case "tuple":
      return `{${ppElements(n.children, col + 1, `${ind} `, ld, w + 1, max)}}`;
    case "map":
      return `#{${ppElements(n.children, col + 2, `${ind}  `, ld, w + 1, max)}}`;
    case "pair":
      return ppPair(n, col, ind, ld, w, max).text;
    case "atomic":
      return n.text;
  }
}

/** Elements after a break: atomic ones fill the line, anything else gets a line of its own. */
function ppElements(es: readonly Node[], col0: number, ind: string, ld: number, w0: number, max: number): string {
  const first = ppElement(es[0]!, col0, ind, lastDepth(es.length - 1, ld), w0, max);
  let out = first.text;
  let col = col0 + first.width;
  let w = w0 + first.width;
  for (let i = 1; i < es.length; i++) {
    const e = es[i]!;
    const ld1 = lastDepth(es.length - 1 - i, ld);
    const elen = 1 + e.len;
    const fits = ld1 === 0 ? elen + 1 < LINE - col && w + elen + 1 <= max : elen < LINE - col - ld1 && w + elen + ld1 <= max;
    if (fits && isAtomic(e)) {
      out += `,${flat(e)}`;
      col += elen;
      w += elen;
    } else {
      const next = ppElement(e, col0, ind, ld1, 0, max);
      out += `,\n${ind}${next.text}`;
      col = col0 + next.width;
      w = next.width;
    }
  }
  return out;
}

function ppElement(e: Node, col: number, ind: string, ld: number, w: number, max: number): { text: string; width: number } {
  if (e.kind === "pair") return ppPair(e, col, ind, ld, w, max);
  if (e.len < LINE - col - ld && e.len + w + ld <= max && isAtomic(e)) return { text: flat(e), width: e.len };
  // a broken or compound element forces the next one onto a new line
  return { text: pp(e, col, ind, ld, w, max), width: LINE };
}

/** A map pair too long for the line puts its value on the next line, indented four past the key. */
function ppPair(p: Node, col: number, ind: string, ld: number, w: number, max: number): { text: string; width: number } {
  if (p.len < LINE - col - ld && p.len + w + ld <= max) return { text: flat(p), width: isAtomic(p) ? p.len : LINE };
  const [k, v] = p.children as [Node, Node];
  const vind = `${ind}    `;
  return { text: `${pp(k, col, ind, ld, w, max)} =>\n${vind}${pp(v, col + 4, vind, ld, 0, max)}`, width: LINE };
}

/** Integers in full; any other JS number in Erlang's shortest float form (1.5, 1.0e-5). */
export function formatNumber(n: number | bigint): string {
  if (typeof n === "bigint" || Number.isSafeInteger(n)) return String(n);
  return erlangFloatText(n);
}

/** Latin-1 characters ~p prints as text rather than as numbers. */
const isPrintable = (c: number): boolean => (c >= 32 && c <= 126) || (c >= 160 && c <= 255) || (c >= 8 && c <= 13) || c === 27;

const ESCAPES: Readonly<Record<number, string>> = { 8: "\\b", 9: "\\t", 10: "\\n", 11: "\\v", 12: "\\f", 13: "\\r", 27: "\\e", 34: '\\"', 92: "\\\\" };

/** Latin-1 codes as a quoted Erlang string; bytes stay single characters so the text decodes back as the original UTF-8. */
function quoteLatin1(codes: readonly number[]): string {
  return `"${codes.map((c) => ESCAPES[c] ?? String.fromCharCode(c)).join("")}"`;
}

/** A binary prints as <<"text">> when every byte is printable Latin-1, else as <<b1,b2,...>>. */
function formatBinary(s: string): Node {
  const bytes = [...Buffer.from(s, "utf8")];
  if (bytes.length === 0) return atomic("<<>>");
  if (!bytes.every(isPrintable)) return atomic(`<<${bytes.join(",")}>>`);
  const quoted = quoteLatin1(bytes);
  // the HTTP layer re-reads these Latin-1 characters as UTF-8 bytes, so the original text is what the client sees
  return atomic(`<<${Buffer.from(quoted, "latin1").toString("utf8")}>>`, quoted.length + 4);
}

/** A list of small integers is a string to ~p when all of them are printable Latin-1. */
function printableChars(items: readonly Term[]): number[] | undefined {
  if (items.length === 0) return undefined;
  const codes: number[] = [];
  for (const it of items) {
    if (it.t !== "num" || typeof it.v !== "number" || !Number.isInteger(it.v) || !isPrintable(it.v)) return undefined;
    codes.push(it.v);
  }
  return codes;
}
