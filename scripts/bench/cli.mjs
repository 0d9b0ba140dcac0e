#!/usr/bin/env node
// Start-up benchmark (npm run bench:cli): warrenctl list_queues vs rabbitmqctl list_queues vs bare node.
// Rounds interleave the three (rotating their order) so machine noise hits all alike; medians are compared.
// Usage: node scripts/bench/cli.mjs [--rounds N] [--hyperfine]   (needs a local RabbitMQ with management)
import { spawnSync } from "node:child_process";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";

const argv = process.argv.slice(2);
const flag = (name) => argv.includes(name);
const rounds = Number(argv[argv.indexOf("--rounds") + 1]) || 20;
const warrenctl = fileURLToPath(new URL("../../bin/warrenctl.cjs", import.meta.url));

const available = (cmd) => spawnSync("sh", ["-c", `command -v ${cmd}`], { stdio: "ignore" }).status === 0;

const subjects = [
  { name: "warrenctl list_queues", cmd: process.execPath, args: [warrenctl, "list_queues"] },
  { name: "rabbitmqctl list_queues", cmd: "rabbitmqctl", args: ["list_queues"], skip: !available("rabbitmqctl") },
  { name: "node -e 0", cmd: process.execPath, args: ["-e", "0"] },
].filter((s) => !s.skip);

/** One run's wall time in ms; a failing run aborts the benchmark (timing an error message is meaningless). */
function timeOnce(s) {
  const t0 = performance.now();
  const r = spawnSync(s.cmd, s.args, { stdio: ["ignore", "ignore", "pipe"] });
  const ms = performance.now() - t0;
  if (r.status !== 0) {
    console.error(`${s.name} failed (exit ${r.status ?? r.signal}):\n${r.stderr?.toString() ?? ""}`);
    process.exit(1);
  }
  return ms;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

for (const s of subjects) timeOnce(s); // warm-up: page cache, DNS, the broker's first answers
const samples = new Map(subjects.map((s) => [s.name, []]));
for (let r = 0; r < rounds; r++) {
  for (let i = 0; i < subjects.length; i++) {
    const s = subjects[(r + i) % subjects.length];
    samples.get(s.name).push(timeOnce(s));
  }
}

console.log(`${rounds} interleaved rounds\n`);
console.log(`${"command".padEnd(26)}${"median".padStart(10)}${"min".padStart(10)}${"max".padStart(10)}`);
const med = {};
for (const [name, xs] of samples) {
  med[name] = median(xs);
  const f = (n) => `${n.toFixed(1)} ms`.padStart(10);
  console.log(`${name.padEnd(26)}${f(med[name])}${f(Math.min(...xs))}${f(Math.max(...xs))}`);
}

const w = med["warrenctl list_queues"];
const ratio = (label, base, goal) => {
  if (base === undefined) return console.log(`${label}: n/a (not measured)`);
  const x = w / base;
  console.log(`${label}: ${x.toFixed(2)} (goal <= ${goal}: ${x <= goal ? "met" : "missed"})`);
};
console.log("");
ratio("warrenctl/rabbitmqctl", med["rabbitmqctl list_queues"], 0.25);
ratio("warrenctl/node", med["node -e 0"], 1.5);

// hyperfine runs each command in its own block (not interleaved), so it is only a second opinion
if (flag("--hyperfine") && available("hyperfine")) {
  const quote = (s) => `'${s.cmd}' ${s.args.map((a) => `'${a}'`).join(" ")}`;
  const named = subjects.flatMap((s) => ["--command-name", s.name]);
  spawnSync("hyperfine", ["-N", "--warmup", "2", "--runs", String(rounds), ...named, ...subjects.map(quote)], { stdio: "inherit" });
}
