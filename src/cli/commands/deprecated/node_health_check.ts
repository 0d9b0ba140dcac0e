import { p } from "../../../api/client.js";
import { ApiError, unescapeHtml } from "../../../api/errors.js";
import { CommandError } from "../../errors.js";
import { ExitCode } from "../../exit-codes.js";
import { arity } from "../common.js";
import { fetchNodes, targetNode } from "../cluster/_nodes.js";
import { sentenceOutput } from "../monitoring/_format.js";
import type { Command } from "../../types.js";

const DEFAULT_MS = 70000;

export const node_health_check: Command<void> = {
  name: "node_health_check",
  section: "deprecated",
  description: "DEPRECATED. Runs broad, intrusive checks on a fully started node; see https://www.rabbitmq.com/monitoring.html#health-checks for the checks to use instead",
  usage: "node_health_check [--timeout <timeout>]",
  docGuides: ["https://rabbitmq.com/monitoring.html"],
  notes: "Uses GET /api/healthchecks/node/{node} (deprecated as well), which runs the same checks on the node; the timeout is passed in its `timeout` header. The server's deprecation warning, which rabbitmqctl relays on stderr, is not printed.",
  mergeDefaults: (args, opts) => [args, { ...opts, timeout: opts.timeout ?? DEFAULT_MS }],
  validate: (args) => arity(args, 0),
  banner: (_args, opts) => [
    "This command is DEPRECATED and will be removed in a future version.",
    "It performs intrusive, opinionated health checks and requires a fully booted node.",
    "Use one of the options covered in https://www.rabbitmq.com/monitoring.html#health-checks instead.",
    `Timeout: ${Math.trunc((opts.timeout ?? DEFAULT_MS) / 1000)} seconds ...`,
    `Checking health of node ${opts.node} ...`,
  ],
  async run(_args, opts, ctx) {
    const path = p`/api/healthchecks/node/${opts.node}`;
    const res = await ctx.api.raw("GET", path, { headers: { timeout: String(opts.timeout ?? DEFAULT_MS) } });
    if (res.status >= 200 && res.status < 300) return;
    const body = (typeof res.body === "object" && res.body !== null ? res.body : {}) as { status?: string; reason?: unknown; error?: string };
    if (res.status === 503 && body.status === "failed") {
      throw new CommandError(ExitCode.software, `Error: health check failed. Message: ${unescapeHtml(String(body.reason ?? ""))}`);
    }
    // 404: the API does not know the node
    if (res.status === 404) targetNode(ctx, await fetchNodes(ctx, "name,running"));
    throw new ApiError("GET", path, res.status, body.error, body.reason);
  },
  output: (_r, opts) => sentenceOutput("Health check passed", opts),
};
