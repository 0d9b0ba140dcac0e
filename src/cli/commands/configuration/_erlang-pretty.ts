// Multi-line layout of a term as Erlang's ~p does it (io_lib_pretty: 80 columns, from column 1): a term that
// fits stays on one line; otherwise lists and tuples break between elements, short leaves share lines,
// tagged tuples ({tag, ...}) indent their elements by 4 or after the tag, maps put long values under "=>".
import type { Term } from "./_etf.js";
import { compareTerms, printTerm } from "./_erlang-print.js";

/** A term with its one-line length; `text` marks a leaf (an "atomic" element that may share a line). */
interface Node {
  len: number;
  text?: string;
  kind?: "list" | "tuple" | "map" | "bin";
  tagged?: boolean;
  items?: Node[];
  tail?: Node;
  pairs?: Pair[];
  /** A byte list's text (<<1,2,3>>): not a leaf, it may break between bytes. */
  raw?: string;
}
interface Pair { len: number; key: Node; val: Node }

const LL = 80;
const leaf = (text: string): Node => ({ len: [...text].length, text });
const seqLen = (open: number, items: Node[], tail?: Node): number =>
  open + items.reduce((n, e, i) => n + e.len + (i > 0 ? 1 : 0), 0) + (tail ? tail.len + 1 : 0);

function build(t: Term): Node {
  switch (t.t) {
    case "list": {
      const flat = printTerm(t);
      if (t.v.length === 0 || flat.startsWith('"')) return leaf(flat);
      const items = t.v.map(build);
      const tail = t.tail ? build(t.tail) : undefined;
      return { kind: "list", items, ...(tail ? { tail } : {}), len: seqLen(2, items, tail) };
    }
    case "tuple": {
      if (t.v.length === 0) return leaf("{}");
      const items = t.v.map(build);
      return { kind: "tuple", tagged: t.v[0]!.t === "atom" && t.v.length > 1, items, len: seqLen(2, items) };
    }
    case "map": {
      if (t.v.length === 0) return leaf("#{}");
      const pairs = [...t.v].sort((a, b) => compareTerms(a[0], b[0])).map(([k, v]): Pair => {
        const key = build(k);
        const val = build(v);
        return { key, val, len: key.len + 4 + val.len };
      });
      return { kind: "map", pairs, len: 3 + pairs.reduce((n, p, i) => n + p.len + (i > 0 ? 1 : 0), 0) };
    }
    case "bin": {
      const text = printTerm(t);
      // printable binaries are leaves; byte lists may break between bytes
      return text.startsWith('<<"') || text === "<<>>" ? leaf(text) : { kind: "bin", raw: text, len: text.length };
    }
    default: return leaf(printTerm(t));
  }
}

const atomic = (n: Node): boolean => n.text !== undefined;
const pairAtomic = (p: Pair): boolean => atomic(p.key) && atomic(p.val);
const sp = (n: number): string => " ".repeat(n);
/** Closing brackets that follow an element: none when more elements come (an improper tail counts as none). */
const lastDepth = (rest: Node[] | Pair[], _tail: Node | undefined, ld: number): number => (rest.length > 0 ? 0 : ld + 1);

function write(n: Node): string {
  if (n.text !== undefined) return n.text;
  if (n.kind === "bin") return n.raw!;
  if (n.kind === "map") return `#{${n.pairs!.map(writePair).join(",")}}`;
  const body = n.items!.map(write).join(",") + (n.tail ? `|${write(n.tail)}` : "");
  return n.kind === "list" ? `[${body}]` : `{${body}}`;
}
const writePair = (p: Pair): string => `${write(p.key)} => ${write(p.val)}`;

/** Whether an element at this column joins the current line (shared by layout and indentation checks). */
function fitsInline(len: number, col: number, m: number, ld1: number, w: number): boolean {
  const elen = 1 + len;
  return ld1 === 0 ? elen + 1 < LL - col && w + elen + 1 <= m : elen < LL - col - ld1 && w + elen + ld1 <= m;
}
const fitsWhole = (len: number, col: number, m: number, ld: number, w: number): boolean => len < LL - col - ld && len + w + ld <= m;

class NoGood extends Error {}

