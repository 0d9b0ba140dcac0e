// The commands of rabbitmqctl's "cluster" help section.
import type { AnyCommand } from "../../types.js";
export const clusterCommands: AnyCommand[] = [];
