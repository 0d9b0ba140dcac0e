// How hard the fuzz tests push: small bounded runs in CI, long ones through scripts/fuzz.mjs (FUZZ_RUNS, FUZZ_SEED).
import fc from "fast-check";

const scale = Number(process.env.FUZZ_RUNS ?? "0");
const seed = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);

// fast-check's default "small" keeps generated arrays and strings to about ten elements: too tame for hostile input
fc.configureGlobal({ ...fc.readConfigureGlobal(), baseSize: "medium" });

function params(numRuns: number): fc.Parameters<unknown> {
  // a failure prints its seed; FUZZ_SEED replays it
  return { numRuns, ...(seed === undefined ? {} : { seed }) };
}

/** In-memory properties: `ciRuns` unless FUZZ_RUNS asks for more. */
export const fuzzRuns = (ciRuns: number): fc.Parameters<unknown> => params(scale > 0 ? Math.max(ciRuns, scale) : ciRuns);

/** Socket-level properties cost a connection per run, so they take a twentieth of FUZZ_RUNS. */
export const socketRuns = (ciRuns: number): fc.Parameters<unknown> => params(scale > 0 ? Math.max(ciRuns, Math.ceil(scale / 20)) : ciRuns);
