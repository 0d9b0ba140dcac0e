// The commands of rabbitmqctl's "replication" help section.
import type { AnyCommand } from "../../types.js";
export const replicationCommands: AnyCommand[] = [];
