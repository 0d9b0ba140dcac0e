// The commands of rabbitmqctl's "configuration" help section.
import type { AnyCommand } from "../../types.js";
export const configurationCommands: AnyCommand[] = [];
