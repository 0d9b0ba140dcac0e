// Erlang terms as encode/decode handle them, and Erlang's external term format (term_to_binary /
// binary_to_term) for the subset a configuration value can hold.
import type zlib from "node:zlib";
import { lazyBuiltin } from "../../lazy-builtin.js";

const zlibModule = lazyBuiltin<typeof zlib>("node:zlib");

export type Term =
  | { t: "int"; v: bigint }
  | { t: "float"; v: number }
  | { t: "atom"; v: string }
  | { t: "bin"; v: Buffer; bits?: number }
  | { t: "list"; v: Term[]; tail?: Term }
  | { t: "tuple"; v: Term[] }
  | { t: "map"; v: [Term, Term][] };

export const int = (v: bigint | number): Term => ({ t: "int", v: BigInt(v) });
export const atom = (v: string): Term => ({ t: "atom", v });
export const bin = (v: Buffer): Term => ({ t: "bin", v });
export const tuple = (...v: Term[]): Term => ({ t: "tuple", v });
/** An Erlang string is a list of character codes. */
export const charlist = (s: string): Term => ({ t: "list", v: [...s].map((c) => int(c.codePointAt(0)!)) });

const isLatin1 = (s: string): boolean => [...s].every((c) => c.codePointAt(0)! < 256);

function bigBytes(v: bigint): Buffer {
  const out: number[] = [];
  for (let x = v < 0n ? -v : v; x > 0n; x >>= 8n) out.push(Number(x & 0xffn));
  return Buffer.from(out);
}

function encodeTerm(t: Term, out: Buffer[]): void {
  const head = (...b: number[]): void => void out.push(Buffer.from(b));
  const u16 = (n: number): Buffer => { const b = Buffer.alloc(2); b.writeUInt16BE(n); return b; };
  const u32 = (n: number): Buffer => { const b = Buffer.alloc(4); b.writeUInt32BE(n); return b; };
  switch (t.t) {
    case "int":
      if (t.v >= 0n && t.v < 256n) return head(97, Number(t.v));
      if (t.v >= -(2n ** 31n) && t.v < 2n ** 31n) { const b = Buffer.alloc(5); b[0] = 98; b.writeInt32BE(Number(t.v), 1); return void out.push(b); }
      {
        const mag = bigBytes(t.v);
        out.push(mag.length < 256 ? Buffer.from([110, mag.length]) : Buffer.concat([Buffer.from([111]), u32(mag.length)]));
        return void out.push(Buffer.from([t.v < 0n ? 1 : 0]), mag);
      }
    case "float": { const b = Buffer.alloc(9); b[0] = 70; b.writeDoubleBE(t.v, 1); return void out.push(b); }
    case "atom": {
      const latin = isLatin1(t.v);
      const bytes = Buffer.from(t.v, latin ? "latin1" : "utf8");
      return void out.push(Buffer.from([latin ? 100 : 118]), u16(bytes.length), bytes);
    }
    case "bin":
      if (t.bits !== undefined) return void out.push(Buffer.from([77]), u32(t.v.length), Buffer.from([t.bits]), t.v);
      return void out.push(Buffer.from([109]), u32(t.v.length), t.v);
    case "tuple":
      out.push(t.v.length < 256 ? Buffer.from([104, t.v.length]) : Buffer.concat([Buffer.from([105]), u32(t.v.length)]));
      for (const e of t.v) encodeTerm(e, out);
      return;
    case "map":
      out.push(Buffer.from([116]), u32(t.v.length));
      for (const [k, v] of t.v) encodeTerm(k, out), encodeTerm(v, out);
      return;
    case "list": {
      if (t.v.length === 0 && !t.tail) return head(106);
      const bytes = t.v.every((e) => e.t === "int" && e.v >= 0n && e.v < 256n);
      if (bytes && !t.tail && t.v.length < 65536) return void out.push(Buffer.from([107]), u16(t.v.length), Buffer.from(t.v.map((e) => Number((e as { v: bigint }).v))));
      out.push(Buffer.from([108]), u32(t.v.length));
      for (const e of t.v) encodeTerm(e, out);
      return t.tail ? encodeTerm(t.tail, out) : head(106);
    }
  }
}

