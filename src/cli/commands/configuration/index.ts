// The commands of rabbitmqctl's "configuration" help section.
import type { AnyCommand } from "../../types.js";
import { decode } from "./decode.js";
import { encode } from "./encode.js";
import { environment } from "./environment.js";
import { set_cluster_name } from "./set_cluster_name.js";
import { set_disk_free_limit } from "./set_disk_free_limit.js";
import { set_log_level } from "./set_log_level.js";
import { set_vm_memory_high_watermark } from "./set_vm_memory_high_watermark.js";
export const configurationCommands: AnyCommand[] = [decode, encode, environment, set_cluster_name, set_disk_free_limit, set_log_level, set_vm_memory_high_watermark];
