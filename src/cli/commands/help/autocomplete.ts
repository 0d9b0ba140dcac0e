import { GLOBAL_SWITCHES } from "../../global-options.js";
import { arity } from "../common.js";
import type { Command, Opts } from "../../types.js";
import { elixirJson } from "../definitions/_elixir-json.js";

// warrenctl's own connection switches and --version stay out of the list, as rabbitmqctl does not have them
const NOT_RABBITMQCTL = new Set(["version", "url", "username", "password", "cacert", "insecure"]);

export const autocomplete: Command<string[]> = {
  name: "autocomplete",
  section: "help",
  description: "Completes a command name prefix, for shell completion scripts",
  usage: "autocomplete [prefix] [--timeout <timeout>]",
  docGuides: ["https://rabbitmq.com/cli.html"],
  notes: "Completes the whole argument as one word, as rabbitmqctl 3.10.8 does: a prefix of command names; an empty prefix lists the global long options; a complete command name prints nothing.",
  mergeDefaults: (args, opts) => {
    const { timeout: _ignored, ...rest } = opts;
    return [args, rest as Opts];
  },
  validate: (args) => arity(args, 1),
  run: async (args) => {
    const { REGISTRY } = await import("../../registry.js");
    const prefix = args[0]!;
    if (prefix === "") return GLOBAL_SWITCHES.map((s) => s.name).filter((n) => !NOT_RABBITMQCTL.has(n)).sort().map((n) => `--${n}`);
    if (REGISTRY.has(prefix)) return [];
    return [...REGISTRY.keys()].filter((n) => n.startsWith(prefix)).sort();
  },
  output: (names, opts) => {
    if (opts.formatter !== "json" && opts.formatter !== "json_stream") return { kind: "lines", lines: names };
    // rabbitmqctl streams the names: one {"message": ...} per line, rows after the first led by ","
    return { kind: "lines", lines: ["[", ...names.map((n, i) => `${i === 0 ? "" : ","}${elixirJson({ message: n })}`), "]"] };
  },
};