/** term_to_binary/1. */
export function termToBinary(t: Term): Buffer {
  const out: Buffer[] = [Buffer.from([131])];
  encodeTerm(t, out);
  return Buffer.concat(out);
}

class Reader {
  pos = 0;
  constructor(readonly b: Buffer) {}
  need(n: number): void {
    if (this.pos + n > this.b.length) throw new Error("truncated term");
  }
  u8(): number { this.need(1); return this.b[this.pos++]!; }
  u16(): number { this.need(2); const v = this.b.readUInt16BE(this.pos); this.pos += 2; return v; }
  u32(): number { this.need(4); const v = this.b.readUInt32BE(this.pos); this.pos += 4; return v; }
  bytes(n: number): Buffer { this.need(n); const v = this.b.subarray(this.pos, this.pos + n); this.pos += n; return v; }
}

function decodeTerm(r: Reader): Term {
  const tag = r.u8();
  switch (tag) {
    case 97: return int(r.u8());
    case 98: return int(r.bytes(4).readInt32BE());
    case 110: case 111: {
      const n = tag === 110 ? r.u8() : r.u32();
      const sign = r.u8();
      const mag = r.bytes(n);
      let v = 0n;
      for (let i = mag.length - 1; i >= 0; i--) v = (v << 8n) | BigInt(mag[i]!);
      return int(sign ? -v : v);
    }
    case 70: return { t: "float", v: r.bytes(8).readDoubleBE() };
    case 99: return { t: "float", v: Number.parseFloat(r.bytes(31).toString("latin1").replace(/\0.*$/, "")) };
    case 100: return atom(r.bytes(r.u16()).toString("latin1"));
    case 115: return atom(r.bytes(r.u8()).toString("latin1"));
    case 118: return atom(r.bytes(r.u16()).toString("utf8"));
    case 119: return atom(r.bytes(r.u8()).toString("utf8"));
    case 104: case 105: {
      const n = tag === 104 ? r.u8() : r.u32();
      return { t: "tuple", v: Array.from({ length: n }, () => decodeTerm(r)) };
    }
    case 106: return { t: "list", v: [] };
    case 107: return { t: "list", v: [...r.bytes(r.u16())].map((b) => int(b)) };
    case 108: {
      const n = r.u32();
      const v = Array.from({ length: n }, () => decodeTerm(r));
      const tail = decodeTerm(r);
      if (tail.t === "list" && tail.v.length === 0 && !tail.tail) return { t: "list", v };
      if (tail.t === "list") return { t: "list", v: [...v, ...tail.v], ...(tail.tail ? { tail: tail.tail } : {}) };
      return { t: "list", v, tail };
    }
    case 109: return bin(Buffer.from(r.bytes(r.u32())));
    case 77: { const n = r.u32(); const bits = r.u8(); return { t: "bin", v: Buffer.from(r.bytes(n)), bits }; }
    case 116: {
      const n = r.u32();
      return { t: "map", v: Array.from({ length: n }, (): [Term, Term] => [decodeTerm(r), decodeTerm(r)]) };
    }
    default: throw new Error(`unsupported term tag ${tag}`);
  }
}

/** binary_to_term/1 (pids, references and funs are not supported). */
export function binaryToTerm(b: Buffer): Term {
  let r = new Reader(b);
  if (r.u8() !== 131) throw new Error("not an external term");
  if (b[1] === 80) {
    r.u8();
    const size = r.u32();
    const inflated = zlibModule().inflateSync(b.subarray(r.pos));
    if (inflated.length !== size) throw new Error("bad compressed term");
    r = new Reader(inflated);
  }
  const t = decodeTerm(r);
  if (r.pos !== r.b.length) throw new Error("trailing bytes");
  return t;
}
