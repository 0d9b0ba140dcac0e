import { arity } from "../common.js";
import type { Command } from "../../types.js";
import { noCodeEvaluation } from "./_no_code.js";

export const exec: Command<void> = {
  name: "exec",
  section: "operations",
  description: "Runs a piece of Elixir code in the CLI's own runtime (not available: warrenctl has no Elixir)",
  usage: "exec <expression> [--offline]",
  usageAdditional: [
    ["<expression>", "the Elixir expression to run"],
    ["--offline", "do not connect to any node while running it"],
  ],
  docGuides: ["https://rabbitmq.com/cli.html", "https://rabbitmq.com/monitoring.html", "https://rabbitmq.com/troubleshooting.html"],
  switches: [{ name: "offline", type: "boolean", description: "accepted for compatibility; nothing is run" }],
  formatter: "inspect",
  notes: "rabbitmqctl evaluates the Elixir expression inside its own Erlang VM, never on the node; warrenctl is not an Erlang VM and has no Elixir, and no node endpoint could stand in for a local runtime, so exec always fails with exit 69 after rabbitmqctl's argument checks (one non-blank expression). The expression's syntax is not checked.",
  validate: (args) => arity(args, 1) ?? (args[0] === "" ? '"Expression must not be blank"' : undefined),
  run: async () => {
    throw noCodeEvaluation("exec", "Elixir code in rabbitmqctl's own runtime");
  },
};
