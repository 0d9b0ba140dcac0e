// The commands of rabbitmqctl's "operations" help section.
import type { AnyCommand } from "../../types.js";
import { close_all_connections } from "./close_all_connections.js";
import { close_all_user_connections } from "./close_all_user_connections.js";
import { close_connection } from "./close_connection.js";
import { evalCommand } from "./eval.js";
import { eval_file } from "./eval_file.js";
import { exec } from "./exec.js";
import { force_gc } from "./force_gc.js";
import { resume_listeners } from "./resume_listeners.js";
import { suspend_listeners } from "./suspend_listeners.js";
export const operationsCommands: AnyCommand[] = [
  close_all_connections, close_all_user_connections, close_connection, evalCommand, eval_file, exec, force_gc, resume_listeners, suspend_listeners,
];
