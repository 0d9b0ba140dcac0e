import { COMMANDS } from "./commands/index.js";
import type { AnyCommand } from "./types.js";

/** Commands by name; a duplicate name is a programming error caught at load (and by the tests). */
export function buildRegistry(commands: readonly AnyCommand[]): Map<string, AnyCommand> {
  const map = new Map<string, AnyCommand>();
  for (const c of commands) {
    if (map.has(c.name)) throw new Error(`duplicate command in registry: ${c.name}`);
    map.set(c.name, c);
  }
  return map;
}

export const REGISTRY = buildRegistry(COMMANDS);
export const ALL_COMMANDS: readonly AnyCommand[] = COMMANDS;
