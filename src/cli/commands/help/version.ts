import { VERSION } from "../../version.js";
import { arity } from "../common.js";
import type { Command } from "../../types.js";

export const version: Command<string> = {
  name: "version",
  section: "help",
  description: "Prints the version of warrenctl (the rabbitmqctl release it mirrors)",
  usage: "version",
  validate: (args) => arity(args, 0),
  run: async () => VERSION,
  output: (v, opts) => ({
    kind: "value",
    text: v,
    json: { node: opts.node, result: "ok", value: { version: v } },
    csv: [["version"], [[v]]],
  }),
};
