import { p } from "../../../api/client.js";
import { ApiError } from "../../../api/errors.js";
import { CommandError } from "../../errors.js";
import { ExitCode } from "../../exit-codes.js";
import type { Command } from "../../types.js";
import { arity, vhostOf, withDefaultVhost } from "../common.js";
import { exString } from "../parameters/_raw-json.js";
import { findVhost, messageText } from "./_vhost.js";

const failed = (vhost: string, node: string, reason: string): CommandError =>
  new CommandError(ExitCode.software, `Failed to start vhost '${vhost}' on node '${node}'Reason: ${reason}`);

export const restart_vhost: Command<string> = {
  name: "restart_vhost",
  section: "virtual_hosts",
  description: "Starts again a virtual host whose message stores or queues stopped on the target node",
  usage: "restart_vhost [--vhost <vhost>] [--timeout <timeout>]",
  usageAdditional: [["--vhost", "the virtual host to restart"]],
  docGuides: ["https://rabbitmq.com/virtual-hosts.html", "https://rabbitmq.com/monitoring.html"],
  mergeDefaults: withDefaultVhost,
  validate: (args) => arity(args, 0),
  banner: (_args, opts) => `Trying to restart vhost '${vhostOf(opts)}' on node '${opts.node}' ...`,
  async run(_args, opts, ctx) {
    const vhost = vhostOf(opts);
    const found = await findVhost(ctx.api, vhost);
    if (!found) throw failed(vhost, ctx.node, `{:no_such_vhost, ${exString(vhost)}}`);
    if (found.cluster_state?.[ctx.node] === "running") return `Vhost '${vhost}' is already running on node '${ctx.node}'`;
    // this endpoint answers 406 to "accept: application/json"
    await ctx.api.post(p`/api/vhosts/${vhost}/start/${ctx.node}`, {}, { accept: "*/*" }).catch((e: unknown) => {
      const reason = e instanceof ApiError ? e.reasonText.replace(/^Request to node \S+ failed with /, "") : String(e);
      throw failed(vhost, ctx.node, reason);
    });
    return `Successfully restarted vhost '${vhost}' on node '${ctx.node}'`;
  },
  output: (text, opts) => messageText(text, opts),
};
