import { ConnectFailed } from "./connection.js";
import { parsePerfArgs, USAGE } from "./options.js";
import type { Sample } from "./meter.js";
import { describeRun, formatSample, formatSummary } from "./report.js";
import { runPerf } from "./run.js";
import { parseAmqpUri, redactUri } from "./uri.js";

// the bundle's exports: the bench script drives brokers with this client too (idle connections, queue declares)
export { PerfChannel } from "./channel.js";
export { ConnectFailed, PerfConnection, ServerClosed } from "./connection.js";
export { type PerfOptions, parsePerfArgs } from "./options.js";
export { type PerfSummary, runPerf } from "./run.js";

export interface PerfIo {
  readonly stdout: { write(s: string): unknown };
  readonly stderr: { write(s: string): unknown };
  /** Ends the run early, as Ctrl-C does; when absent, SIGINT/SIGTERM are listened to. */
  readonly signal?: AbortSignal;
}

/** warren-perf: returns the exit code (0 ok, 1 the run had errors, 64 usage, 69 broker unreachable). */
export async function run(argv: readonly string[] = process.argv.slice(2), io: PerfIo = process): Promise<number> {
  const parsed = parsePerfArgs(argv);
  if (parsed.kind === "help") {
    io.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (parsed.kind === "usage-error") {
    io.stderr.write(`warren-perf: ${parsed.message}\n${USAGE}\n`);
    return 64;
  }
  const o = parsed.options;
  try {
    parseAmqpUri(o.uri);
  } catch (e) {
    io.stderr.write(`warren-perf: ${(e as Error).message}\n${USAGE}\n`);
    return 64;
  }
  const abort = new AbortController();
  const onSignal = (): void => abort.abort();
  if (io.signal === undefined) {
    process.once("SIGINT", onSignal);
    process.once("SIGTERM", onSignal);
  } else io.signal.addEventListener("abort", onSignal, { once: true });
  try {
    const human = { onStart: () => io.stdout.write(`warren-perf: ${describeRun(o)} -> ${redactUri(o.uri)}\n`), onSample: (s: Sample) => io.stdout.write(`${formatSample(s, o)}\n`) };
    const summary = await runPerf(o, { signal: abort.signal, ...(o.json ? {} : human) });
    io.stdout.write(o.json ? `${JSON.stringify(summary)}\n` : `${formatSummary(summary)}\n`);
    for (const e of o.json ? summary.errors : []) io.stderr.write(`warren-perf: ${e}\n`);
    return summary.errors.length === 0 ? 0 : 1;
  } catch (e) {
    io.stderr.write(`warren-perf: ${(e as Error).message}\n`);
    return e instanceof ConnectFailed ? 69 : 1;
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  }
}