/** Throws NoGood when the tag indentation `ind` would push text past the line (io_lib_pretty's cind). */
function check(n: Node, col: number, m: number, ind: number, ld: number, w: number): void {
  if (fitsWhole(n.len, col, m, ld, w) || n.kind === undefined || n.kind === "bin") return;
  if (n.kind === "map") return checkMap(n.pairs!, col + 2, m, ind, ld, w + 2);
  if (n.kind === "tuple" && n.tagged) {
    const tag = n.items![0]!;
    const tagInd = tag.len + 2;
    const tcol = col + tagInd;
    if (ind > 0 && tagInd > ind) {
      const col1 = col + ind;
      if (!(m + col1 <= LL || col1 <= LL / 2)) throw new NoGood();
      return checkTail(n.items!.slice(1), undefined, col1, tcol, m, ind, ld, w + 1 + tag.len);
    }
    if (!(m + tcol < LL || tcol < Math.floor(LL / 2))) throw new NoGood();
    return checkList(n.items!.slice(1), undefined, tcol, m, ind, ld, w + 1 + tag.len + 1);
  }
  checkList(n.items!, n.tail, col + 1, m, ind, ld, w + 1);
}

function checkPair(p: Pair, col: number, m: number, ind: number, ld: number, w: number): number {
  if (fitsWhole(p.len, col, m, ld, w)) return pairAtomic(p) ? p.len : LL;
  check(p.key, col, m, ind, ld, w);
  check(p.val, col + (ind > 0 ? ind : 4), m, ind, ld, 0);
  return LL;
}

function checkMap(pairs: Pair[], col0: number, m: number, ind: number, ld: number, w: number): void {
  const pw = checkPair(pairs[0]!, col0, m, ind, lastDepth(pairs.slice(1), undefined, ld), w);
  let col = col0 + pw;
  w += pw;
  for (let i = 1; i < pairs.length; i++) {
    const p = pairs[i]!;
    const ld1 = lastDepth(pairs.slice(i + 1), undefined, ld);
    if (fitsInline(p.len, col, m, ld1, w) && pairAtomic(p)) {
      col += 1 + p.len;
      w += 1 + p.len;
    } else {
      const pw2 = checkPair(p, col0, m, ind, ld1, 0);
      col = col0 + pw2;
      w = pw2;
    }
  }
}

function checkElement(e: Node, col: number, m: number, ind: number, ld: number, w: number): number {
  if (fitsWhole(e.len, col, m, ld, w) && atomic(e)) return e.len;
  check(e, col, m, ind, ld, w);
  return LL;
}

function checkList(items: Node[], tail: Node | undefined, col0: number, m: number, ind: number, ld: number, w: number): void {
  if (items.length === 0) return;
  const we = checkElement(items[0]!, col0, m, ind, lastDepth(items.slice(1), tail, ld), w);
  checkTail(items.slice(1), tail, col0, col0 + we, m, ind, ld, w + we);
}

function checkTail(items: Node[], tail: Node | undefined, col0: number, col: number, m: number, ind: number, ld: number, w: number): void {
  for (let i = 0; i < items.length; i++) {
    const e = items[i]!;
    const ld1 = lastDepth(items.slice(i + 1), tail, ld);
    if (fitsInline(e.len, col, m, ld1, w) && atomic(e)) {
      col += 1 + e.len;
      w += 1 + e.len;
    } else {
      const we = checkElement(e, col0, m, ind, ld1, 0);
      col = col0 + we;
      w = we;
    }
  }
  if (tail && !(tail.len + 1 < LL - col - (ld + 1) && tail.len + 1 + w + (ld + 1) <= m && atomic(tail))) check(tail, col, m, ind, ld + 1, 0);
}

/** Lays a node out starting at `col`, continuation lines indented by `ind`. */
function pp(n: Node, col: number, m: number, tind: number, ind: string, ld: number, w: number): string {
  if (fitsWhole(n.len, col, m, ld, w) || n.text !== undefined) return write(n);
  switch (n.kind) {
    case "list": return `[${ppList(n.items!, n.tail, col + 1, m, tind, `${ind} `, ld, "|", w + 1)}]`;
    case "tuple": {
      if (!n.tagged) return `{${ppList(n.items!, undefined, col + 1, m, tind, `${ind} `, ld, ",", w + 1)}}`;
      const tag = n.items![0]!;
      const tagInd = tag.len + 2;
      const tcol = col + tagInd;
      if (tind > 0 && tagInd > tind) return `{${tag.text}${ppTail(n.items!.slice(1), undefined, col + tind, tcol, m, tind, ind + sp(tind), ld, ",", w + 1 + tag.len)}}`;
      return `{${tag.text},${ppList(n.items!.slice(1), undefined, tcol, m, tind, ind + sp(tagInd), ld, ",", w + 1 + tag.len + 1)}}`;
    }
    case "map": return `#{${ppMap(n.pairs!, col + 2, m, tind, `${ind}  `, ld, w + 1)}}`;
    case "bin": return ppBinary(n.raw!, col + 2, m, `${ind}  `, ld, w);
  }
  return write(n);
}

