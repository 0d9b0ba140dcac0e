// The commands of rabbitmqctl's "queues" help section.
import type { AnyCommand } from "../../types.js";
export const queuesCommands: AnyCommand[] = [];
