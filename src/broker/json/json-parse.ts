// JSON text decoded as RabbitMQ's decoder decodes it: integers exact, numbers with a fraction or exponent as
// ErlangFloat, a float too large for a double refused. It accepts exactly what JSON.parse accepts otherwise, and
// works without recursion, so nesting as deep as the body allows cannot overflow the stack.
import { defineKey, ErlangFloat, type JsonValue } from "./json-value.js";

const NUMBER = /-?(?:0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;
/** A string's body up to its closing quote, with valid escapes and no raw control characters. */
const ESCAPED_STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;
/** Integers this long or shorter are exact as doubles; longer ones are checked against 2^53. */
const SAFE_DIGITS = 15;

/** A container being filled: an array, or an object with the key whose value comes next. */
type Open = { readonly items: JsonValue[] } | { readonly object: Record<string, JsonValue>; key: string };

/** Decodes one JSON text; throws SyntaxError when it is not JSON (or holds a float beyond the double range). */
export function parseJsonText(text: string): JsonValue {
  let i = 0;
  const fail = (): never => {
    throw new SyntaxError(`not JSON at position ${i}`);
  };
  const skipSpace = (): void => {
    for (;;) {
      const c = text.charCodeAt(i);
      if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) return;
      i++;
    }
  };
  const string = (): string => {
    if (text.charCodeAt(i) !== 0x22) fail();
    let j = i + 1;
    for (;;) {
      const c = text.charCodeAt(j);
      if (c === 0x22) {
        const s = text.slice(i + 1, j);
        i = j + 1;
        return s;
      }
      if (c === 0x5c || c < 0x20 || Number.isNaN(c)) break;
      j++;
    }
    // escapes (or an error): the slow path, with JSON.parse decoding the checked string
    ESCAPED_STRING.lastIndex = i;
    if (ESCAPED_STRING.exec(text) === null) fail();
    const raw = text.slice(i, ESCAPED_STRING.lastIndex);
    i = ESCAPED_STRING.lastIndex;
    return JSON.parse(raw) as string;
  };
  const number = (): JsonValue => {
    NUMBER.lastIndex = i;
    const m = NUMBER.exec(text) ?? fail();
    const token = m[0];
    if (m[1] !== undefined || m[2] !== undefined) {
      const f = Number(token);
      // RabbitMQ's decoder cannot make a float of 1e400: the body is not JSON to it
      if (!Number.isFinite(f)) fail();
      i = NUMBER.lastIndex;
      return new ErlangFloat(f);
    }
    i = NUMBER.lastIndex;
    // + 0 turns -0 into the integer 0
    if (token.length <= SAFE_DIGITS) return Number(token) + 0;
    const big = BigInt(token);
    return big >= BigInt(Number.MIN_SAFE_INTEGER) && big <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(big) : big;
  };
  const literal = (word: string, value: JsonValue): JsonValue => {
    if (!text.startsWith(word, i)) fail();
    i += word.length;
    return value;
  };
  const key = (): string => {
    skipSpace();
    const k = string();
    skipSpace();
    if (text.charCodeAt(i) !== 0x3a) fail();
    i++;
    return k;
  };

  const open: Open[] = [];
  for (;;) {
    skipSpace();
    let value: JsonValue;
    const c = text.charCodeAt(i);
    if (c === 0x7b) {
      i++;
      skipSpace();
      if (text.charCodeAt(i) !== 0x7d) {
        open.push({ object: {}, key: key() });
        continue;
      }
      i++;
      value = {};
    } else if (c === 0x5b) {
      i++;
      skipSpace();
      if (text.charCodeAt(i) !== 0x5d) {
        open.push({ items: [] });
        continue;
      }
      i++;
      value = [];
    } else if (c === 0x22) value = string();
    else if (c === 0x2d || (c >= 0x30 && c <= 0x39)) value = number();
    else if (c === 0x74) value = literal("true", true);
    else if (c === 0x66) value = literal("false", false);
    else if (c === 0x6e) value = literal("null", null);
    else return fail();
    // hand the finished value to the containers it closes, until one wants another value
    for (;;) {
      skipSpace();
      const top = open[open.length - 1];
      if (top === undefined) {
        if (i !== text.length) fail();
        return value;
      }
      const sep = text.charCodeAt(i++);
      if ("items" in top) {
        top.items.push(value);
        if (sep === 0x2c) break;
        if (sep !== 0x5d) fail();
        value = top.items;
      } else {
        defineKey(top.object, top.key, value);
        if (sep === 0x2c) {
          top.key = key();
          break;
        }
        if (sep !== 0x7d) fail();
        value = top.object;
      }
      open.pop();
    }
  }
}
