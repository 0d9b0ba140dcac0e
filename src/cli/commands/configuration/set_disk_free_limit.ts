import { nodeOperation, replyOutput, type ExtensionReply } from "../nodes/_extension.js";
import type { Command } from "../../types.js";
import { badArgument, bytesOf, parseFloatPrefix, parseIntegerPrefix } from "./_units.js";

/** The extension request: {"limit": bytes} or {"mem_relative": fraction of total RAM}. */
function request(args: string[]): Record<string, number> {
  if (args[0] === "mem_relative") return { mem_relative: parseFloatPrefix(args[1]!)![0] };
  const [n, unit] = parseIntegerPrefix(args[0]!)!;
  return { limit: unit === "" ? n : bytesOf(n, unit)! };
}

export const set_disk_free_limit: Command<ExtensionReply> = {
  name: "set_disk_free_limit",
  section: "configuration",
  description: "Changes the free disk space threshold below which the node blocks publishers",
  usage: "set_disk_free_limit <disk_limit> | mem_relative <fraction>",
  usageAdditional: [
    ["<disk_limit>", "the threshold in bytes, or with a unit: k, kiB, M, MiB, G, GiB (1024-based) or kB, MB, GB (1000-based)"],
    ["mem_relative <fraction>", "the threshold as a multiple of the machine's total memory"],
  ],
  docGuides: ["https://rabbitmq.com/disk-alarms.html", "https://rabbitmq.com/alarms.html"],
  extension: "set_disk_free_limit",
  notes: "Needs warren's `set_disk_free_limit` extension. Request {\"limit\": <bytes, units already applied>} or {\"mem_relative\": <fraction>}; reply per the shared contract ({\"result\":\"ok\"}).",
  validate: (args) => {
    if (args.length === 0 || (args.length === 1 && args[0] === "mem_relative")) return "not enough arguments.";
    if (args.length > 2 || (args.length === 2 && args[0] !== "mem_relative")) return "too many arguments.";
    if (args[0] === "mem_relative") {
      const f = parseFloatPrefix(args[1]!);
      return f && f[1] === "" && f[0] >= 0 ? undefined : badArgument();
    }
    const i = parseIntegerPrefix(args[0]!);
    return i && (i[1] === "" || bytesOf(i[0], i[1]) !== undefined) ? undefined : badArgument();
  },
  banner: (args, opts) => args[0] === "mem_relative"
    ? `Setting disk free limit on ${opts.node} to ${args[1]} times the total RAM ...`
    : `Setting disk free limit on ${opts.node} to ${args[0]} bytes ...`,
  run: (args, _opts, ctx) => nodeOperation(ctx, "set_disk_free_limit", request(args)),
  output: replyOutput,
};
