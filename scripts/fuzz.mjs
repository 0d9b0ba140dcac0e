#!/usr/bin/env node
// Long fuzz runs of the AMQP input tests (test/fuzz): the same properties CI runs briefly, with many more cases.
//   node scripts/fuzz.mjs [--runs N] [--seed S] [--loop] [vitest filters...]
// --runs sets FUZZ_RUNS (in-memory properties take N cases, socket-level ones N/20); --seed replays a failure fast-check
// reported; --loop repeats with fresh seeds until a run fails. Exit code: vitest's.
import { spawnSync } from "node:child_process";
import { parseArgs } from "node:util";

const { values, positionals } = parseArgs({
  options: { runs: { type: "string", default: "20000" }, seed: { type: "string" }, loop: { type: "boolean", default: false } },
  allowPositionals: true,
});
if (!/^\d+$/.test(values.runs) || (values.seed !== undefined && !/^-?\d+$/.test(values.seed))) {
  console.error("usage: node scripts/fuzz.mjs [--runs N] [--seed S] [--loop] [vitest filters...]");
  process.exit(64);
}

function once(seed) {
  const env = { ...process.env, FUZZ_RUNS: values.runs, ...(seed === undefined ? {} : { FUZZ_SEED: seed }) };
  const args = ["vitest", "run", "--project", "warren", "--testTimeout", "0", ...(positionals.length > 0 ? positionals : ["test/fuzz"])];
  console.log(`fuzz: FUZZ_RUNS=${values.runs}${seed === undefined ? "" : ` FUZZ_SEED=${seed}`} npx ${args.join(" ")}`);
  return spawnSync("npx", args, { stdio: "inherit", env }).status ?? 1;
}

let status = once(values.seed);
while (values.loop && status === 0) status = once(String(Math.floor(Math.random() * 2 ** 31)));
process.exit(status);
