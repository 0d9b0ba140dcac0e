import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { ApiError } from "../../../api/errors.js";
import { CommandError } from "../../errors.js";
import { ExitCode } from "../../exit-codes.js";
import type { Command, CommandContext } from "../../types.js";
import { noSuchVhost } from "../common.js";
import { badArgument } from "../configuration/_units.js";
import { readAll } from "../configuration/_stdin.js";
import { scanJson } from "../parameters/_raw-json.js";
import { FORMAT_SWITCH, formatName, formatProblem, withFormat } from "./_format.js";
import { fileError } from "./_files.js";
import { alreadyApplied, erlangDocument, jsonDocument } from "./_import.js";

const STARTED = "Successfully started definition import. This process is asynchronous and can take some time.";

async function readInput(args: string[], ctx: CommandContext): Promise<Buffer> {
  if (args.length === 0 || args[0] === "-") return readAll(ctx.io.stdin);
  let bytes: Buffer;
  try {
    bytes = readFileSync(resolve(args[0]!));
  } catch (e) {
    throw fileError(e, args[0]!, "read from");
  }
  if (bytes.length === 0) throw new CommandError(ExitCode.dataErr, `File ${args[0]} is zero-sized`);
  return bytes;
}

export const import_definitions: Command<void> = {
  name: "import_definitions",
  section: "definitions",
  description: "Loads definitions (users, vhosts, permissions, queues, exchanges, bindings, policies, parameters) from a file or standard input",
  usage: 'import_definitions <file_path | "-"> [--format <json | erlang>] [--skip-if-unchanged] [--timeout <timeout>]',
  usageAdditional: [
    ["[file]", "the file to load; without it, or with -, the definitions are read from standard input"],
    ["--format", "json, or erlang for a file exported in Erlang's external term format"],
    ["--skip-if-unchanged", "do nothing when every definition in the file is already on the node as it is in the file"],
  ],
  docGuides: ["https://rabbitmq.com/definitions.html"],
  switches: [FORMAT_SWITCH, { name: "skip-if-unchanged", type: "boolean", description: "skip the import when the node already has every definition in the file" }],
  notes: "POST /api/definitions with the file's JSON as it is. - reads standard input (rabbitmqctl 3.10.8 looks for a file named -). --format erlang files are decoded locally and sent as JSON. --skip-if-unchanged is decided client-side: the import is skipped when every object in the file matches one in GET /api/definitions on the properties that document shows (rabbitmqctl 3.10.8 accepts the switch but always imports).",
  mergeDefaults: (args, opts) => withFormat(args, opts, args[0] === "-"),
  validate: (args, opts) => {
    const bad = formatProblem(opts);
    if (bad) return bad;
    if (args.length > 1) return "too many arguments.";
    if (args.length === 1 && args[0] !== "-" && !existsSync(args[0]!)) return badArgument(`File ${args[0]} does not exist`);
    return undefined;
  },
  banner: (args, opts) => args.length === 0
    ? `Importing definitions in ${formatName(opts)} from standard input ...`
    : `Importing definitions in ${formatName(opts)} from a file at "${args[0]}" ...`,
  run: async (args, opts, ctx) => {
    const bytes = await readInput(args, ctx);
    const { text, doc } = opts.format === "erlang" ? erlangDocument(bytes) : jsonDocument(bytes.toString("utf8"));
    const current = opts["skip-if-unchanged"] === true ? scanJson((await ctx.api.request("GET", "/api/definitions")).text ?? "{}") : undefined;
    if (!current || !alreadyApplied(doc, current)) {
      try {
        await ctx.api.request("POST", "/api/definitions", { json: text });
      } catch (e) {
        if (!(e instanceof ApiError) || e.status !== 400) throw e;
        const r = e.reason;
        if (Array.isArray(r) && r[0] === "no_such_vhost") throw noSuchVhost(String(r[1]));
        throw new CommandError(ExitCode.unavailable, e.reasonText);
      }
    }
    // rabbitmqctl prints these raw: json's object has no final newline, which no CommandOutput kind expresses
    if (opts.formatter === "json") ctx.io.stdout.write(`{"node":${JSON.stringify(opts.node)},"result":"ok"}`);
    else if (!opts.quiet && !opts.silent) ctx.io.stdout.write(`${STARTED}\n`);
  },
  output: () => ({ kind: "lines", lines: [] }),
};
