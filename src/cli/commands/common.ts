// Helpers shared by many commands: arity checks, vhost defaults, HTTP-JSON to rabbitmqctl value shapes.
import { ApiError, unescapeHtml } from "../../api/errors.js";
import { CommandError } from "../errors.js";
import { ExitCode } from "../exit-codes.js";
import { atom, list, type AmqpField, type AmqpFieldValue, type AmqpTable, type CtlValue } from "../format/values.js";
import type { Opts } from "../types.js";

/** rabbitmqctl's arity messages. */
export function arity(args: readonly string[], min: number, max = min): string | undefined {
  if (args.length < min) return "not enough arguments.";
  if (args.length > max) return "too many arguments.";
  return undefined;
}

export const vhostOf = (opts: Opts): string => (typeof opts.vhost === "string" ? opts.vhost : "/");

/** mergeDefaults for commands scoped to a vhost: -p defaults to "/". */
export function withDefaultVhost(args: string[], opts: Opts): [string[], Opts] {
  return [args, { ...opts, vhost: vhostOf(opts) }];
}

/** rabbitmqctl's tag lists: an array (3.10 users) or a comma string (ctl-created vhosts) become [a, b]. */
export function tagList(tags: unknown): CtlValue {
  if (Array.isArray(tags)) return list(tags.map((t) => atom(String(t))));
  if (typeof tags === "string") return tags;
  return list([]);
}

/** JSON number that fits a 32-bit signed int is `signedint`, larger integers `long`, others `double`. */
function inferType(v: unknown): [string, AmqpFieldValue] {
  if (v === null || v === undefined) return ["void", null];
  if (typeof v === "boolean") return ["bool", v];
  if (typeof v === "number") {
    if (!Number.isInteger(v)) return ["double", v];
    return [v >= -2147483648 && v <= 2147483647 ? "signedint" : "long", v];
  }
  if (typeof v === "string") return ["longstr", v];
  if (Array.isArray(v)) return ["array", { kind: "amqp_array", items: v.map((x) => { const [type, value] = inferType(x); return { type, value }; }) }];
  return ["table", amqpTable(v as Record<string, unknown>)];
}

/**
 * HTTP gives AMQP tables as plain JSON objects and loses their types; we infer them from the JSON
 * (documented in the man page). `sortKeys` mirrors rabbitmqctl printing binding arguments sorted.
 */
export function amqpTable(obj: unknown, sortKeys = false): AmqpTable {
  if (typeof obj !== "object" || obj === null || Array.isArray(obj)) return { kind: "amqp_table", entries: [] };
  let keys = Object.keys(obj);
  if (sortKeys) keys = keys.sort();
  const entries: AmqpField[] = keys.map((key) => {
    const [type, value] = inferType((obj as Record<string, unknown>)[key]);
    return { key, type, value };
  });
  return { kind: "amqp_table", entries };
}

/** Compact JSON as the server stores a policy definition or parameter value ({"max-length":5}). */
export const compactJson = (v: unknown): string => JSON.stringify(v);

/** A 404 from the API means the object (or its vhost) is missing. */
export const isNotFound = (e: unknown): e is ApiError => e instanceof ApiError && e.status === 404;
export const isBadRequest = (e: unknown): e is ApiError => e instanceof ApiError && e.status === 400;

/** The API's reason text, HTML entities undone (policy validation messages arrive escaped). */
export const reasonOf = (e: ApiError): string => unescapeHtml(e.reasonText);

/** rabbitmqctl's missing-vhost failure for most commands: no "Error:" line, exit 65. */
export const noSuchVhost = (vhost: string): CommandError =>
  new CommandError(ExitCode.dataErr, `Virtual host '${vhost}' does not exist`, true);

/** Validates JSON text given on the command line as rabbitmqctl does ("JSON decoding error", exit 69). */
export function parseJsonArg(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new CommandError(ExitCode.unavailable, "JSON decoding error. Reason: badarg");
  }
}
