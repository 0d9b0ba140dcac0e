// The commands of rabbitmqctl's "virtual-hosts" help section.
import type { AnyCommand } from "../../types.js";
export const virtualHostsCommands: AnyCommand[] = [];
