#!/usr/bin/env node
// Start-up benchmark (npm run bench:cli): warrenctl list_queues vs rabbitmqctl list_queues vs bare node.
// Rounds interleave the three (rotating their order) so machine noise hits all alike; medians are compared.
// Usage: node scripts/bench/cli.mjs [--rounds N] [--hyperfine]   (needs a local RabbitMQ with management)
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { available, median, timeCommand, timeInterleaved } from "./lib/timing.mjs";

const argv = process.argv.slice(2);
const flag = (name) => argv.includes(name);
const rounds = Number(argv[argv.indexOf("--rounds") + 1]) || 20;
const warrenctl = fileURLToPath(new URL("../../bin/warrenctl.cjs", import.meta.url));

const subjects = [
  { name: "warrenctl list_queues", cmd: process.execPath, args: [warrenctl, "list_queues"] },
  { name: "rabbitmqctl list_queues", cmd: "rabbitmqctl", args: ["list_queues"], skip: !available("rabbitmqctl") },
  { name: "node -e 0", cmd: process.execPath, args: ["-e", "0"] },
].filter((s) => !s.skip);

/** A failing run aborts the benchmark (timing an error message is meaningless). */
function failOn(name, status, stderr) {
  console.error(`${name} failed (exit ${status}):\n${stderr}`);
  process.exit(1);
}

// warm-up: page cache, DNS, the broker's first answers
for (const s of subjects) {
  const r = timeCommand(s.cmd, s.args);
  if (r.status !== 0) failOn(s.name, r.status, r.stderr);
}
const timed = timeInterleaved(subjects, rounds);
const samples = new Map(subjects.map((s, i) => [s.name, timed[i].ms]));
for (const [i, t] of timed.entries()) if (t.error !== undefined) failOn(subjects[i].name, "non-zero", t.error);

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
