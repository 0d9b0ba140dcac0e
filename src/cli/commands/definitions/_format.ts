// The --format switch of export_definitions and import_definitions: json or erlang, any letter case.
import type { Opts, SwitchSpec } from "../../types.js";
import { badArgument } from "../configuration/_units.js";
import type { UsageError } from "../../errors.js";

export const FORMAT_SWITCH: SwitchSpec = { name: "format", type: "string", description: "json (default) or erlang" };

/** rabbitmqctl's defaults: json, and silent when the file is "-" (the data goes to stdout alone). */
export function withFormat(args: string[], opts: Opts, toStdout: boolean): [string[], Opts] {
  const format = typeof opts.format === "string" ? opts.format.toLowerCase() : "json";
  return [args, { ...opts, format, ...(toStdout ? { silent: true } : {}) }];
}

export const formatProblem = (opts: Opts): UsageError | undefined =>
  opts.format === "json" || opts.format === "erlang" ? undefined : badArgument("Format should be either json or erlang");

export const formatName = (opts: Opts): string => (opts.format === "erlang" ? "Erlang term format" : "JSON");
