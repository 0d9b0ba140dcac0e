import { GLOBAL_OPTION_DOCS } from "./global-options.js";
import { HELP_SECTIONS, type AnyCommand } from "./types.js";

const NAME_WIDTH = 28; // longest command name, list_node_auth_attempt_stats

/** `help` with no command: sections in rabbitmqctl's order, names sorted within each. */
export function generalHelp(commands: readonly AnyCommand[], prog: string, bold: (s: string) => string): string {
  let out = `\n${bold("Usage")}\n\n${prog} [--node <node>] [--timeout <timeout>] [--longnames] [--quiet] <command> [<command options>]\n\nAvailable commands:\n`;
  for (const [key, title] of HELP_SECTIONS) {
    const members = commands.filter((c) => c.section === key).sort((a, b) => (a.name < b.name ? -1 : 1));
    if (members.length === 0) continue;
    out += `\n${bold(title)}:\n\n`;
    for (const c of members) out += `   ${c.name.padEnd(NAME_WIDTH)}  ${c.description}\n`;
  }
  out += `\nUse '${prog} help <command>' to learn more about a specific command\n`;
  return out;
}

export const usagePrefix = (prog: string): string => `${prog} [--node <node>] [--longnames] [--quiet]`;

export function usageLine(c: AnyCommand, prog: string): string {
  return `${usagePrefix(prog)} ${c.usage}`;
}

/** The "General Options" block of `help <command>`, in rabbitmqctl's layout, listing warrenctl's options. */
function generalOptions(): string {
  const rows = GLOBAL_OPTION_DOCS.map((o) => {
    const short = o.short ? `${o.short}${o.value && o.short !== "-?" ? ` <${o.value}>` : ""}` : "";
    const long = `${o.long}${o.value ? ` <${o.value}>` : ""}`;
    return [short, long, o.description] as const;
  });
  const w1 = Math.max(16, ...rows.map((r) => r[0].length));
  const w2 = Math.max(13, ...rows.map((r) => r[1].length));
  let out = `${"short".padEnd(w1)} | ${"long".padEnd(w2)} | description\n`;
  out += `${"-".repeat(w1 + 1)}|${"-".repeat(w2 + 2)}|${"-".repeat(32)}\n`;
  for (const [s, l, d] of rows) out += `${s.padEnd(w1)} | ${l.padEnd(w2)} | ${d}\n`;
  return out;
}

/** `help <command>`, `<command> --help`: usage, description, arguments, guides, general options. */
export function commandHelp(c: AnyCommand, prog: string, bold: (s: string) => string): string {
  let out = `\n${bold("Usage")}\n\n${usageLine(c, prog)}\n\n${c.description}.\n\n`;
  const args: [string, string][] = [...(c.usageAdditional ?? [])];
  if (c.columns && !args.some(([a]) => a === "<column>")) args.unshift(["<column>", `must be one of ${[...c.columns.allowed].sort().join(", ")}`]);
  if (args.length > 0) {
    out += `\n${bold("Arguments and Options")}\n\n`;
    for (const [a, t] of args) out += `${a}\n\t${t}\n\n`;
  }
  if (c.docGuides && c.docGuides.length > 0) {
    out += `\n${bold("Relevant Doc Guides")}\n\n`;
    // rabbitmqctl separates the guides with an empty line
    out += `${c.docGuides.map((g) => ` * ${g}\n`).join("\n")}\n`;
  }
  out += `\n${bold("General Options")}\n\nThe following options are accepted by most or all commands.\n\n${generalOptions()}\n`;
  return out;
}
