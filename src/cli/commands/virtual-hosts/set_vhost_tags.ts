import { p } from "../../../api/client.js";
import { CommandError } from "../../errors.js";
import { ExitCode } from "../../exit-codes.js";
import type { Command } from "../../types.js";
import { arity } from "../common.js";
import { findVhost } from "./_vhost.js";

export const set_vhost_tags: Command<void> = {
  name: "set_vhost_tags",
  section: "virtual_hosts",
  description: "Replaces the tags of a virtual host",
  usage: "set_vhost_tags <vhost> <tag> [...]",
  usageAdditional: [
    ["<vhost>", "the virtual host to tag"],
    ["<tags>", "the new tags, one argument each; none clears them"],
  ],
  docGuides: ["https://rabbitmq.com/virtual-hosts.html"],
  notes: "RabbitMQ 3.10's HTTP API trims spaces around tags and mangles non-ASCII ones (it reads them as Latin-1).",
  validate: (args) => arity(args, 1, Infinity),
  banner: ([name, ...tags]) => `Setting tags for virtual host "${name}" to [${tags.join(", ")}] ...`,
  async run([name, ...tags], opts, ctx) {
    const found = await findVhost(ctx.api, name!);
    if (!found) {
      if (opts.formatter === "json") {
        throw new CommandError(ExitCode.unavailable, { message: `Virtual host "${name}" does not exists`, node: opts.node, result: "error" });
      }
      throw new CommandError(ExitCode.dataErr, `Virtual host "${name}" does not exist`);
    }
    // PUT replaces the whole vhost: send back its description and tracing with the new tags
    await ctx.api.put(p`/api/vhosts/${name!}`, { description: found.description ?? "", tags, tracing: found.tracing === true });
  },
};
