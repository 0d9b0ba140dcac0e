// The commands of rabbitmqctl's "help" help section.
import type { AnyCommand } from "../../types.js";
import { version } from "./version.js";

export const helpCommands: AnyCommand[] = [version];
