// The commands of rabbitmqctl's "parameters" help section.
import type { AnyCommand } from "../../types.js";
export const parametersCommands: AnyCommand[] = [];
