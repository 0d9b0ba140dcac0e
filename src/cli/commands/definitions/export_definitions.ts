import { existsSync, rmSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { CommandError } from "../../errors.js";
import { ExitCode } from "../../exit-codes.js";
import type { Command, Opts } from "../../types.js";
import { badArgument } from "../configuration/_units.js";
import { elixirJson } from "./_elixir-json.js";
import { exportDocument } from "./_export.js";
import { FORMAT_SWITCH, formatName, formatProblem, withFormat } from "./_format.js";
import { fileError } from "./_files.js";

export const export_definitions: Command<void> = {
  name: "export_definitions",
  section: "definitions",
  description: "Saves the node's definitions (users, vhosts, permissions, queues, exchanges, bindings, policies, parameters) as JSON",
  usage: 'export_definitions <file_path | "-"> [--format <json | erlang>] [--timeout <timeout>]',
  usageAdditional: [
    ["<file>", "where to write the definitions; - writes them to standard output"],
    ["--format", "json (the erlang format needs Erlang distribution and is refused)"],
  ],
  docGuides: ["https://rabbitmq.com/definitions.html"],
  switches: [FORMAT_SWITCH],
  notes: "Builds rabbitmqctl's document from GET /api/definitions, /api/vhosts, /api/vhost-limits and /api/queues (for queue types), with its keys, filters (no internal or amq.* exchanges, no internal_* global parameters) and JSON layout; numbers are kept as the node wrote them. A global parameter's object value is written as rabbitmqctl writes a stored proplist ([[key, value], ...]). --format erlang fails with exit 69: the management API serves definitions as JSON only.",
  mergeDefaults: (args, opts) => withFormat(args, opts, args[0] === "-"),
  validate: (args, opts) => {
    const bad = formatProblem(opts);
    if (bad) return bad;
    if (args.length === 0) return "not enough arguments.";
    if (args.length > 1) return "too many arguments.";
    if (args[0] !== "-" && !existsSync(dirname(args[0]!))) return badArgument(`Directory ${dirname(args[0]!)} does not exist`);
    if (opts.format === "erlang") return erlangRefused("export_definitions", opts);
    return undefined;
  },
  banner: (args, opts) => `Exporting definitions in ${formatName(opts)} to a file at "${args[0]}" ...`,
  run: async (args, _opts, ctx) => {
    const json = elixirJson(await exportDocument(ctx));
    // rabbitmqctl writes the document raw, without a final newline, which no CommandOutput kind expresses
    if (args[0] === "-") return void ctx.io.stdout.write(json);
    const path = resolve(args[0]!);
    // as rabbitmqctl: remove the old file (ignoring failure), then write
    try {
      rmSync(path, { force: true });
    } catch { /* a directory: the write below reports it */ }
    try {
      writeFileSync(path, json);
    } catch (e) {
      throw fileError(e, args[0]!, "write to");
    }
  },
  output: () => ({ kind: "lines", lines: [] }),
};

/** The erlang format needs term_to_binary of the node's own data, which HTTP does not give. */
export const erlangRefused = (cmd: string, opts: Opts): CommandError =>
  new CommandError(
    ExitCode.unavailable,
    `Error: ${cmd} --format erlang is not available on node ${opts.node}: its management HTTP API serves definitions as JSON only. Use --format json.`,
    true,
  );
