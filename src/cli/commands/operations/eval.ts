import { CommandError } from "../../errors.js";
import { ExitCode } from "../../exit-codes.js";
import type { Command } from "../../types.js";
import { readAll } from "../configuration/_stdin.js";
import { noCodeEvaluation } from "./_no_code.js";

export const evalCommand: Command<void> = {
  name: "eval",
  section: "operations",
  description: "Runs a piece of Erlang code on the node (not available over HTTP)",
  usage: "eval <expression>",
  usageAdditional: [["<expression>", "the Erlang expression to run; read from standard input when absent"]],
  docGuides: ["https://rabbitmq.com/cli.html", "https://rabbitmq.com/monitoring.html", "https://rabbitmq.com/troubleshooting.html"],
  formatter: "erlang",
  notes: "Always fails with exit 69 after rabbitmqctl's own argument checks (a blank expression; none on standard input): Erlang code runs on a node only over Erlang distribution, and no HTTP endpoint evaluates code. The expression's syntax is not checked.",
  validate: (args) => (args[0] === "" ? '"Expression must not be blank"' : undefined),
  run: async (args, _opts, ctx) => {
    if (args.length === 0 && (await readAll(ctx.io.stdin)).toString("utf8").trim() === "") {
      throw new CommandError(ExitCode.dataErr, "Expression to evaluate is not provided via argument or stdin");
    }
    throw noCodeEvaluation("eval", "Erlang code on the target node over Erlang distribution");
  },
};
