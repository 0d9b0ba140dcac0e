// set_user_limits checks the definition before writing, with the texts RabbitMQ's validation prints.
import { CommandError } from "../../errors.js";
import { ExitCode } from "../../exit-codes.js";
import { parseJsonArg } from "../common.js";
import { erlJson, exJson, JsonNumber, parseJsonKeepingNumbers, sortedEntries } from "./_terms.js";

export const USER_LIMITS = ["max-connections", "max-channels"];

const fail = (text: string): CommandError => new CommandError(ExitCode.unavailable, text);

type Problem = { unknown: [string, unknown][] } | { key: string; value: unknown };

// the server's error list as rabbitmqctl prints it when it hits more than one problem (a case_clause crash)
function crash(problems: Problem[]): CommandError {
  const items = problems.map((pr) => "unknown" in pr
    ? `{'Unrecognised terms ~p in ~s', [[${pr.unknown.map(([k, v]) => `{${exJson(k)}, ${exJson(v)}}`).join(", ")}], "user-limits"]}`
    : `{'~s should be a number, actually was ~p', [${exJson(pr.key)}, ${exJson(pr.value)}]}`);
  return fail(`{{:case_clause, {:errors, [${items.join(", ")}]}}, [{:rabbit_auth_backend_internal, :validate_parameters_and_update_limit, 3, [file: 'rabbit_auth_backend_internal.erl', line: 868]}, {:rabbit_auth_backend_internal, :set_user_limits, 3, []}]}`);
}

/** rabbitmqctl's crash when the definition is an empty JSON array (it reaches the server's map merge). */
export function emptyListCrash(current: Record<string, unknown>): CommandError {
  const now = sortedEntries(current).map(([k, v]) => `${exJson(k)} => ${exJson(typeof v === "number" ? new JsonNumber(String(v)) : v)}`);
  return fail(`{{:badmap, []}, [{:maps, :merge, [%{${now.join(", ")}}, []], [error_info: %{module: :erl_stdlib_errors}]}, {:internal_user, :update_limits, 3, [file: 'internal_user.erl', line: 206]}, {:rabbit_auth_backend_internal, :"-update_user/2-fun-0-", 2, [file: 'rabbit_auth_backend_internal.erl', line: 584]}, {:mnesia_tm, :apply_fun, 3, [file: 'mnesia_tm.erl', line: 842]}, {:mnesia_tm, :execute_transaction, 5, [file: 'mnesia_tm.erl', line: 818]}, {:rabbit_misc, :"-execute_mnesia_transaction/1-fun-0-", 1, [file: 'rabbit_misc.erl', line: 564]}, {:worker_pool_worker, :"-run/2-fun-0-", 3, [file: 'worker_pool_worker.erl', line: 69]}]}`);
}

/** Limits to write in key order, or "empty-list" for `[]` (it fails only once the user is found); throws the server's refusals. */
export function parseUserLimits(text: string): [string, number][] | "empty-list" {
  parseJsonArg(text);
  const def = parseJsonKeepingNumbers(text);
  if (Array.isArray(def)) {
    if (def.length > 0) throw fail(`Unrecognised terms ${erlJson(def)} in user-limits`);
    return "empty-list";
  }
  if (typeof def !== "object" || def === null) throw fail(`user-limits not a list ${erlJson(def)}`);
  const entries = sortedEntries(def as Record<string, unknown>);
  const unknown = entries.filter(([k]) => !USER_LIMITS.includes(k));
  const problems: Problem[] = unknown.length > 0 ? [{ unknown }] : [];
  for (const [key, value] of entries) {
    if (USER_LIMITS.includes(key) && !(value instanceof JsonNumber && !value.isFloat)) problems.push({ key, value });
  }
  if (problems.length > 1) throw crash(problems);
  const only = problems[0];
  if (only) {
    throw "unknown" in only
      ? fail(`Unrecognised terms [${only.unknown.map(([k, v]) => `{${erlJson(k)},${erlJson(v)}}`).join(",")}] in user-limits`)
      : fail(`${only.key} should be a number, actually was ${erlJson(only.value)}`);
  }
  return entries.map(([k, v]) => [k, (v as JsonNumber).value]);
}
