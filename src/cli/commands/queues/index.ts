// The commands of rabbitmqctl's "queues" help section.
import type { AnyCommand } from "../../types.js";
import { delete_queue } from "./delete_queue.js";
import { purge_queue } from "./purge_queue.js";

export const queuesCommands: AnyCommand[] = [delete_queue, purge_queue];
