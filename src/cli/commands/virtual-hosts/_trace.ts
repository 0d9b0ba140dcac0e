// trace_on and trace_off: flip a vhost's tracing flag, keeping the rest of the vhost as it is.
import { p } from "../../../api/client.js";
import type { Command } from "../../types.js";
import { vhostOf, withDefaultVhost } from "../common.js";
import { findVhost, okText } from "./_vhost.js";

export function traceCommand(on: boolean): Command<string> {
  return {
    name: on ? "trace_on" : "trace_off",
    section: "virtual_hosts",
    description: on ? "Starts copying the messages of a virtual host to the amq.rabbitmq.trace exchange (firehose)" : "Stops the firehose tracing of a virtual host",
    usage: `${on ? "trace_on" : "trace_off"} [--vhost <vhost>]`,
    docGuides: ["https://rabbitmq.com/firehose.html", "https://rabbitmq.com/virtual-hosts.html"],
    notes: "Over HTTP the vhost is written back whole, so a tags string stored by rabbitmqctl becomes a list.",
    mergeDefaults: withDefaultVhost,
    // rabbitmqctl ignores extra arguments here
    banner: (_args, opts) => `${on ? "Starting" : "Stopping"} tracing for vhost "${vhostOf(opts)}" ...`,
    async run(_args, opts, ctx) {
      const vhost = vhostOf(opts);
      const found = await findVhost(ctx.api, vhost);
      // rabbitmqctl reports success for a missing vhost too; a PUT would create it, so skip it
      if (found && found.tracing !== on) {
        await ctx.api.put(p`/api/vhosts/${vhost}`, { description: found.description ?? "", tags: found.tags ?? [], tracing: on });
      }
      return `Trace ${on ? "enabled" : "disabled"} for vhost ${vhost}`;
    },
    output: (text, opts) => okText(text, opts),
  };
}
