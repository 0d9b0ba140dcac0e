// The commands of rabbitmqctl's "feature-flags" help section.
import type { AnyCommand } from "../../types.js";
export const featureFlagsCommands: AnyCommand[] = [];
