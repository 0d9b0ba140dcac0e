// warrenctl must offer every rabbitmqctl 3.10.8 command, in the help section rabbitmqctl puts it in.
// The list is read from rabbitmqctl's own `help` output, captured in the shared reference fixtures.
import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ALL_COMMANDS, buildRegistry, REGISTRY } from "../../src/cli/registry.js";
import { HELP_SECTIONS, type AnyCommand } from "../../src/cli/types.js";

const FIXTURE = new URL("../../../shared/reference/rabbitmqctl-fixtures/help.stdout", import.meta.url);

/** [name, section key] for each command line of `rabbitmqctl help`, in its order. */
function rabbitmqctlCommands(text: string): [string, string][] {
  const byTitle = new Map<string, string>(HELP_SECTIONS.map(([key, title]) => [title, key]));
  const out: [string, string][] = [];
  let section: string | undefined;
  for (const line of text.split("\n")) {
    const heading = /^\u001b\[1m(.+)\u001b\[0m:$/.exec(line);
    if (heading) {
      section = byTitle.get(heading[1]!);
      if (section === undefined) throw new Error(`help section not in HELP_SECTIONS: ${heading[1]}`);
      continue;
    }
    const cmd = /^ {3}([a-z_]+)(?: |$)/.exec(line);
    if (cmd && section) out.push([cmd[1]!, section]);
  }
  return out;
}

const expected = existsSync(FIXTURE) ? rabbitmqctlCommands(readFileSync(FIXTURE, "utf8")) : [];
// a checkout without shared/ beside it skips the comparison; CI has it and must not skip
if (expected.length === 0 && process.env.CI) throw new Error(`CI needs the rabbitmqctl help fixture at ${FIXTURE.pathname}`);

describe.skipIf(expected.length === 0)("command registry against rabbitmqctl 3.10.8", () => {
  it("the fixture lists rabbitmqctl's 100 commands", () => {
    expect(expected).toHaveLength(100);
  });

  it("registers every rabbitmqctl command", () => {
    const missing = expected.filter(([name]) => !REGISTRY.has(name)).map(([name]) => name);
    expect(missing, `${missing.length} commands not registered`).toEqual([]);
  });

  it("puts each command in rabbitmqctl's help section", () => {
    const misplaced = expected
      .filter(([name, section]) => REGISTRY.has(name) && REGISTRY.get(name)!.section !== section)
      .map(([name, section]) => `${name}: ${REGISTRY.get(name)!.section} instead of ${section}`);
    expect(misplaced).toEqual([]);
  });

  it("registers no command rabbitmqctl lacks", () => {
    const known = new Set(expected.map(([name]) => name));
    expect(ALL_COMMANDS.map((c) => c.name).filter((n) => !known.has(n))).toEqual([]);
  });
});

describe("command registry", () => {
  it("has no duplicate names", () => {
    const names = ALL_COMMANDS.map((c) => c.name);
    expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
    expect(REGISTRY.size).toBe(ALL_COMMANDS.length);
  });

  it("rejects a duplicate at build time", () => {
    const c = { name: "dup", section: "help", description: "d", usage: "dup", run: async () => undefined } as AnyCommand;
    expect(() => buildRegistry([c, c])).toThrow(/duplicate command in registry: dup/);
  });

  it("gives every command a description, a usage and a known section", () => {
    const sections = new Set<string>(HELP_SECTIONS.map(([key]) => key));
    const bad = ALL_COMMANDS.filter(
      (c) => c.description.trim() === "" || c.usage.trim() === "" || !sections.has(c.section) || typeof c.run !== "function",
    ).map((c) => c.name);
    expect(bad).toEqual([]);
  });

  it("gives column commands defaults drawn from their allowed columns", () => {
    const bad = ALL_COMMANDS.filter((c) => c.columns && (c.columns.defaults.length === 0 || c.columns.defaults.some((d) => !c.columns!.allowed.includes(d))));
    expect(bad.map((c) => c.name)).toEqual([]);
  });

  it("declares switch names without dashes and aliases of one letter", () => {
    const bad = ALL_COMMANDS.flatMap((c) => (c.switches ?? []).filter((s) => s.name.startsWith("-") || (s.alias !== undefined && !/^[A-Za-z?]$/.test(s.alias))).map((s) => `${c.name} ${s.name}`));
    expect(bad).toEqual([]);
  });
});
