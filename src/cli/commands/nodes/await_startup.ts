import { TransportError, CommandError, TimeoutError } from "../../errors.js";
import { ExitCode } from "../../exit-codes.js";
import { arity } from "../common.js";
import { sleep } from "./_progress.js";
import type { Command, Opts } from "../../types.js";

const DEFAULT_MS = 300000;
const POLL_MS = 500;
const HEALTH = "/api/health/checks/virtual-hosts";
const waitMs = (opts: Opts): number => (typeof opts.startupTimeout === "number" ? opts.startupTimeout : DEFAULT_MS);

const appStopped = (res: { status: number; body: unknown }): boolean =>
  res.status === 503 && typeof res.body === "object" && res.body !== null && (res.body as { error?: unknown }).error === "not_running";

export const await_startup: Command<void> = {
  name: "await_startup",
  section: "nodes",
  description: "Waits until the node has fully started and serves clients",
  usage: "await_startup",
  notes: "Polls GET /api/health/checks/virtual-hosts until the node answers at all (the management API only serves a started node, so a failed check, 503, still counts as started, except warren's 503 not_running for a stopped application); an unreachable API or a gateway error (502/504) means \"not started yet\". Default timeout 300 s; -t 0 checks once.",
  // the wait reports its own timeout, and -t 0 still checks once (as rabbitmqctl does)
  mergeDefaults(args, opts) {
    const { timeout, ...rest } = opts;
    return [args, { ...rest, startupTimeout: timeout ?? DEFAULT_MS }];
  },
  validate: (args) => arity(args, 0),
  async run(_args, opts, ctx) {
    const ms = waitMs(opts);
    const deadline = Date.now() + ms;
    for (;;) {
      try {
        const res = await ctx.api.raw("GET", HEALTH);
        // refused credentials are final; a gateway error means the node is not there yet
        if (res.status === 401) await ctx.api.request("GET", HEALTH);
        // any other answer, even a failed check (503), comes from a started node, except warren's
        // "not_running": its management API stays up while the application is stopped
        if (res.status !== 502 && res.status !== 504 && !appStopped(res)) return;
      } catch (e) {
        if (!(e instanceof TransportError)) throw e;
      }
      const left = deadline - Date.now();
      if (left <= 0) throw new CommandError(ExitCode.tempFail, new TimeoutError("await_startup", opts.node, ms).message, true);
      await sleep(Math.min(POLL_MS, left));
    }
  },
};
