// The commands of rabbitmqctl's "deprecated" help section.
import type { AnyCommand } from "../../types.js";
export const deprecatedCommands: AnyCommand[] = [];
