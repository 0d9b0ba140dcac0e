import { p } from "../../../api/client.js";
import type { Command } from "../../types.js";
import { arity, isNotFound, vhostOf, withDefaultVhost } from "../common.js";
import { parameterMissing } from "../parameters/_params.js";

export const clear_vhost_limits: Command<void> = {
  name: "clear_vhost_limits",
  section: "virtual_hosts",
  description: "Removes every limit set on a virtual host",
  usage: "clear_vhost_limits [--vhost <vhost>]",
  docGuides: ["https://rabbitmq.com/virtual-hosts.html"],
  mergeDefaults: withDefaultVhost,
  validate: (args) => arity(args, 0),
  banner: (_args, opts) => `Clearing vhost "${vhostOf(opts)}" limits ...`,
  async run(_args, opts, ctx) {
    const vhost = vhostOf(opts);
    if (vhost === "") throw parameterMissing();
    // limits live in one runtime parameter; removing it clears them all, as rabbitmqctl does
    await ctx.api.delete(p`/api/parameters/vhost-limits/${vhost}/limits`).catch((e: unknown) => {
      throw isNotFound(e) ? parameterMissing() : e;
    });
  },
};
