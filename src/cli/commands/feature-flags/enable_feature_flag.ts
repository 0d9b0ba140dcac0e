import { ApiError } from "../../../api/errors.js";
import { p } from "../../../api/client.js";
import { CommandError } from "../../errors.js";
import { ExitCode } from "../../exit-codes.js";
import type { Command, CommandContext } from "../../types.js";
import { arity } from "../common.js";
import { badArgument } from "../configuration/_units.js";

interface FeatureFlag { name: string; state?: string; stability?: string }

async function enable(ctx: CommandContext, name: string): Promise<void> {
  try {
    // this endpoint answers 406 to "accept: application/json"; it replies with no body anyway
    await ctx.api.put(p`/api/feature-flags/${name}/enable`, {}, { accept: "*/*" });
  } catch (e) {
    // the node's answer for a name it does not know (or cannot enable)
    if (e instanceof ApiError && e.status === 400 && e.reasonText === "unsupported") {
      throw new CommandError(ExitCode.usage, `This feature flag is not supported by node ${ctx.node}`);
    }
    throw e;
  }
}

export const enable_feature_flag: Command<void> = {
  name: "enable_feature_flag",
  section: "feature_flags",
  description: "Enables one feature flag, or every stable one with \"all\"",
  usage: "enable_feature_flag <all | feature_flag>",
  usageAdditional: [["<feature_flag>", "the flag to enable, or all for every stable flag the node supports"]],
  notes: "PUT /api/feature-flags/<name>/enable. \"all\" enables, one by one, each flag GET /api/feature-flags lists as stable and not yet enabled (rabbitmqctl asks the node to enable them all at once).",
  validate: (args) => arity(args, 1) ?? (args[0] === "" ? badArgument("feature_flag cannot be an empty string.") : undefined),
  banner: (args) => (args[0] === "all" ? "Enabling all feature flags ..." : `Enabling feature flag "${args[0]}" ...`),
  run: async (args, _opts, ctx) => {
    if (args[0] !== "all") return enable(ctx, args[0]!);
    const flags = await ctx.api.get<FeatureFlag[]>("/api/feature-flags");
    for (const f of flags) if (f.state !== "enabled" && (f.stability ?? "stable") === "stable") await enable(ctx, f.name);
  },
};
