// The machine a bench ran on, for BENCHMARKS.md.
import { readFileSync } from "node:fs";
import { cpus, loadavg, release, totalmem } from "node:os";

export function machine() {
  let cpu = cpus()[0]?.model ?? "unknown";
  try {
    cpu = /^model name\s*:\s*(.+)$/m.exec(readFileSync("/proc/cpuinfo", "utf8"))?.[1] ?? cpu;
  } catch {}
  return { cpu, cores: cpus().length, memoryBytes: totalmem(), kernel: release(), node: process.version };
}

export const load = () => loadavg().map((x) => Number(x.toFixed(2)));
