import { p } from "../../../api/client.js";
import type { Command } from "../../types.js";
import { arity, isNotFound, noSuchVhost } from "../common.js";

export const delete_vhost: Command<void> = {
  name: "delete_vhost",
  section: "virtual_hosts",
  description: "Removes a virtual host together with everything in it",
  usage: "delete_vhost <vhost>",
  usageAdditional: [["<vhost>", "name of the virtual host to remove"]],
  docGuides: ["https://rabbitmq.com/virtual-hosts.html"],
  validate: (args) => arity(args, 1),
  banner: ([name]) => `Deleting vhost "${name}" ...`,
  async run([name], _opts, ctx) {
    if (name === "") throw noSuchVhost(name);
    await ctx.api.delete(p`/api/vhosts/${name!}`).catch((e: unknown) => {
      throw isNotFound(e) ? noSuchVhost(name!) : e;
    });
  },
};
