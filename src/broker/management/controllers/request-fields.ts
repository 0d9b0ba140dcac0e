// Reading the JSON bodies of messaging requests the way RabbitMQ's management API reads them: the body must
// be an object, booleans may be given as "true"/"false", integers as decimal strings.
import { jsonText } from "../../json/json-text.js";
import { isJsonNumber, numberOf } from "../../json/json-value.js";
import { badRequest } from "../http-error.js";
import type { RequestContext } from "../route.js";

export type Body = Readonly<Record<string, unknown>>;

/** The request body as an object; none (or JSON null, true, false) is {}, a JSON string, number or array is refused as RabbitMQ refuses it. */
export function bodyOf(ctx: RequestContext): Body {
  const b = ctx.body;
  if (b === undefined || b === null || typeof b === "boolean") return {};
  if (typeof b === "string") throw badRequest("invalid payload: the request body JSON-decoded to a string. Is the input doubly-JSON-encoded?");
  if (isJsonNumber(b) || Array.isArray(b)) throw badRequest("not_json");
  return b as Body;
}

/** parse_bool: true, false, "true", "false"; absent gives the default. */
export function boolField(body: Body, key: string, dflt: boolean): boolean {
  const v = body[key];
  if (v === undefined) return dflt;
  if (v === true || v === "true") return true;
  if (v === false || v === "false") return false;
  throw badRequest(["not_boolean", v]);
}

/** parse_int: an integer, a float (truncated) or a decimal string. */
export function intField(v: unknown): number {
  const n = numberOf(v);
  if (n !== undefined) return Math.trunc(n);
  if (typeof v === "string" && /^[+-]?\d+$/.test(v)) return Number.parseInt(v, 10);
  throw badRequest(["not_integer", v]);
}

/** A routing key or name given as a string (numbers are taken as their decimal text, as RabbitMQ prints them). */
export function textField(body: Body, key: string, dflt: string): string {
  const v = body[key];
  if (v === undefined || v === null) return dflt;
  if (typeof v === "string") return v;
  return isJsonNumber(v) ? jsonText(v) : String(v);
}

/** The mandatory keys a body lacks, in the order given, for RabbitMQ's {key_missing,k} refusal (JSON null counts as given). */
export function missingKeys(body: Body, keys: readonly string[]): string[] {
  return keys.filter((k) => body[k] === undefined);
}
