// The commands of rabbitmqctl's "help" help section.
import type { AnyCommand } from "../../types.js";
import { autocomplete } from "./autocomplete.js";
import { help } from "./help.js";
import { version } from "./version.js";

export const helpCommands: AnyCommand[] = [autocomplete, help, version];
