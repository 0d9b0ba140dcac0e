// The commands of rabbitmqctl's "access-control" help section.
import type { AnyCommand } from "../../types.js";
export const accessControlCommands: AnyCommand[] = [];
