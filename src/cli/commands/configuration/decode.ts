import { CommandError } from "../../errors.js";
import { ExitCode } from "../../exit-codes.js";
import type { Command } from "../../types.js";
import { ask, CRYPT_SWITCHES, CRYPT_USAGE_ADDITIONAL, cryptProblem, pbeOptions, termOutput, withCryptDefaults } from "./_crypt.js";
import { evaluate } from "./_erlang-parse.js";
import { binaryToTerm, type Term } from "./_etf.js";
import { decrypt } from "./_pbe.js";
import { LineReader } from "./_stdin.js";

const FAILED = "Failed to decrypt the value. Things to check: is the passphrase correct? Are the cipher and hash algorithms the same as those used for encryption?";

/** The base64 text inside {encrypted, X} (or X given alone), as bytes. */
function encryptedText(t: Term): Buffer {
  const inner = t.t === "tuple" && t.v.length === 2 && t.v[0]!.t === "atom" && t.v[0]!.v === "encrypted" ? t.v[1]! : t;
  if (inner.t === "bin") return inner.v;
  if (inner.t === "list" && !inner.tail && inner.v.every((e) => e.t === "int" && e.v >= 0n && e.v < 256n)) {
    return Buffer.from(inner.v.map((e) => Number((e as { v: bigint }).v)));
  }
  throw new Error("not an encrypted value");
}

export const decode: Command<Term> = {
  name: "decode",
  section: "configuration",
  description: "Decrypts a value produced by encode (an {encrypted, ...} config entry) with its passphrase",
  usage: "decode value passphrase [--cipher <cipher>] [--hash <hash>] [--iterations <iterations>]",
  usageAdditional: [
    ["<value>", "the encrypted value, as {encrypted,<<\"...\">>} or just <<\"...\">>"],
    ["<passphrase>", "the secret the value was encrypted with"],
    ...CRYPT_USAGE_ADDITIONAL,
  ],
  docGuides: ["https://rabbitmq.com/configure.html"],
  switches: CRYPT_SWITCHES,
  formatter: "erlang",
  notes: "Runs locally with node:crypto and reads values that rabbitmqctl encode wrote (and the other way round); the decrypted term is printed as rabbitmqctl prints it (~p layout). Pids, references and funs inside a value cannot be decoded.",
  secretArgs: [1],
  mergeDefaults: withCryptDefaults,
  validate: (args, opts) => {
    if (args.length < 1) return "not enough arguments: Please provide a value to decode and a passphrase";
    if (args.length > 2) return "too many arguments.";
    return cryptProblem(opts, {
      cipher: "The requested cipher is not supported",
      iterations: "The requested number of iterations is incorrect (must be a positive integer)",
    });
  },
  banner: () => "Decrypting value...",
  run: async (args, opts, ctx) => {
    const reader = new LineReader(args.length < 2 ? ctx.io.stdin : undefined);
    try {
      const passphrase = args[1] ?? (await ask(reader, "Passphrase: ", opts, ctx));
      try {
        return binaryToTerm(decrypt(pbeOptions(opts), passphrase, encryptedText(evaluate(args[0]!))));
      } catch {
        throw new CommandError(ExitCode.unavailable, FAILED);
      }
    } finally {
      reader.close();
    }
  },
  output: termOutput,
};
