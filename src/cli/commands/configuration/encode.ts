import { CommandError } from "../../errors.js";
import { ExitCode } from "../../exit-codes.js";
import type { Command } from "../../types.js";
import { ask, CRYPT_SWITCHES, CRYPT_USAGE_ADDITIONAL, cryptProblem, pbeOptions, termOutput, withCryptDefaults } from "./_crypt.js";
import { evaluate } from "./_erlang-parse.js";
import { atom, bin, termToBinary, tuple, type Term } from "./_etf.js";
import { encrypt } from "./_pbe.js";
import { LineReader } from "./_stdin.js";

export const encode: Command<Term> = {
  name: "encode",
  section: "configuration",
  description: "Encrypts a configuration value with a passphrase, for use as {encrypted, ...} in the config file",
  usage: "encode value passphrase [--cipher <cipher>] [--hash <hash>] [--iterations <iterations>]",
  usageAdditional: [
    ["<value>", "the value to encrypt, written as an Erlang term (<<\"secret\">> for a binary)"],
    ["<passphrase>", "the secret the encryption key is derived from"],
    ...CRYPT_USAGE_ADDITIONAL,
  ],
  docGuides: ["https://rabbitmq.com/configure.html"],
  switches: CRYPT_SWITCHES,
  formatter: "erlang",
  notes: "Runs locally with node:crypto, as rabbitmqctl does in its own runtime; output decodes with rabbitmqctl decode and the node's config decoder. The value is read as an Erlang term: literals, tuples, lists, maps, binaries and arithmetic are evaluated, function calls are not. Ciphers and hashes missing from Node's OpenSSL (DES, Blowfish, RC2, RC4, MD4) are reported as not supported.",
  examples: [["warrenctl encode '<<\"s3cret\">>' mypassphrase", "prints {encrypted,<<\"...\">>} for the config file"]],
  secretArgs: [0, 1],
  mergeDefaults: withCryptDefaults,
  validate: (args, opts) => (args.length > 2 ? "too many arguments." : cryptProblem(opts, {
    cipher: "The requested cipher is not supported.",
    iterations: "The requested number of iterations is incorrect",
  })),
  banner: () => "Encrypting value ...",
  run: async (args, opts, ctx) => {
    // missing arguments are asked for on stdin, one line each
    const reader = new LineReader(args.length < 2 ? ctx.io.stdin : undefined);
    try {
      const value = args[0] ?? (await ask(reader, "Value to encode: ", opts, ctx));
      const passphrase = args[1] ?? (await ask(reader, "Passphrase: ", opts, ctx));
      let encrypted: string;
      try {
        encrypted = encrypt(pbeOptions(opts), passphrase, termToBinary(evaluate(value)));
      } catch {
        throw new CommandError(ExitCode.unavailable, "Error during cipher operation");
      }
      return tuple(atom("encrypted"), bin(Buffer.from(encrypted, "latin1")));
    } finally {
      reader.close();
    }
  },
  output: termOutput,
};