function ppElement(e: Node, col: number, m: number, tind: number, ind: string, ld: number, w: number): [string, number] {
  if (fitsWhole(e.len, col, m, ld, w) && atomic(e)) return [write(e), e.len];
  return [pp(e, col, m, tind, ind, ld, w), LL];
}

function ppList(items: Node[], tail: Node | undefined, col0: number, m: number, tind: number, ind: string, ld: number, sep: string, w: number): string {
  const [first, we] = ppElement(items[0]!, col0, m, tind, ind, lastDepth(items.slice(1), tail, ld), w);
  return first + ppTail(items.slice(1), tail, col0, col0 + we, m, tind, ind, ld, sep, w + we);
}

function ppTail(items: Node[], tail: Node | undefined, col0: number, col: number, m: number, tind: number, ind: string, ld: number, sep: string, w: number): string {
  let out = "";
  for (let i = 0; i < items.length; i++) {
    const e = items[i]!;
    const ld1 = lastDepth(items.slice(i + 1), tail, ld);
    if (fitsInline(e.len, col, m, ld1, w) && atomic(e)) {
      out += `,${write(e)}`;
      col += 1 + e.len;
      w += 1 + e.len;
    } else {
      const [text, we] = ppElement(e, col0, m, tind, ind, ld1, 0);
      out += `,\n${ind}${text}`;
      col = col0 + we;
      w = we;
    }
  }
  if (!tail) return out;
  if (tail.len + 1 < LL - col - (ld + 1) && tail.len + 1 + w + (ld + 1) <= m && atomic(tail)) return `${out}${sep}${write(tail)}`;
  return `${out}${sep}\n${ind}${pp(tail, col0, m, tind, ind, ld + 1, 0)}`;
}

function ppPair(p: Pair, col: number, m: number, tind: number, ind: string, ld: number, w: number): [string, number] {
  if (fitsWhole(p.len, col, m, ld, w)) return [writePair(p), pairAtomic(p) ? p.len : LL];
  const i = tind > 0 ? tind : 4;
  return [`${pp(p.key, col, m, tind, ind, ld, w)} =>\n${ind}${sp(i)}${pp(p.val, col + i, m, tind, ind + sp(i), ld, 0)}`, LL];
}

function ppMap(pairs: Pair[], col: number, m: number, tind: number, ind: string, ld: number, w: number): string {
  let [out, pw] = ppPair(pairs[0]!, col, m, tind, ind, lastDepth(pairs.slice(1), undefined, ld), w);
  let c = col + pw;
  let w2 = pw;
  for (let i = 1; i < pairs.length; i++) {
    const p = pairs[i]!;
    const ld1 = lastDepth(pairs.slice(i + 1), undefined, ld);
    if (fitsInline(p.len, c, m, ld1, w2) && pairAtomic(p)) {
      out += `,${writePair(p)}`;
      c += 1 + p.len;
      w2 += 1 + p.len;
    } else {
      const [text, pw2] = ppPair(p, col, m, tind, ind, ld1, 0);
      out += `,\n${ind}${text}`;
      c = col + pw2;
      w2 = pw2;
    }
  }
  return out;
}

/** A byte list (<<1,2,...>>) breaks between bytes to stay within the line. */
function ppBinary(text: string, col: number, m: number, ind: string, ld: number, w: number): string {
  const n0 = Math.max(8, Math.min(LL - col, m - 4 - w) - ld);
  const parts = text.slice(2, -2).split(",");
  let n = n0;
  let out = "";
  parts.forEach((bs, i) => {
    if (i < parts.length - 1) {
      const len = bs.length + 1;
      if (n - len < 0) (out += `\n${ind}${bs},`), (n = n0 - len);
      else (out += `${bs},`), (n -= len);
    } else {
      out += bs.length > n ? `\n${ind}${bs}` : bs;
    }
  });
  return `<<${out}>>`;
}

/** ~p of a term, as rabbitmqctl's erlang formatter prints it. */
export function prettyTerm(t: Term): string {
  const n = build(t);
  if (n.text !== undefined || n.len < LL - 1) return write(n);
  const m = n.len;
  let tind = 1;
  for (const candidate of [-1, 4]) {
    try {
      check(n, 1, m, candidate, 0, 0);
      tind = candidate;
      break;
    } catch (e) {
      if (!(e instanceof NoGood)) throw e;
    }
  }
  return pp(n, 1, m, tind, "", 0, 0);
}
