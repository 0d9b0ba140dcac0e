import { readFile } from "node:fs/promises";
import { CommandError, TimeoutError } from "../../errors.js";
import { ExitCode } from "../../exit-codes.js";
import { nodeOperation } from "./_extension.js";
import { processAlive, progress, sleep } from "./_progress.js";
import type { Command, Opts } from "../../types.js";

const DEFAULT_MS = 10000;
const APPS = "rabbit_and_plugins";
const waitMs = (opts: Opts): number => (typeof opts.waitTimeout === "number" ? opts.waitTimeout : DEFAULT_MS);

/** Polls a pid file until it holds a pid; undefined when the deadline passes first. */
async function pidFromFile(path: string, deadline: number): Promise<number | undefined> {
  for (;;) {
    const text = await readFile(path, "latin1").catch(() => undefined);
    const m = text === undefined ? null : /^\s*(\d+)/.exec(text);
    if (m) return Number(m[1]);
    if (text !== undefined) throw new CommandError(ExitCode.software, "Error: garbage in pid file.");
    if (Date.now() >= deadline) return undefined;
    await sleep(Math.min(1000, Math.max(0, deadline - Date.now())));
  }
}

export const wait: Command<void> = {
  name: "wait",
  section: "nodes",
  description: "Waits for a starting node, identified by its pid or pid file, until its broker application runs",
  usage: "wait [<pidfile>] [--pid|-P <pid>] [--timeout <timeout>]",
  usageAdditional: [["<pidfile>", "path of the node's pid file"], ["--pid <pid>", "the node's OS process id"]],
  switches: [{ name: "pid", alias: "P", type: "integer", description: "the node's OS process id" }],
  extension: "wait",
  notes: "Needs warren's `wait` extension. Request {\"timeout\": <ms left>}; the node answers once its application has started (or exit_code 75 / an error per the shared contract). The pid (file) is checked on the machine warrenctl runs on, and the node's management API must already answer when the command starts.",
  // the steps print progress and share one deadline, reported in rabbitmqctl's timeout wording
  mergeDefaults(args, opts) {
    const { timeout, ...rest } = opts;
    return [args, { ...rest, waitTimeout: timeout ?? DEFAULT_MS }];
  },
  validate(args, opts) {
    if (args.length > 1) return "too many arguments.";
    if (args.length === 1 && opts.pid !== undefined) return '"Cannot specify both pid and pidfile"';
    if (args.length === 0 && opts.pid === undefined) return '"No pid or pidfile specified"';
    return undefined;
  },
  async run(args, opts, ctx) {
    const ms = waitMs(opts);
    const deadline = Date.now() + ms;
    const timedOut = (): CommandError => new CommandError(ExitCode.tempFail, new TimeoutError("wait", opts.node, ms).message, true);
    const out = progress(ctx, opts);
    let pid = typeof opts.pid === "number" ? opts.pid : undefined;
    if (args[0] !== undefined) {
      out.log(`Waiting for pid file '${args[0]}' to appear`);
      pid = await pidFromFile(args[0], deadline);
      if (pid === undefined) throw timedOut();
      out.log(`pid is ${pid}`);
    }
    out.log(`Waiting for erlang distribution on node '${opts.node}' while OS process '${pid}' is running`);
    if (Date.now() >= deadline) throw timedOut();
    if (!processAlive(pid!)) throw new CommandError(ExitCode.unavailable, "process_not_running");
    out.log(`Waiting for applications '${APPS}' to start on node '${opts.node}'`);
    await nodeOperation(ctx, "wait", { timeout: Math.max(0, deadline - Date.now()) });
    out.log(`Applications '${APPS}' are running on node '${opts.node}'`);
    out.end();
  },
  output: () => ({ kind: "lines", lines: [] }),
};
