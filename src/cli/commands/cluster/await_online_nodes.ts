import { CommandError, UsageError } from "../../errors.js";
import { ExitCode } from "../../exit-codes.js";
import { arity } from "../common.js";
import { fetchNodes, targetNode } from "./_nodes.js";
import type { Command, Opts } from "../../types.js";

const DEFAULT_MS = 300000;
const POLL_MS = 500;

/** Integer.parse: the leading integer and the rest, or undefined when there is none. */
function leadingInt(s: string): [number, string] | undefined {
  const m = /^[+-]?\d+/.exec(s);
  return m ? [Number(m[0]), s.slice(m[0].length)] : undefined;
}

/** rabbitmqctl 3.10 crashes on a count below 1 (exit 70); keep its exit code and error term. */
function checkPositive(arg: string | undefined): void {
  const parsed = leadingInt(arg ?? "");
  if (parsed && parsed[0] < 1) throw new CommandError(ExitCode.software, `{:case_clause, {${parsed[0]}, ${JSON.stringify(parsed[1])}}}\n`, true);
}

const waitMs = (opts: Opts): number => (typeof opts.awaitTimeout === "number" ? opts.awaitTimeout : DEFAULT_MS);
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export const await_online_nodes: Command<void> = {
  name: "await_online_nodes",
  section: "cluster",
  description: "Waits until at least <count> cluster nodes are running",
  usage: "await_online_nodes <count> [--timeout <timeout>]",
  usageAdditional: [["<count>", "how many cluster nodes must be running; with 1 the command returns as soon as the node answers"]],
  notes: "Polls GET /api/nodes and counts the nodes listed as running.",
  // the wait reports its own timeout (exit 70); only -t 0 is left to the generic check (exit 75)
  mergeDefaults(args, opts) {
    if (opts.timeout === 0) return [args, opts];
    const { timeout, ...rest } = opts;
    return [args, { ...rest, awaitTimeout: timeout ?? DEFAULT_MS }];
  },
  validate(args) {
    const bad = arity(args, 1);
    if (bad) return bad;
    return leadingInt(args[0]!) ? undefined : new UsageError("Bad argument: Argument must be a positive integer", ExitCode.dataErr);
  },
  banner(args, opts) {
    checkPositive(args[0]);
    return `Will wait for at least ${args[0]} nodes to join the cluster of ${opts.node}. Timeout: ${Math.trunc(waitMs(opts) / 1000)} seconds.`;
  },
  async run(args, opts, ctx) {
    checkPositive(args[0]);
    const want = leadingInt(args[0]!)![0];
    const deadline = Date.now() + waitMs(opts);
    for (;;) {
      const nodes = await fetchNodes(ctx, "name,running");
      targetNode(ctx, nodes);
      if (nodes.filter((n) => n.running !== false).length >= want) return;
      const left = deadline - Date.now();
      if (left <= 0) throw new CommandError(ExitCode.software, `Error: timed out while waiting. Not enough nodes joined ${opts.node}'s cluster.`);
      await sleep(Math.min(POLL_MS, left));
    }
  },
};
