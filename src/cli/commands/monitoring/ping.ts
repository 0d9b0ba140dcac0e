import { CommandError } from "../../errors.js";
import { ExitCode } from "../../exit-codes.js";
import { arity } from "../common.js";
import { fetchNodes } from "../cluster/_nodes.js";
import { sentenceOutput } from "./_format.js";
import type { Command, Opts } from "../../types.js";

const DEFAULT_MS = 60000;
const pingTimeout = (opts: Opts): number => (typeof opts.pingTimeout === "number" ? opts.pingTimeout : DEFAULT_MS);

export const ping: Command<void> = {
  name: "ping",
  section: "monitoring",
  description: "Checks that the node answers and accepts the CLI's credentials",
  usage: "ping [--timeout <timeout>]",
  docGuides: ["https://rabbitmq.com/monitoring.html"],
  notes: "Succeeds when the node's management API answers (GET /api/nodes) with valid credentials and lists the node as running; Erlang distribution and epmd are not involved. A timeout, an unreachable API or refused credentials all fail as rabbitmqctl's failed ping does.",
  // ping reports its own timeout (even -t 0) after the banner, so the pipeline's deadline is not used
  mergeDefaults(args, opts) {
    const { timeout, ...rest } = opts;
    return [args, { ...rest, pingTimeout: timeout ?? DEFAULT_MS }];
  },
  validate: (args) => arity(args, 0),
  banner: (_args, opts) => `Will ping ${opts.node}. This only checks if the OS process is running and registered with epmd. Timeout: ${pingTimeout(opts)} ms.`,
  async run(_args, opts, ctx) {
    const ms = pingTimeout(opts);
    const failed = new CommandError(ExitCode.unavailable, `Failed to connect and authenticate to ${opts.node} in ${ms} ms`);
    if (ms <= 0) throw failed;
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(failed), ms);
    });
    try {
      const nodes = await Promise.race([fetchNodes(ctx, "name,running"), deadline]);
      if (!nodes.some((n) => n.name === opts.node && n.running !== false)) throw failed;
    } catch {
      throw failed;
    } finally {
      clearTimeout(timer);
    }
  },
  output: (_r, opts) => sentenceOutput("Ping succeeded", opts),
};
