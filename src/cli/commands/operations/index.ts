// The commands of rabbitmqctl's "operations" help section.
import type { AnyCommand } from "../../types.js";
export const operationsCommands: AnyCommand[] = [];
