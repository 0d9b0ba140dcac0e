// The commands of rabbitmqctl's "definitions" help section.
import type { AnyCommand } from "../../types.js";
import { export_definitions } from "./export_definitions.js";
import { import_definitions } from "./import_definitions.js";
export const definitionsCommands: AnyCommand[] = [export_definitions, import_definitions];
