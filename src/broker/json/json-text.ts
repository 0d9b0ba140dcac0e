// JSON text as RabbitMQ's encoder writes numbers: integers exact (bigints included), floats in Erlang's shortest
// form (1.0, 1.0e3, 1.5e-7). Everything else is written as JSON.stringify writes it (toJSON honoured, undefined
// members left out, undefined in arrays as null).
import { randomBytes } from "node:crypto";
import { ErlangFloat, type JsonValue } from "./json-value.js";

/**
 * Erlang's shortest text of a float (io_lib_format:fwrite_g, which float_to_list(F, [short]) shares): the fewest
 * digits that read back as the same double, positional or in e-notation whichever is shorter (positional on a tie),
 * and always e-notation from 2^53 up, where integers stop being exact.
 */
export function erlangFloatText(n: number): string {
  if (!Number.isFinite(n)) throw new RangeError(`Erlang has no float ${n}`);
  if (n === 0) return Object.is(n, -0) ? "-0.0" : "0.0";
  const sign = n < 0 ? "-" : "";
  const [mantissa, exponent] = Math.abs(n).toExponential().split("e") as [string, string];
  const digits = mantissa.replace(".", "");
  const exp = Number(exponent);
  // how many of the digits stand before the decimal point
  const place = exp + 1;
  if (place > 0 && place < digits.length) return `${sign}${digits.slice(0, place)}.${digits.slice(place)}`;
  const scientific = `${digits[0]}.${digits.length === 1 ? "0" : digits.slice(1)}e${exp}`;
  if (place <= 0) {
    const positional = `0.${"0".repeat(-place)}${digits}`;
    return sign + (positional.length <= scientific.length ? positional : scientific);
  }
  const positional = `${digits}${"0".repeat(place - digits.length)}.0`;
  return sign + (positional.length <= scientific.length && Math.abs(n) < 2 ** 53 ? positional : scientific);
}

/** Numbers JSON.stringify would write differently from RabbitMQ: the text to write instead, else undefined. */
function numberText(original: unknown, v: unknown): string | undefined {
  if (original instanceof ErlangFloat) return Number.isFinite(original.value) ? erlangFloatText(original.value) : "null";
  if (typeof v === "bigint") return v.toString();
  if (typeof v !== "number" || Number.isSafeInteger(v) || !Number.isFinite(v)) return undefined;
  // a JS number with a fraction, or past 2^53 (exact integers that large are bigints), is a float to RabbitMQ
  return erlangFloatText(v);
}

// JSON.stringify does the work (it is several times faster than any serializer written in JS): the numbers it would
// get wrong go through it as strings carrying a marker that no client can produce, since it holds a secret drawn
// here, and the marked strings are then replaced by the bare number text.
const SECRET = randomBytes(12).toString("base64url");
const MARK = `\u0000${SECRET}`;
const MARKED = new RegExp(`"\\\\u0000${SECRET}([^"]*)"`, "g");

/** The JSON text of a value, as JSON.stringify writes it but for numbers; undefined where JSON.stringify gives undefined. */
export function jsonText(v: JsonValue): string;
export function jsonText(v: unknown): string | undefined;
export function jsonText(v: unknown): string | undefined {
  let marked = false;
  const text = JSON.stringify(v, function (this: Record<string, unknown>, key: string, x: unknown): unknown {
    // the holder still has the value before toJSON: an ErlangFloat, not yet the plain number it turns into
    const raw = numberText(this[key], x);
    if (raw === undefined) return x;
    marked = true;
    return MARK + raw;
  }) as string | undefined;
  return marked && text !== undefined ? text.replace(MARKED, "$1") : text;
}
