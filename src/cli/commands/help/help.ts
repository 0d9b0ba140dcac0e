import { makeBold } from "../../ansi.js";
import { CommandError } from "../../errors.js";
import { ExitCode } from "../../exit-codes.js";
import { commandHelp, generalHelp } from "../../help.js";
import { suggest } from "../../suggest.js";
import { arity } from "../common.js";
import type { Command, CommandOutput, Opts } from "../../types.js";
import { elixirJson } from "../definitions/_elixir-json.js";

/** The help text in the pieces rabbitmqctl builds it from (its json formatter prints them as an array). */
type HelpResult = { kind: "general"; parts: string[] } | { kind: "command"; text: string };

/** Splits generalHelp() at its heading, section and command lines; the pieces join back to the text. */
export function helpParts(text: string): string[] {
  const marker = "\n\nAvailable commands:\n";
  const at = text.indexOf(marker);
  const parts = [text.slice(0, at), marker];
  let rest = text.slice(at + marker.length);
  while (rest.length > 0) {
    if (rest.startsWith("\nUse ")) {
      parts.push("\n", rest.slice(1).replace(/\n$/, ""));
      break;
    }
    const end = rest.startsWith("\n") ? rest.indexOf(":\n\n") + 3 : rest.indexOf("\n") + 1;
    parts.push(rest.slice(0, end));
    rest = rest.slice(end);
  }
  return parts;
}

function output(r: HelpResult, opts: Opts): CommandOutput {
  const json = opts.formatter === "json" || opts.formatter === "json_stream";
  if (r.kind === "command") {
    const text = r.text.replace(/\n$/, "");
    return { kind: "lines", lines: [json ? elixirJson({ message: text }) : text] };
  }
  return { kind: "lines", lines: [json ? elixirJson(r.parts) : r.parts.join("")] };
}

export const help: Command<HelpResult> = {
  name: "help",
  section: "help",
  description: "Shows the list of commands, or the usage and options of one command",
  usage: "help (<command> | [--list-commands])",
  usageAdditional: [["--list-commands", "print the command list alone, without the general usage"]],
  switches: [{ name: "list-commands", type: "boolean", description: "print only the list of commands" }],
  // help needs no node: --timeout (even 0) does not apply
  mergeDefaults: (args, opts) => {
    const { timeout: _ignored, ...rest } = opts;
    return [args, rest as Opts];
  },
  validate: (args) => arity(args, 0, 1),
  run: async (args, opts, ctx) => {
    // the registry imports every command, this one included: load it only when help runs
    const { ALL_COMMANDS, REGISTRY } = await import("../../registry.js");
    const prog = ctx.prog ?? "warrenctl";
    const bold = makeBold(ctx.io.env);
    const name = args[0];
    if (name !== undefined) {
      const cmd = REGISTRY.get(name);
      if (cmd) return { kind: "command", text: commandHelp(cmd, prog, bold) };
      const close = suggest(name, [...REGISTRY.keys()]);
      throw new CommandError(ExitCode.usage, close ? `\nCommand '${name}' not found. \nDid you mean '${close}'? \n` : `\nCommand '${name}' not found.`);
    }
    const parts = helpParts(generalHelp(ALL_COMMANDS, prog, bold));
    // --list-commands: the sections alone, ending with an empty line instead of the "Use ..." hint
    return { kind: "general", parts: opts["list-commands"] === true ? parts.slice(2, -1) : parts };
  },
  output,
};
