// Number and memory-unit parsing as rabbitmqctl's setters validate their arguments (Elixir's Integer.parse
// and Float.parse read a leading number and hand back the rest; the rest must be a known unit or nothing).
import { UsageError } from "../../errors.js";
import { ExitCode } from "../../exit-codes.js";

/** Elixir Integer.parse: [value, rest] or undefined when the text does not start with an integer. */
export function parseIntegerPrefix(s: string): [number, string] | undefined {
  const m = /^[+-]?\d+/.exec(s);
  return m ? [Number(m[0]), s.slice(m[0].length)] : undefined;
}

/** Elixir Float.parse: [value, rest] or undefined. */
export function parseFloatPrefix(s: string): [number, string] | undefined {
  const m = /^[+-]?\d+(\.\d+)?([eE][+-]?\d+)?/.exec(s);
  return m ? [Number(m[0]), s.slice(m[0].length)] : undefined;
}

/** rabbitmqctl's memory units: k/kiB/M/MiB/G/GiB are powers of 1024, kB/MB/GB of 1000. */
const UNITS: Record<string, number> = { "": 1, k: 2 ** 10, kiB: 2 ** 10, M: 2 ** 20, MiB: 2 ** 20, G: 2 ** 30, GiB: 2 ** 30, kB: 1e3, MB: 1e6, GB: 1e9 };

export const isMemoryUnit = (u: string): boolean => Object.hasOwn(UNITS, u);

/** Bytes for a number with a unit, or undefined for a negative number or an unknown unit. */
export function bytesOf(n: number, unit: string): number | undefined {
  if (n < 0 || !isMemoryUnit(unit)) return undefined;
  return Math.round(n * UNITS[unit]!);
}

/** rabbitmqctl's `{:bad_argument, text}` validation failure (exit 65); without text it prints "Bad argument.". */
export const badArgument = (text?: string): UsageError =>
  new UsageError(text === undefined ? "Bad argument." : `Bad argument: ${text}`, ExitCode.dataErr);
