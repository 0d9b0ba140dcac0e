// The commands of rabbitmqctl's "definitions" help section.
import type { AnyCommand } from "../../types.js";
export const definitionsCommands: AnyCommand[] = [];
