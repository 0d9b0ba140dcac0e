import { ErlangFloat, type JsonValue } from "../json/json-value.js";
import { compareBinaries } from "./erlang-term.js";

/** A decoded JSON value as parameters store it (floats and exact integers as given); object key order is the order RabbitMQ holds the entries in. */
export type Json = JsonValue;

/** A JSON object (not an array, nor the wrapper of a float). */
export const isObject = (v: unknown): v is { readonly [key: string]: Json } => typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof ErlangFloat);

/** Nested objects come back with their keys in Erlang map order, as RabbitMQ's JSON encoder writes them. */
export function canonical(v: unknown): Json {
  if (Array.isArray(v)) return v.map(canonical);
  if (isObject(v)) return Object.fromEntries(sortedEntries(v).map(([k, x]) => [k, canonical(x)]));
  return v as Json;
}

export function sortedEntries(o: { readonly [key: string]: unknown }): [string, unknown][] {
  return Object.entries(o).sort(([a], [b]) => compareBinaries(a, b));
}

/**
 * A parameter value as RabbitMQ stores it: a top-level object becomes a property list (so an empty one is
 * written back as []), anything else stays as it is.
 */
export function storedValue(v: unknown): Json {
  if (!isObject(v)) return canonical(v);
  const c = canonical(v);
  return Object.keys(c as object).length === 0 ? [] : c;
}
