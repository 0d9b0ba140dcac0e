// Small measuring helpers shared by the bench scripts (bench:cli and bench).
import { spawnSync } from "node:child_process";
import { performance } from "node:perf_hooks";

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length === 0 ? undefined : s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** Wall time of one run of a command in ms, with its exit status and stderr (stdout discarded). */
export function timeCommand(cmd, args, env = process.env) {
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { stdio: ["ignore", "ignore", "pipe"], env, maxBuffer: 16 * 1024 * 1024 });
  return { ms: performance.now() - t0, status: r.status ?? r.signal, stderr: r.stderr?.toString() ?? "" };
}

export const available = (cmd) => spawnSync("sh", ["-c", `command -v ${cmd}`], { stdio: "ignore" }).status === 0;

/** Wall times (ms) of commands run in interleaved rounds, rotating their order, so machine noise hits all alike; a failing run ends that command's samples. */
export function timeInterleaved(commands, rounds) {
  const samples = new Map(commands.map((c) => [c, []]));
  const failed = new Map();
  for (let r = 0; r < rounds; r++) {
    for (let i = 0; i < commands.length; i++) {
      const c = commands[(r + i) % commands.length];
      if (failed.has(c)) continue;
      const t = timeCommand(c.cmd, c.args, c.env ?? process.env);
      if (t.status !== 0) failed.set(c, t.stderr.trim().split("\n")[0]);
      else samples.get(c).push(t.ms);
    }
  }
  return commands.map((c) => ({ ms: samples.get(c), median: median(samples.get(c)), error: failed.get(c) }));
}
