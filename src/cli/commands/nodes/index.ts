// The commands of rabbitmqctl's "nodes" help section.
import type { AnyCommand } from "../../types.js";
import { await_startup } from "./await_startup.js";
import { reset } from "./reset.js";
import { rotate_logs } from "./rotate_logs.js";
import { shutdown } from "./shutdown.js";
import { start_app } from "./start_app.js";
import { stop } from "./stop.js";
import { stop_app } from "./stop_app.js";
import { wait } from "./wait.js";

export const nodesCommands: AnyCommand[] = [await_startup, reset, rotate_logs, shutdown, start_app, stop, stop_app, wait];
