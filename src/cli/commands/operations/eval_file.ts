import { accessSync, constants, existsSync } from "node:fs";
import { arity } from "../common.js";
import type { Command } from "../../types.js";
import { noCodeEvaluation } from "./_no_code.js";

function fileProblem(path: string): string | undefined {
  if (path === "") return '"File path must not be blank"';
  if (!existsSync(path)) return `"File ${path} does not exist"`;
  try {
    accessSync(path, constants.R_OK);
  } catch {
    return `"Insufficient permissions to read file ${path}"`;
  }
  return undefined;
}

export const eval_file: Command<void> = {
  name: "eval_file",
  section: "operations",
  description: "Runs a file of Erlang code on the node (not available over HTTP)",
  usage: "eval_file <file path>",
  usageAdditional: [["<file path>", "the file holding the Erlang code to run"]],
  docGuides: ["https://rabbitmq.com/cli.html", "https://rabbitmq.com/monitoring.html", "https://rabbitmq.com/troubleshooting.html"],
  formatter: "erlang",
  notes: "Always fails with exit 69 after rabbitmqctl's checks of the path (blank, missing, unreadable): Erlang code runs on a node only over Erlang distribution. The file's syntax is not checked; a second argument is a usage error (rabbitmqctl 3.10.8 crashes with exit 70).",
  validate: (args) => arity(args, 1) ?? fileProblem(args[0]!),
  run: async () => {
    throw noCodeEvaluation("eval_file", "Erlang code on the target node over Erlang distribution");
  },
};
