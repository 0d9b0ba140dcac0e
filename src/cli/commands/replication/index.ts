// The commands of rabbitmqctl's "replication" help section.
import type { AnyCommand } from "../../types.js";
import { cancel_sync_queue } from "./cancel_sync_queue.js";
import { sync_queue } from "./sync_queue.js";

export const replicationCommands: AnyCommand[] = [cancel_sync_queue, sync_queue];
