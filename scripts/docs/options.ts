// Option facts shared by the man page and the completions, derived from what the parser accepts.
import { GLOBAL_OPTION_DOCS, GLOBAL_SWITCHES, TABLE_SWITCHES } from "../../src/cli/global-options.js";
import type { AnyCommand, SwitchSpec } from "../../src/cli/types.js";

/** Global options a user should be offered: the documented ones and --version. */
export function globalOptionWords(): string[] {
  const words = GLOBAL_OPTION_DOCS.flatMap((o) => (o.short && o.short !== "-?" ? [o.short, o.long] : [o.long]));
  if (GLOBAL_SWITCHES.some((s) => s.name === "version")) words.push("--version");
  return words;
}

/** Global switches rabbitmqctl has that warrenctl accepts and ignores (no documented meaning over HTTP). */
export function ignoredGlobalSwitches(): string[] {
  const documented = new Set(GLOBAL_OPTION_DOCS.map((o) => o.long.replace(/^--(no-)?/, "")));
  for (const t of TABLE_SWITCHES) documented.add(t.name);
  return GLOBAL_SWITCHES.filter((s) => !documented.has(s.name) && s.name !== "version").map((s) => `--${s.name}`);
}

/** Every spelling (short and long) of a switch that consumes the next word as its value. */
export function valueTakingWords(commands: readonly AnyCommand[]): string[] {
  const words = new Set<string>();
  for (const s of [...GLOBAL_SWITCHES, ...commands.flatMap((c) => c.switches ?? [])]) {
    if (s.type === "boolean") continue;
    words.add(`--${s.name}`);
    if (s.alias) words.add(`-${s.alias}`);
  }
  return [...words].sort();
}

/** A command switch as written on the command line: "-e, --if-empty" or "--priority <integer>". */
export function switchLabel(s: SwitchSpec): string {
  const value = s.type === "boolean" ? "" : ` <${s.type === "string" ? "value" : s.type}>`;
  return `${s.alias ? `-${s.alias}, ` : ""}--${s.name}${value}`;
}

/** Words completing a command's own switches (the table formatter's switches are global words). */
export const commandSwitchWords = (c: AnyCommand): string[] =>
  (c.switches ?? []).flatMap((s) => (s.alias ? [`-${s.alias}`, `--${s.name}`] : [`--${s.name}`]));
