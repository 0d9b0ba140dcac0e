// Reads an encode/decode argument as Erlang does ("<<"guest">>", "{encrypted,<<"...">>}", "16#ff", "[a,{b,1.5}]"):
// literals, tuples, lists, maps, binaries with segment types, and integer/float arithmetic. Function
// calls and variables are not evaluated (rabbitmqctl evaluates any expression; warrenctl has no Erlang).
import { atom, bin, int, type Term } from "./_etf.js";

type Tok = { k: "atom" | "var" | "int" | "float" | "char" | "str" | "punct"; s: string; v?: bigint | number | string };

const PUNCT = ["=:=", "=/=", "<<", ">>", "=>", ":=", "::", "++", "--", "->", "==", "/=", "=<", ">=", "||", "<=",
  "{", "}", "[", "]", "(", ")", ",", "|", "#", ".", ":", "+", "-", "*", "/", "=", "<", ">", "!", ";"];
const ESC: Record<string, number> = { n: 10, r: 13, t: 9, v: 11, b: 8, f: 12, e: 27, s: 32, d: 127 };

/** One escape sequence after a backslash at s[i]; returns the code point and the index after it. */
function escape(s: string, i: number): [number, number] {
  const c = s[i];
  if (c === undefined) throw new Error("unterminated escape");
  if (/[0-7]/.test(c)) {
    const m = /^[0-7]{1,3}/.exec(s.slice(i))![0];
    return [Number.parseInt(m, 8), i + m.length];
  }
  if (c === "x") {
    if (s[i + 1] === "{") {
      const end = s.indexOf("}", i);
      if (end < 0) throw new Error("bad escape");
      return [Number.parseInt(s.slice(i + 2, end), 16), end + 1];
    }
    const m = /^[0-9a-fA-F]{2}/.exec(s.slice(i + 1));
    if (!m) throw new Error("bad escape");
    return [Number.parseInt(m[0], 16), i + 3];
  }
  if (c === "^") return [(s.codePointAt(i + 1) ?? 0) % 32, i + 2];
  if (ESC[c] !== undefined) return [ESC[c], i + 1];
  return [c.codePointAt(0)!, i + c.length];
}

function quoted(s: string, i: number, q: string): [string, number] {
  let out = "";
  for (let j = i + 1; j < s.length;) {
    const c = s[j]!;
    if (c === q) return [out, j + 1];
    if (c === "\\") {
      const [cp, next] = escape(s, j + 1);
      out += String.fromCodePoint(cp);
      j = next;
    } else {
      const cp = s.codePointAt(j)!;
      out += String.fromCodePoint(cp);
      j += cp > 0xffff ? 2 : 1;
    }
  }
  throw new Error("unterminated quote");
}

function number(text: string): Tok {
  const clean = text.replace(/_/g, "");
  const hash = clean.indexOf("#");
  if (hash > 0) {
    const base = Number(clean.slice(0, hash));
    let v = 0n;
    for (const d of clean.slice(hash + 1).toLowerCase()) {
      const n = Number.parseInt(d, 36);
      if (Number.isNaN(n) || n >= base) throw new Error("bad digit");
      v = v * BigInt(base) + BigInt(n);
    }
    return { k: "int", s: text, v };
  }
  if (/[.eE]/.test(clean)) return { k: "float", s: text, v: Number(clean) };
  return { k: "int", s: text, v: BigInt(clean) };
}

