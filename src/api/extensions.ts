import { CommandError } from "../cli/errors.js";
import { ExitCode } from "../cli/exit-codes.js";
import type { AnyCommand, CommandContext } from "../cli/types.js";

// Node operations RabbitMQ's HTTP API lacks (stop_app, reset, environment, ...) go through one door:
// warren-server lists what it offers at GET /api/warren/extensions and serves each at
// POST /api/warren/extensions/<name>. A node without that list (a real RabbitMQ) offers none.
export const EXTENSIONS_PATH = "/api/warren/extensions";

let cached: Promise<Set<string>> | undefined;

export function offeredExtensions(ctx: CommandContext): Promise<Set<string>> {
  cached ??= ctx.api.raw("GET", EXTENSIONS_PATH).then((res) => {
    if (res.status !== 200 || !Array.isArray(res.body)) return new Set<string>();
    return new Set((res.body as { name?: unknown }[]).map((e) => String(e.name)));
  });
  return cached;
}

/** Fails with one line and exit 69, before any banner or change, when the node lacks the operation. */
export async function ensureExtension(ctx: CommandContext, cmd: AnyCommand): Promise<void> {
  const offered = await offeredExtensions(ctx);
  if (!offered.has(cmd.extension!)) {
    throw new CommandError(
      ExitCode.unavailable,
      `Error: ${cmd.name} is not available on node ${ctx.node}: its management HTTP API does not offer this operation (RabbitMQ performs it over Erlang distribution only; warren-server offers it as an extension). Nothing was changed.`,
      true,
    );
  }
}

/** Calls an extension operation; its JSON result comes back as is. */
export async function callExtension<T = unknown>(ctx: CommandContext, name: string, body: unknown = {}): Promise<T> {
  const res = await ctx.api.post(`${EXTENSIONS_PATH}/${encodeURIComponent(name)}`, body);
  return res.body as T;
}

/** For tests: forget what a previous node offered. */
export function resetExtensionCache(): void {
  cached = undefined;
}
