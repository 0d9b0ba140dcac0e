// Progress of long node operations (wait, shutdown), written as it happens, as rabbitmqctl streams it.
import { jsonText } from "../../format/values.js";
import type { CommandContext, Opts } from "../../types.js";

export interface Progress {
  /** A result line (printed even with -q). */
  say(text: string): void;
  /** An informational line (dropped by -q/-s, as rabbitmqctl's wait does). */
  log(text: string): void;
  /** Closes the json array; call once the operation succeeded. */
  end(): void;
}

export function progress(ctx: CommandContext, opts: Opts): Progress {
  const json = opts.formatter === "json";
  let count = 0;
  const say = (text: string): void => {
    ctx.io.stdout.write(json ? `${count === 0 ? "[\n" : ","}${jsonText({ message: text })}\n` : `${text}\n`);
    count++;
  };
  return {
    say,
    log: (text) => (opts.quiet || opts.silent ? undefined : say(text)),
    end: () => (json ? ctx.io.stdout.write(count === 0 ? "[\n]\n" : "]\n") : undefined),
  };
}

/** Whether a local OS process exists (EPERM means it exists but belongs to someone else). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
