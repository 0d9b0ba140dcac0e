// Failures shared by the parameter, policy and vhost-limit commands, worded as rabbitmqctl words them.
import { ApiError } from "../../../api/errors.js";
import { CommandError } from "../../errors.js";
import { ExitCode } from "../../exit-codes.js";
import { isNotFound, noSuchVhost, reasonOf } from "../common.js";
import { exTerm, scanJson, type RawJson } from "./_raw-json.js";

/** Clearing something that is not there (clear_parameter, clear_policy, clear_vhost_limits ...). */
export const parameterMissing = (): CommandError => new CommandError(ExitCode.unavailable, "Parameter does not exist");

const jsonDecodingError = (): CommandError => new CommandError(ExitCode.unavailable, "JSON decoding error. Reason: badarg");

/** A JSON argument, checked to be one value so its text can go into a request body verbatim. */
export function jsonArgument(text: string): RawJson {
  try {
    return scanJson(text);
  } catch {
    throw jsonDecodingError();
  }
}

/** The HTTP API never names an object with an empty name: its path would be the list's. */
export const unaddressable = (what: string): CommandError =>
  new CommandError(ExitCode.unavailable, `warrenctl cannot address a ${what} with an empty name through the management HTTP API`);

/** rabbitmqctl's report of the node crashing on a definition that is not a JSON object. */
export function badmap(value: RawJson, frames: string): CommandError {
  const t = exTerm(value);
  return new CommandError(
    ExitCode.unavailable,
    `{{:badmap, ${t}}, [{:maps, :to_list, [${t}], [file: 'maps.erl', line: 581, error_info: %{module: :erl_stdlib_errors}]}, ${frames}]}`,
  );
}

/** Maps a failed PUT of a parameter or policy: missing vhost (65), validation or not-JSON (69). */
export function setFailure(e: unknown, vhost: string): unknown {
  if (isNotFound(e)) return noSuchVhost(vhost);
  if (e instanceof ApiError && e.status === 400) {
    return e.reasonText === "not_json" ? jsonDecodingError() : new CommandError(ExitCode.unavailable, reasonOf(e));
  }
  return e;
}

/** Man-page note shared by the commands that PUT a parameter or policy. */
export const VHOST_CHECKED_FIRST =
  "When the virtual host is missing and the value is also invalid, rabbitmqctl reports the validation failure (exit 69) while warrenctl reports the missing virtual host (exit 65): the HTTP API checks the virtual host first.";
