// JSON values as RabbitMQ's management API holds them: its decoder keeps an integer exact (an Erlang bignum) and
// makes a float of any number written with a fraction or an exponent, so 1.0 and 1 are different values.

/** A JSON number written with a fraction or an exponent (1.0, 1e3): an Erlang float, never mistaken for an integer. */
export class ErlangFloat {
  constructor(readonly value: number) {}

  /** Arithmetic and comparisons (Number(x), a < b) see the number. */
  valueOf(): number {
    return this.value;
  }

  /** Where JSON.stringify still writes a value, it writes the number. */
  toJSON(): number {
    return this.value;
  }
}

/** A decoded JSON value: integers are numbers, or bigints beyond 2^53; floats are ErlangFloat. */
export type JsonValue = null | boolean | string | number | bigint | ErlangFloat | readonly JsonValue[] | { readonly [key: string]: JsonValue };

/** Any JSON number: an integer (a safe JS integer or a bigint) or a float (ErlangFloat, or any other JS number). */
export const isJsonNumber = (v: unknown): v is number | bigint | ErlangFloat => typeof v === "number" || typeof v === "bigint" || v instanceof ErlangFloat;

/** An integer as RabbitMQ's decoder sees one: 5 or 2^64, not 5.0 (nor a JS number past 2^53, which is a float). */
export const isJsonInteger = (v: unknown): v is number | bigint => typeof v === "bigint" || Number.isSafeInteger(v);

/** A JSON number as a JS number for arithmetic (bigints rounded to the nearest double); undefined for anything else. */
export function numberOf(v: unknown): number | undefined {
  if (typeof v === "number") return v;
  if (typeof v === "bigint") return Number(v);
  return v instanceof ErlangFloat ? v.value : undefined;
}

/** The value with every number made a plain JS number, for code that has only JS's notion of numbers (warren's own endpoints). */
export function plainJson(v: unknown): unknown {
  const n = typeof v === "bigint" || v instanceof ErlangFloat ? numberOf(v) : undefined;
  if (n !== undefined) return n;
  if (Array.isArray(v)) return v.map(plainJson);
  if (v === null || typeof v !== "object") return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) defineKey(out, k, plainJson(x));
  return out;
}

/** zod parse options that name a float's type "number" in messages (zod would name the wrapper's class). */
export const FLOATS_AS_NUMBERS = {
  error: (issue: { readonly code?: string; readonly input?: unknown; readonly expected?: string }): string | undefined =>
    issue.code === "invalid_type" && issue.input instanceof ErlangFloat ? `Invalid input: expected ${issue.expected}, received number` : undefined,
};

/** Sets an own enumerable property, "__proto__" included (plain assignment would set the prototype instead). */
export function defineKey(o: Record<string, unknown>, k: string, v: unknown): void {
  if (k === "__proto__") Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
  else o[k] = v;
}
