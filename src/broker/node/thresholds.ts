import { totalmem } from "node:os";

/** vm_memory_high_watermark: a share of total memory (RabbitMQ's default 0.4) or an absolute byte count. */
export type MemoryWatermark = { readonly relative: number } | { readonly absolute: number };
/** disk_free_limit: bytes (RabbitMQ's default 50 MB) or a multiple of total memory. */
export type DiskFreeLimit = { readonly absolute: number } | { readonly mem_relative: number };

export const DEFAULT_MEMORY_WATERMARK: MemoryWatermark = { relative: 0.4 };
export const DEFAULT_DISK_FREE_LIMIT: DiskFreeLimit = { absolute: 50_000_000 };

/** The resource thresholds that raise memory and disk alarms; runtime settings, so a reset keeps them as RabbitMQ does. */
export class Thresholds {
  memory: MemoryWatermark = DEFAULT_MEMORY_WATERMARK;
  disk: DiskFreeLimit = DEFAULT_DISK_FREE_LIMIT;

  /** The memory limit in bytes (mem_limit). */
  memoryLimit(total = totalmem()): number {
    return "relative" in this.memory ? Math.floor(this.memory.relative * total) : this.memory.absolute;
  }

  /** The free disk space limit in bytes (disk_free_limit). */
  diskLimit(total = totalmem()): number {
    return "absolute" in this.disk ? this.disk.absolute : Math.floor(this.disk.mem_relative * total);
  }
}
