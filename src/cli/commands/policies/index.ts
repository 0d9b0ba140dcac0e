// The commands of rabbitmqctl's "policies" help section.
import type { AnyCommand } from "../../types.js";
export const policiesCommands: AnyCommand[] = [];
