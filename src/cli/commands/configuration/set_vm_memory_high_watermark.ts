import { nodeOperation, replyOutput, type ExtensionReply } from "../nodes/_extension.js";
import type { Command } from "../../types.js";
import { badArgument, bytesOf, isMemoryUnit, parseFloatPrefix, parseIntegerPrefix } from "./_units.js";

/** The extension request: {"fraction": 0.0..1.0} or {"absolute": bytes}. */
function request(args: string[]): Record<string, number> {
  if (args[0] !== "absolute") return { fraction: parseFloatPrefix(args[0]!)![0] };
  const [n, unit] = parseIntegerPrefix(args[1]!)!;
  return { absolute: bytesOf(n, unit) ?? n };
}

export const set_vm_memory_high_watermark: Command<ExtensionReply> = {
  name: "set_vm_memory_high_watermark",
  section: "configuration",
  description: "Changes the memory use threshold above which the node blocks publishers",
  usage: "set_vm_memory_high_watermark <fraction> | absolute <value>",
  usageAdditional: [
    ["<fraction>", "the threshold as a share of the machine's total memory, from 0.0 to 1.0"],
    ["absolute <value>", "the threshold in bytes, or an integer with a unit: k, kiB, M, MiB, G, GiB (1024-based) or kB, MB, GB (1000-based)"],
  ],
  docGuides: ["https://rabbitmq.com/alarms.html", "https://rabbitmq.com/memory-use.html"],
  extension: "set_vm_memory_high_watermark",
  notes: "Needs warren's `set_vm_memory_high_watermark` extension. Request {\"fraction\": <0.0..1.0>} or {\"absolute\": <bytes, units already applied>}; reply per the shared contract ({\"result\":\"ok\"}).",
  validate: (args) => {
    if (args.length === 0 || (args.length === 1 && args[0] === "absolute")) return "not enough arguments.";
    if (args.length > 2 || (args.length === 2 && args[0] !== "absolute")) return "too many arguments.";
    if (args[0] === "absolute") {
      const i = parseIntegerPrefix(args[1]!);
      if (!i) return badArgument();
      if (isMemoryUnit(i[1])) return undefined;
      // a number that only lacks a known unit, or one that is not an integer at all
      return parseFloatPrefix(args[1]!)?.[1] === i[1] ? badArgument("Invalid units.") : badArgument("The threshold should be an integer.");
    }
    const f = parseFloatPrefix(args[0]!);
    if (!f || f[1] !== "") return badArgument();
    return f[0] < 0 || f[0] > 1 ? badArgument("The threshold should be a fraction between 0.0 and 1.0") : undefined;
  },
  banner: (args, opts) => args[0] === "absolute"
    ? `Setting memory threshold on ${opts.node} to ${args[1]} bytes ...`
    : `Setting memory threshold on ${opts.node} to ${args[0]} ...`,
  run: (args, _opts, ctx) => nodeOperation(ctx, "set_vm_memory_high_watermark", request(args)),
  output: replyOutput,
};
