// Validation of runtime parameter values as rabbit_parameter_validation does it, with its wording.
import { compileRegex, InvalidRegexError } from "../auth/regex.js";
import { isJsonInteger, isJsonNumber } from "../json/json-value.js";
import { formatTerm, fromJson, list, num, type Term } from "./erlang-term.js";
import { isObject, type Json } from "./json.js";

/** RabbitMQ's report of a failed validation: a header, a blank line, one problem per line. */
export const validationFailed = (problems: readonly string[]): string => `Validation failed\n\n${problems.map((p) => `${p}\n`).join("")}`;

/** The management API escapes these in the policy and parameter error texts, as RabbitMQ does. */
export const escapeHtmlTags = (s: string): string => s.replace(/[<>&]/g, (c) => (c === "<" ? "&lt;" : c === ">" ? "&gt;" : "&amp;"));

/** Text around a ~p term: the term is laid out from the column where it starts. */
export const withTerm = (before: string, term: Term, after = ""): string => `${before}${formatTerm(term, before.length)}${after}`;

/** The JSON value as ~p prints it. */
export const showJson = (v: unknown): string => formatTerm(fromJson(v));

/** An input RabbitMQ's node crashes on (a function clause, a badarg): the API answers with an empty 500 and changes nothing. */
export class NodeCrash extends Error {
  constructor(what: string) {
    super(`RabbitMQ's node crashes on ${what}`);
    this.name = "NodeCrash";
  }
}

/** A check on one key's value: a problem, or undefined when the value is fine. */
export type Check = (key: string, value: unknown) => string | undefined;

export interface Constraint {
  readonly key: string;
  readonly check: Check;
  readonly mandatory: boolean;
}

/** An entry of the value being validated: a key and value, or (from a JSON array) a bare term that can match no key. */
type Item = { readonly key: string; readonly value: unknown } | { readonly raw: unknown };

/**
 * Checks a value against its constraints as RabbitMQ's proplist validation does. Problems come out in its
 * order: unrecognised entries first, then the constraints' problems from the last constraint to the first.
 */
export function validateProplist(name: string, constraints: readonly Constraint[], value: Json): string[] {
  let items: Item[];
  if (Array.isArray(value)) items = value.map((raw) => ({ raw }));
  else if (isObject(value)) items = Object.entries(value).map(([key, v]) => ({ key, value: v }));
  else return [withTerm(`${name} not a list `, fromJson(value))];
  const problems: string[] = [];
  for (const c of constraints) {
    const at = items.findIndex((it) => "key" in it && it.key === c.key);
    if (at >= 0) {
      const [it] = items.splice(at, 1) as [{ key: string; value: unknown }];
      const problem = c.check(c.key, it.value);
      if (problem !== undefined) problems.unshift(problem);
    } else if (c.mandatory) {
      problems.unshift(`Key "${c.key}" not found in ${name}`);
    }
  }
  if (items.length > 0) problems.unshift(withTerm("Unrecognised terms ", list(items.map(itemTerm)), ` in ${name}`));
  return problems;
}

function itemTerm(it: Item): Term {
  if ("raw" in it) return fromJson(it.raw);
  return { t: "tuple", v: [{ t: "bin", v: it.key }, fromJson(it.value)] };
}

/** is_number: an integer or a float. */
export const isNumber: Check = (key, v) => (isJsonNumber(v) ? undefined : withTerm(`${key} should be a number, actually was `, fromJson(v)));

/** is_integer: 5 and 2^64, never 5.0. */
export const isInteger: Check = (key, v) => (isJsonInteger(v) ? undefined : withTerm(`${key} should be a number, actually was `, fromJson(v)));

/** A regular expression as Erlang's re (PCRE) compiles it; its error is {Message, Offset}. */
export const isRegex: Check = (key, v) => {
  if (typeof v !== "string") return withTerm(`${key} should be a binary but was `, fromJson(v));
  try {
    compileRegex(v);
    return undefined;
  } catch (e) {
    if (!(e instanceof InvalidRegexError)) throw e;
    const reason: Term = { t: "tuple", v: [list([...e.pcreMessage].map((c) => num(c.charCodeAt(0)))), num(e.offset)] };
    return withTerm(`${key} should be regular expression but is invalid: `, reason);
  }
};
