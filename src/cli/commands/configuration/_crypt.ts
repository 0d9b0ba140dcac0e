// What encode and decode share: the --cipher/--hash/--iterations switches and their checks, rabbitmqctl's
// stdin prompts for missing arguments, and printing the resulting term (erlang formatter, or json).
import { CommandError, UsageError } from "../../errors.js";
import { ExitCode } from "../../exit-codes.js";
import type { CommandContext, CommandOutput, Opts, SwitchSpec } from "../../types.js";
import { elixirJson } from "../definitions/_elixir-json.js";
import type { Term } from "./_etf.js";
import { termJson } from "./_erlang-print.js";
import { prettyTerm } from "./_erlang-pretty.js";
import { DEFAULT_CIPHER, DEFAULT_HASH, DEFAULT_ITERATIONS, supportsCipher, supportsHash, type PbeOptions } from "./_pbe.js";
import type { LineReader } from "./_stdin.js";

export const CRYPT_SWITCHES: SwitchSpec[] = [
  { name: "cipher", type: "string", description: "cipher to use (see list_ciphers); default aes_128_cbc, as rabbitmqctl 3.10.8" },
  { name: "hash", type: "string", description: "hash function for deriving the key (see list_hashes); default sha256" },
  { name: "iterations", type: "integer", description: "key derivation rounds; default 1" },
];

export const CRYPT_USAGE_ADDITIONAL: [string, string][] = [
  ["--cipher <cipher>", "cipher to use, one of those list_ciphers prints"],
  ["--hash <hash>", "hash function the key is derived with, one of those list_hashes prints"],
  ["--iterations <iterations>", "how many key derivation rounds to run (a positive integer)"],
];

/** Fills in rabbitmqctl 3.10.8's defaults; these commands never contact a node, so --timeout does not apply. */
export function withCryptDefaults(args: string[], opts: Opts): [string[], Opts] {
  const { timeout: _ignored, ...rest } = opts;
  return [args, { cipher: DEFAULT_CIPHER, hash: DEFAULT_HASH, iterations: DEFAULT_ITERATIONS, ...rest } as Opts];
}

export const pbeOptions = (opts: Opts): PbeOptions => ({ cipher: String(opts.cipher), hash: String(opts.hash), iterations: Number(opts.iterations) });

/** rabbitmqctl's checks, in its order; encode and decode word two of them differently. */
export function cryptProblem(opts: Opts, words: { cipher: string; iterations: string }): UsageError | undefined {
  const bad = (text: string): UsageError => new UsageError(`Bad argument: ${text}`, ExitCode.dataErr);
  if (!supportsCipher(String(opts.cipher))) return bad(words.cipher);
  if (!supportsHash(String(opts.hash))) return bad("The requested hash is not supported");
  if (!(Number(opts.iterations) > 0)) return bad(words.iterations);
  return undefined;
}

/** One answer from stdin, trimmed; the prompt is printed unless -q/-s. Fails as rabbitmqctl does at end of input. */
export async function ask(reader: LineReader, prompt: string, opts: Opts, ctx: CommandContext): Promise<string> {
  // the pipeline holds a banner until the node answers; these commands never ask it, so release it first
  ctx.api.onResponse?.();
  if (!opts.quiet && !opts.silent) ctx.io.stdout.write(`${prompt}\n`);
  const line = await reader.line();
  if (line === undefined || line === "") throw new CommandError(ExitCode.unavailable, "not_enough_args");
  return line.trim();
}

/** The erlang formatter's text of the term, or json's {"node","result","value"} object. */
export function termOutput(term: Term, opts: Opts): CommandOutput {
  if (opts.formatter === "json" || opts.formatter === "json_stream") {
    return { kind: "lines", lines: [elixirJson({ node: opts.node, result: "ok", value: termJson(term) })] };
  }
  return { kind: "lines", lines: [prettyTerm(term)] };
}
