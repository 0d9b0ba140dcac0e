// JSON kept as the node wrote it: rabbitmqctl prints values as encoded (1.0, 1.0e3, 2^64), which JSON.parse loses.
import { erlangFloat } from "../../format/values.js";

export type RawJson =
  | { t: "obj"; raw: string; entries: [string, RawJson][] }
  | { t: "arr"; raw: string; items: RawJson[] }
  | { t: "str"; raw: string; value: string }
  | { t: "num"; raw: string }
  | { t: "lit"; raw: "true" | "false" | "null" };

const WS = /[ \t\n\r]*/y;
const NUM = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const STR = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;
const LIT = /true|false|null/y;

/** Parses JSON text into a tree that remembers each value's source text; throws SyntaxError when invalid. */
export function scanJson(text: string): RawJson {
  let pos = 0;
  const skip = (): void => {
    WS.lastIndex = pos;
    WS.exec(text);
    pos = WS.lastIndex;
  };
  const match = (re: RegExp): string | undefined => {
    re.lastIndex = pos;
    const m = re.exec(text);
    if (!m) return undefined;
    pos = re.lastIndex;
    return m[0];
  };
  const fail = (): never => {
    throw new SyntaxError(`invalid JSON at ${pos}`);
  };
  const value = (): RawJson => {
    skip();
    const start = pos;
    const c = text[pos];
    if (c === "{") {
      pos++;
      const entries: [string, RawJson][] = [];
      skip();
      if (text[pos] === "}") pos++;
      else for (;;) {
        skip();
        const key = match(STR) ?? fail();
        skip();
        if (text[pos++] !== ":") fail();
        entries.push([JSON.parse(key) as string, value()]);
        skip();
        const sep = text[pos++];
        if (sep === "}") break;
        if (sep !== ",") fail();
      }
      return { t: "obj", raw: text.slice(start, pos), entries };
    }
    if (c === "[") {
      pos++;
      const items: RawJson[] = [];
      skip();
      if (text[pos] === "]") pos++;
      else for (;;) {
        items.push(value());
        skip();
        const sep = text[pos++];
        if (sep === "]") break;
        if (sep !== ",") fail();
      }
      return { t: "arr", raw: text.slice(start, pos), items };
    }
    if (c === '"') {
      const raw = match(STR) ?? fail();
      return { t: "str", raw, value: JSON.parse(raw) as string };
    }
    const num = match(NUM);
    if (num !== undefined) return { t: "num", raw: num };
    const lit = match(LIT);
    if (lit !== undefined) return { t: "lit", raw: lit as "true" | "false" | "null" };
    return fail();
  };
  const out = value();
  skip();
  if (pos !== text.length) fail();
  return out;
}

/** One member of an object node. */
export const member = (node: RawJson | undefined, key: string): RawJson | undefined =>
  node?.t === "obj" ? node.entries.find(([k]) => k === key)?.[1] : undefined;

/** The elements of a top-level list answer (parameters, policies, limits). */
export const itemsOf = (text: string | undefined): RawJson[] => {
  const root = scanJson(text ?? "[]");
  return root.t === "arr" ? root.items : [];
};

/** A string member's value, "" when absent. */
export const strOf = (node: RawJson | undefined, key: string): string => {
  const m = member(node, key);
  return m?.t === "str" ? m.value : "";
};

/** Elixir's inspect of a string: quoted, with its escapes (printable UTF-8 stays raw). */
export function exString(s: string): string {
  const esc = s.replace(/[\\"\n\t\r\f\b\v\u001b\u0007\u0000]|#\{/g, (c) => {
    switch (c) {
      case "\\": return "\\\\";
      case '"': return '\\"';
      case "\n": return "\\n";
      case "\t": return "\\t";
      case "\r": return "\\r";
      case "\f": return "\\f";
      case "\b": return "\\b";
      case "\v": return "\\v";
      case "\u001b": return "\\e";
      case "\u0007": return "\\a";
      case "\u0000": return "\\0";
      default: return "\\#{";
    }
  });
  return `"${esc}"`;
}

/** A JSON number as the node decodes it and Elixir prints it: integers exact, floats the Erlang way. */
const exNumber = (raw: string): string => (/[.eE]/.test(raw) ? erlangFloat(Number(raw)) : raw);

/** Byte order of UTF-8 keys, as Erlang sorts the binary keys of a small map. */
const byBytes = (a: string, b: string): number => Buffer.compare(Buffer.from(a), Buffer.from(b));

/** Elixir's inspect of a decoded JSON value: maps as %{"k" => v}, null as :null. */
export function exTerm(node: RawJson): string {
  switch (node.t) {
    case "obj": {
      if (node.entries.length === 0) return "%{}";
      const sorted = [...node.entries].sort(([a], [b]) => byBytes(a, b));
      return `%{${sorted.map(([k, v]) => `${exString(k)} => ${exTerm(v)}`).join(", ")}}`;
    }
    case "arr": return `[${node.items.map(exTerm).join(", ")}]`;
    case "str": return exString(node.value);
    case "num": return exNumber(node.raw);
    case "lit": return node.raw === "null" ? ":null" : node.raw;
  }
}

/** An object as the node hands it on after decoding: a key-sorted proplist [{"k", v}]. */
export function exProplist(node: RawJson): string {
  if (node.t !== "obj") return exTerm(node);
  const sorted = [...node.entries].sort(([a], [b]) => byBytes(a, b));
  return `[${sorted.map(([k, v]) => `{${exString(k)}, ${exProplist(v)}}`).join(", ")}]`;
}
