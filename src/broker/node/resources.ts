import { readdirSync, readFileSync, statfsSync } from "node:fs";
import { availableParallelism, totalmem, tmpdir } from "node:os";
import { PerformanceObserver } from "node:perf_hooks";
import { getHeapSpaceStatistics } from "node:v8";

/** Garbage collections seen since the node started: V8 reports each one to a performance observer. */
const gcSeen = { count: 0 };
let gcObserver: PerformanceObserver | undefined;

export function watchGc(): void {
  if (gcObserver !== undefined) return;
  gcObserver = new PerformanceObserver((list) => {
    gcSeen.count += list.getEntries().length;
  });
  gcObserver.observe({ entryTypes: ["gc"] });
}

export const gcCount = (): number => gcSeen.count;

/** Descriptors this process holds (Linux /proc); undefined where the platform does not say. */
export function fdUsed(): number | undefined {
  try {
    return readdirSync("/proc/self/fd").length;
  } catch {
    return undefined;
  }
}

/** The soft limit on open descriptors (`ulimit -n`), RabbitMQ's fd_total. */
export function fdTotal(): number | undefined {
  try {
    const m = /^Max open files\s+(\d+|unlimited)/m.exec(readFileSync("/proc/self/limits", "utf8"));
    if (m === null) return undefined;
    return m[1] === "unlimited" ? Number.MAX_SAFE_INTEGER : Number(m[1]);
  } catch {
    return undefined;
  }
}

/** Free bytes on the file system holding dir (statfs: blocks available to unprivileged users). */
export function diskFree(dir: string | undefined): number {
  const s = statfsSync(dir ?? tmpdir());
  return s.bavail * s.bsize;
}

export const processors = (): number => availableParallelism();
export const totalMemory = (): number => totalmem();

/**
 * Where the process's resident memory goes, in RabbitMQ's breakdown keys where the meaning carries over:
 * binary = Buffers (message bodies, socket data), code = V8 code space, other_proc = the rest of the JS heap,
 * allocated_unused = heap reserved but free, other_system = native memory outside Buffers,
 * reserved_unallocated = resident memory outside the V8 heap (the runtime itself). The parts add up to rss.
 */
export function memoryBreakdown(): { parts: Record<string, number>; total: { erlang: number; rss: number; allocated: number } } {
  const m = process.memoryUsage();
  const code = getHeapSpaceStatistics()
    .filter((s) => s.space_name.startsWith("code"))
    .reduce((n, s) => n + s.space_used_size, 0);
  const nonNegative = (n: number): number => Math.max(0, n);
  const parts = {
    binary: m.arrayBuffers,
    code,
    other_proc: nonNegative(m.heapUsed - code),
    allocated_unused: nonNegative(m.heapTotal - m.heapUsed),
    other_system: nonNegative(m.external - m.arrayBuffers),
    reserved_unallocated: nonNegative(m.rss - m.heapTotal - m.external),
  };
  // "erlang" is the runtime's own accounting (RabbitMQ: erlang:memory(total)); here the V8 heap in use plus native memory
  return { parts, total: { erlang: m.heapUsed + m.external, rss: m.rss, allocated: m.heapTotal + m.external } };
}

/** A share of total in whole percent, as RabbitMQ's relative breakdown rounds it: anything non-zero is at least 1. */
export const percentOf = (part: number, total: number): number => (part <= 0 || total <= 0 ? 0 : Math.max(1, Math.round((part / total) * 100)));
