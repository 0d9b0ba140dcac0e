// The commands of rabbitmqctl's "parameters" help section.
import type { AnyCommand } from "../../types.js";
import { clear_global_parameter } from "./clear_global_parameter.js";
import { clear_parameter } from "./clear_parameter.js";
import { list_global_parameters } from "./list_global_parameters.js";
import { list_parameters } from "./list_parameters.js";
import { set_global_parameter } from "./set_global_parameter.js";
import { set_parameter } from "./set_parameter.js";

export const parametersCommands: AnyCommand[] = [
  clear_global_parameter,
  clear_parameter,
  list_global_parameters,
  list_parameters,
  set_global_parameter,
  set_parameter,
];
