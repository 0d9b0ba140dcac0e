// The commands of rabbitmqctl's "feature-flags" help section.
import type { AnyCommand } from "../../types.js";
import { enable_feature_flag } from "./enable_feature_flag.js";
import { list_feature_flags } from "./list_feature_flags.js";
export const featureFlagsCommands: AnyCommand[] = [enable_feature_flag, list_feature_flags];
