import { p } from "../../../api/client.js";
import type { Command } from "../../types.js";
import { arity, vhostOf, withDefaultVhost } from "../common.js";
import { badmap, jsonArgument, setFailure, VHOST_CHECKED_FIRST } from "../parameters/_params.js";

export const set_vhost_limits: Command<void> = {
  name: "set_vhost_limits",
  section: "virtual_hosts",
  description: "Replaces the limits of a virtual host (max-connections, max-queues)",
  usage: "set_vhost_limits [--vhost <vhost>] <definition>",
  usageAdditional: [["<definition>", 'the limits as a JSON object, e.g. {"max-queues": 100}; a negative value means no limit']],
  notes: VHOST_CHECKED_FIRST,
  docGuides: ["https://rabbitmq.com/virtual-hosts.html"],
  mergeDefaults: withDefaultVhost,
  validate: (args) => arity(args, 1),
  banner: ([definition], opts) => `Setting vhost limits to "${definition}" for vhost "${vhostOf(opts)}" ...`,
  async run([definition], opts, ctx) {
    const vhost = vhostOf(opts);
    const parsed = jsonArgument(definition!);
    if (parsed.t !== "obj") {
      throw badmap(parsed, "{:rabbit_vhost_limit, :parse_set, 3, [file: 'rabbit_vhost_limit.erl', line: 149]}");
    }
    // the whole "limits" parameter is replaced, not merged key by key
    await ctx.api.request("PUT", p`/api/parameters/vhost-limits/${vhost}/limits`, { json: `{"value":${parsed.raw}}` }).catch((e: unknown) => {
      throw setFailure(e, vhost);
    });
  },
};
