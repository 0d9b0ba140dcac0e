// The commands of rabbitmqctl's "monitoring" help section.
import type { AnyCommand } from "../../types.js";
export const monitoringCommands: AnyCommand[] = [];
