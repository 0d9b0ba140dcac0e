// The committed man page and completions must be what scripts/gen-docs.ts makes from today's registry.
import { execFileSync, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { generateDocs } from "../../scripts/docs/generate.js";
import { GENERATED_NOTE } from "../../scripts/docs/man.js";
import { ExitCode } from "../../src/cli/exit-codes.js";
import { generalHelp } from "../../src/cli/help.js";
import { ALL_COMMANDS } from "../../src/cli/registry.js";
import { FORMATTERS } from "../../src/cli/types.js";

const root = new URL("../../", import.meta.url);
const committed = (path: string): string => readFileSync(new URL(path, root), "utf8");
const generated = generateDocs(root);
const man = committed("man/warrenctl.8");
const REGEN = "regenerate with `npm run gen:docs` and commit the result";

describe("generated docs", () => {
  for (const [path, text] of Object.entries(generated)) {
    it(`${path} matches the registry (${REGEN})`, () => {
      expect(committed(path), `${path} is stale: ${REGEN}`).toBe(text);
    });
    it(`${path} says it is generated`, () => {
      expect(text.split("\n").slice(0, 2).join("\n")).toContain(GENERATED_NOTE);
    });
  }

  it("the man page has an entry for every registered command", () => {
    const missing = ALL_COMMANDS.filter((c) => !man.includes(`.TP\n\\fB${c.name.replace(/-/g, "\\-")}\\fR\n\\fBwarrenctl\\fR `)).map((c) => c.name);
    expect(missing).toEqual([]);
  });

  it("lists the commands in the sections and order that `warrenctl help` prints", () => {
    const fromHelp: string[] = [];
    for (const line of generalHelp(ALL_COMMANDS, "warrenctl", (t) => t).split("\n")) {
      const heading = /^(\S.*):$/.exec(line);
      const cmd = /^ {3}(\S+)/.exec(line);
      if (heading && heading[1] !== "Available commands") fromHelp.push(`## ${heading[1]}`);
      else if (cmd) fromHelp.push(cmd[1]!);
    }
    const commands = man.slice(man.indexOf(".SH COMMANDS"), man.indexOf(".SH OUTPUT FORMATS"));
    const fromMan = [...commands.matchAll(/^\.SS "(.+)"$|^\.TP\n\\fB(\S+?)\\fR\n\\fBwarrenctl\\fR /gm)].map((m) => (m[1] ? `## ${m[1]}` : m[2]!.replace(/\\-/g, "-")));
    expect(fromMan).toEqual(fromHelp);
  });

  it("the man page documents every exit code and formatter", () => {
    for (const code of Object.values(ExitCode)) expect(man).toContain(`.TP\n\\fB${code}\\fR\n`);
    for (const f of FORMATTERS) expect(man).toContain(`.TP\n\\fB${f}\\fR\n`);
  });

  it("the man page has the sections a reader looks for", () => {
    const sections = [...man.matchAll(/^\.SH (.+)$/gm)].map((m) => m[1]);
    expect(sections).toEqual([
      "NAME", "SYNOPSIS", "DESCRIPTION", "GLOBAL OPTIONS", "COMMANDS", "OUTPUT FORMATS", "EXIT STATUS",
      "ENVIRONMENT", "FILES", "EXAMPLES", "DIFFERENCES FROM RABBITMQCTL", "SEE ALSO",
    ]);
  });

  it("package.json lists only man pages that exist", () => {
    const pkg = JSON.parse(committed("package.json")) as { man?: string[] };
    for (const page of pkg.man ?? []) expect(() => committed(page), page).not.toThrow();
  });
});

const hasGroff = (() => {
  try {
    execFileSync("groff", ["-v"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();

describe.skipIf(!hasGroff)("man page rendering", () => {
  it("groff formats it without a warning", () => {
    const r = spawnSync("groff", ["-man", "-ww", "-z", fileURLToPath(new URL("man/warrenctl.8", root))], { encoding: "utf8" });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
  });
});
