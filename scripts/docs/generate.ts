// Every generated documentation file, as path -> content; gen-docs writes them and a test compares them.
import { readFileSync } from "node:fs";
import { GLOBAL_OPTION_DOCS } from "../../src/cli/global-options.js";
import { ALL_COMMANDS } from "../../src/cli/registry.js";
import type { AnyCommand } from "../../src/cli/types.js";
import { renderBash, renderZsh } from "./completions.js";
import { renderMan } from "./man.js";

export function packageVersion(root: URL): string {
  return (JSON.parse(readFileSync(new URL("package.json", root), "utf8")) as { version: string }).version;
}

/** Paths are relative to the repository root. */
export function generateDocs(root: URL, commands: readonly AnyCommand[] = ALL_COMMANDS): Record<string, string> {
  return {
    "man/warrenctl.8": renderMan(commands, GLOBAL_OPTION_DOCS, packageVersion(root)),
    "completions/warrenctl.bash": renderBash(commands),
    "completions/_warrenctl": renderZsh(commands),
  };
}
