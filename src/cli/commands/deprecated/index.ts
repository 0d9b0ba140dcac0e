// The commands of rabbitmqctl's "deprecated" help section.
import type { AnyCommand } from "../../types.js";
import { hipe_compile } from "./hipe_compile.js";
import { node_health_check } from "./node_health_check.js";

export const deprecatedCommands: AnyCommand[] = [hipe_compile, node_health_check];
