// The commands of rabbitmqctl's "nodes" help section.
import type { AnyCommand } from "../../types.js";
export const nodesCommands: AnyCommand[] = [];