export function scan(src: string): Tok[] {
  const toks: Tok[] = [];
  for (let i = 0; i < src.length;) {
    const c = src[i]!;
    const rest = src.slice(i);
    if (/\s/.test(c)) { i++; continue; }
    if (c === "%") { const nl = src.indexOf("\n", i); i = nl < 0 ? src.length : nl; continue; }
    let m: RegExpExecArray | null;
    if ((m = /^\d[\d_]*#[0-9a-zA-Z_]+/.exec(rest)) || (m = /^\d[\d_]*(\.\d[\d_]*([eE][+-]?\d+)?)?/.exec(rest))) {
      toks.push(number(m[0]));
      i += m[0].length;
    } else if ((m = /^[a-z][A-Za-z0-9_@]*/.exec(rest))) {
      toks.push({ k: "atom", s: m[0], v: m[0] });
      i += m[0].length;
    } else if ((m = /^[A-Z_][A-Za-z0-9_@]*/.exec(rest))) {
      toks.push({ k: "var", s: m[0] });
      i += m[0].length;
    } else if (c === "'" || c === '"') {
      const [text, next] = quoted(src, i, c);
      toks.push({ k: c === "'" ? "atom" : "str", s: src.slice(i, next), v: text });
      i = next;
    } else if (c === "$") {
      let cp: number;
      let next: number;
      if (src[i + 1] === "\\") [cp, next] = escape(src, i + 2);
      else if (i + 1 < src.length) { cp = src.codePointAt(i + 1)!; next = i + 1 + (cp > 0xffff ? 2 : 1); } else throw new Error("bad char");
      toks.push({ k: "char", s: src.slice(i, next), v: BigInt(cp) });
      i = next;
    } else {
      const p = PUNCT.find((x) => rest.startsWith(x));
      if (!p) throw new Error(`illegal character ${c}`);
      toks.push({ k: "punct", s: p });
      i += p.length;
    }
  }
  return toks;
}

const BINARY_OPS: Record<string, [number, "l" | "r"]> = {
  "++": [350, "r"], "--": [350, "r"], "+": [400, "l"], "-": [400, "l"], bor: [400, "l"], bxor: [400, "l"], bsl: [400, "l"], bsr: [400, "l"],
  "*": [500, "l"], "/": [500, "l"], div: [500, "l"], rem: [500, "l"], band: [500, "l"],
};

class Parser {
  i = 0;
  constructor(readonly toks: Tok[]) {}
  peek(): Tok | undefined { return this.toks[this.i]; }
  isPunct(s: string): boolean { const t = this.peek(); return t?.k === "punct" && t.s === s; }
  expect(s: string): void {
    if (!this.isPunct(s)) throw new Error(`syntax error before: ${this.peek()?.s ?? ""}`);
    this.i++;
  }
  opOf(t: Tok | undefined): string | undefined {
    if (!t) return undefined;
    const s = t.k === "punct" || t.k === "atom" ? t.s : undefined;
    return s !== undefined && BINARY_OPS[s] ? s : undefined;
  }

  expr(minPrec = 0): Term {
    let left = this.unary();
    for (let op = this.opOf(this.peek()); op; op = this.opOf(this.peek())) {
      const [prec, assoc] = BINARY_OPS[op]!;
      if (prec < minPrec) break;
      this.i++;
      left = binaryOp(op, left, this.expr(assoc === "l" ? prec + 1 : prec));
    }
    return left;
  }

  unary(): Term {
    const t = this.peek();
    if (t?.k === "punct" && (t.s === "-" || t.s === "+")) {
      this.i++;
      const v = this.unary();
      if (t.s === "+") return v;
      if (v.t === "int") return int(-v.v);
      if (v.t === "float") return { t: "float", v: -v.v };
      throw new Error("badarith");
    }
    return this.primary();
  }

  primary(): Term {
    const t = this.toks[this.i++];
    if (!t) throw new Error("syntax error before: ");
    switch (t.k) {
      case "int": case "char": return int(t.v as bigint);
      case "float": return { t: "float", v: t.v as number };
      case "var": throw new Error(`variable '${t.s}' is unbound`);
      case "atom":
        if (this.isPunct("(") || this.isPunct(":")) throw new Error("function calls are not evaluated");
        return atom(t.v as string);
      case "str": {
        let s = t.v as string;
        while (this.peek()?.k === "str") s += this.toks[this.i++]!.v as string;
        return { t: "list", v: [...s].map((c) => int(c.codePointAt(0)!)) };
      }
    }
    switch (t.s) {
      case "(": { const v = this.expr(); this.expect(")"); return v; }
      case "{": return { t: "tuple", v: this.seq("}") };
      case "[": {
        if (this.isPunct("]")) { this.i++; return { t: "list", v: [] }; }
        const items = [this.expr()];
        while (this.isPunct(",")) { this.i++; items.push(this.expr()); }
        let tail: Term | undefined;
        if (this.isPunct("|")) { this.i++; tail = this.expr(); }
        this.expect("]");
        return consList(items, tail);
      }
      case "#": {
        this.expect("{");
        const pairs: [Term, Term][] = [];
        while (!this.isPunct("}")) {
          if (pairs.length > 0) this.expect(",");
          const k = this.expr();
          this.expect("=>");
          pairs.push([k, this.expr()]);
        }
        this.i++;
        return { t: "map", v: dedupeKeys(pairs) };
      }
      case "<<": return this.binary();
    }
    throw new Error(`syntax error before: ${t.s}`);
  }

  seq(close: string): Term[] {
    const out: Term[] = [];
    while (!this.isPunct(close)) {
      if (out.length > 0) this.expect(",");
      out.push(this.expr());
    }
    this.i++;
    return out;
  }

  binary(): Term {
    const bits = new BitWriter();
    while (!this.isPunct(">>")) {
      if (bits.segments > 0) this.expect(",");
      bits.segments++;
      const strTok = this.peek()?.k === "str" ? (this.toks[this.i] as Tok) : undefined;
      const value = this.unary();
      let size: Term | undefined;
      if (this.isPunct(":")) { this.i++; size = this.primary(); }
      const types: string[] = [];
      let unit = 1;
      if (this.isPunct("/")) {
        do {
          this.i++;
          const name = this.toks[this.i++];
          if (name?.k !== "atom") throw new Error("bad type specifier");
          if (name.s === "unit") { this.expect(":"); unit = Number((this.primary() as { v: bigint }).v); } else types.push(name.s);
        } while (this.isPunct("-"));
      }
      const sz = size?.t === "int" ? Number(size.v) * unit : undefined;
      const items = strTok && value.t === "list" ? value.v : [value];
      for (const item of items) bits.segment(item, types, sz);
    }
    this.i++;
    return bits.term();
  }
}

function consList(items: Term[], tail?: Term): Term {
  if (!tail) return { t: "list", v: items };
  if (tail.t === "list") return { t: "list", v: [...items, ...tail.v], ...(tail.tail ? { tail: tail.tail } : {}) };
  return { t: "list", v: items, tail };
}

function dedupeKeys(pairs: [Term, Term][]): [Term, Term][] {
  const seen = new Map<string, number>();
  const out: [Term, Term][] = [];
  for (const p of pairs) {
    const key = JSON.stringify(p[0], (_k, v: unknown) => (typeof v === "bigint" ? `${v}n` : v));
    if (seen.has(key)) out[seen.get(key)!] = p;
    else seen.set(key, out.push(p) - 1);
  }
  return out;
}

const num = (t: Term): number | bigint => {
  if (t.t === "int" || t.t === "float") return t.v;
  throw new Error("badarith");
};

function binaryOp(op: string, a: Term, b: Term): Term {
  if (op === "++" || op === "--") {
    if (a.t !== "list" || a.tail) throw new Error("badarg");
    if (op === "++") return consList(a.v, b);
    if (b.t !== "list") throw new Error("badarg");
    const drop = [...b.v];
    const key = (x: Term): string => JSON.stringify(x, (_k, v: unknown) => (typeof v === "bigint" ? `${v}n` : v));
    return { t: "list", v: a.v.filter((x) => { const j = drop.findIndex((y) => key(y) === key(x)); if (j < 0) return true; drop.splice(j, 1); return false; }) };
  }
  const x = num(a);
  const y = num(b);
  if (typeof x === "bigint" && typeof y === "bigint" && op !== "/") {
    switch (op) {
      case "+": return int(x + y);
      case "-": return int(x - y);
      case "*": return int(x * y);
      case "div": if (y === 0n) throw new Error("badarith"); return int(x / y);
      case "rem": if (y === 0n) throw new Error("badarith"); return int(x % y);
      case "band": return int(x & y);
      case "bor": return int(x | y);
      case "bxor": return int(x ^ y);
      case "bsl": return int(x << y);
      case "bsr": return int(x >> y);
    }
  }
  if (!["+", "-", "*", "/"].includes(op)) throw new Error("badarith");
  const [fx, fy] = [Number(x), Number(y)];
  if (op === "/" && fy === 0) throw new Error("badarith");
  return { t: "float", v: op === "+" ? fx + fy : op === "-" ? fx - fy : op === "*" ? fx * fy : fx / fy };
}

/** Builds a bitstring segment by segment (<<1:3, "x"/utf8, B/binary>>). */
class BitWriter {
  segments = 0;
  private bits: number[] = [];

  private pushInt(v: bigint, size: number, little: boolean): void {
    const mod = size === 0 ? 0n : ((v % (1n << BigInt(size))) + (1n << BigInt(size))) % (1n << BigInt(size));
    const bits: number[] = [];
    for (let i = size - 1; i >= 0; i--) bits.push(Number((mod >> BigInt(i)) & 1n));
    if (little && size % 8 === 0) {
      const bytes: number[][] = [];
      for (let i = 0; i < bits.length; i += 8) bytes.push(bits.slice(i, i + 8));
      this.bits.push(...bytes.reverse().flat());
    } else this.bits.push(...bits);
  }

  segment(v: Term, types: string[], size: number | undefined): void {
    const little = types.includes("little");
    const utf = types.find((x) => x === "utf8" || x === "utf16" || x === "utf32");
    if (utf) {
      if (v.t !== "int") throw new Error("badarg");
      const s = String.fromCodePoint(Number(v.v));
      const bytes = utf === "utf8" ? Buffer.from(s, "utf8") : utf === "utf16" ? Buffer.from(s, "utf16le").swap16() : Buffer.from([0, 0, 0, 0].map((_, i) => (Number(v.v) >> (24 - 8 * i)) & 0xff));
      for (const b of little && utf !== "utf8" ? [...bytes].reverse() : bytes) this.pushInt(BigInt(b), 8, false);
      return;
    }
    if (types.some((x) => x === "binary" || x === "bytes" || x === "bitstring" || x === "bits") || v.t === "bin") {
      if (v.t !== "bin") throw new Error("badarg");
      const total = v.v.length * 8 - (v.bits !== undefined ? 8 - v.bits : 0);
      for (let i = 0; i < (size ?? total); i++) this.bits.push((v.v[i >> 3]! >> (7 - (i & 7))) & 1);
      return;
    }
    if (types.includes("float") || v.t === "float") {
      const sz = size ?? 64;
      const b = Buffer.alloc(sz / 8);
      if (sz === 64) b.writeDoubleBE(Number(num(v)));
      else if (sz === 32) b.writeFloatBE(Number(num(v)));
      else throw new Error("badarg");
      for (const x of little ? [...b].reverse() : b) this.pushInt(BigInt(x), 8, false);
      return;
    }
    if (v.t !== "int") throw new Error("badarg");
    this.pushInt(v.v, size ?? 8, little);
  }

  term(): Term {
    const bytes = Buffer.alloc(Math.ceil(this.bits.length / 8));
    this.bits.forEach((b, i) => { bytes[i >> 3]! |= b << (7 - (i & 7)); });
    const rem = this.bits.length % 8;
    return rem === 0 ? bin(bytes) : { t: "bin", v: bytes, bits: rem };
  }
}

/** The value of `text.` as erl_eval would compute it for the supported subset; throws otherwise. */
export function evaluate(text: string): Term {
  const p = new Parser(scan(`${text}`));
  let v = p.expr();
  while (p.isPunct(",")) { p.i++; v = p.expr(); }
  if (p.i !== p.toks.length) throw new Error(`syntax error before: ${p.peek()?.s ?? ""}`);
  return v;
}
