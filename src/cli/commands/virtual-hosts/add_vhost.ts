import { p } from "../../../api/client.js";
import { CommandError } from "../../errors.js";
import { ExitCode } from "../../exit-codes.js";
import type { Command } from "../../types.js";
import { arity } from "../common.js";
import { unaddressable } from "../parameters/_params.js";
import { findVhost } from "./_vhost.js";

const QUEUE_TYPES = ["quorum", "classic", "stream"];

/** "a, b,,c" -> [a, b, c], as rabbitmqctl splits --tags. */
export const splitTags = (tags: string): string[] => tags.split(",").map((t) => t.trim()).filter((t) => t !== "");

export const add_vhost: Command<void> = {
  name: "add_vhost",
  section: "virtual_hosts",
  description: "Creates a virtual host; does nothing when it already exists",
  usage: 'add_vhost <vhost> [--description <description> --tags "<tag1>,<tag2>,<...>" --default-queue-type <quorum|classic|stream>]',
  usageAdditional: [
    ["<vhost>", "name of the new virtual host"],
    ["--description <description>", "free text shown with the virtual host"],
    ["--tags <tags>", "tags for the virtual host, separated by commas"],
    ["--default-queue-type <quorum|classic|stream>", "type given to queues declared without an explicit x-queue-type"],
  ],
  docGuides: ["https://rabbitmq.com/virtual-hosts.html"],
  switches: [
    { name: "description", alias: "d", type: "string", description: "free text shown with the virtual host" },
    { name: "tags", type: "string", description: "comma-separated tags" },
    { name: "default-queue-type", type: "string", description: "default queue type: quorum, classic or stream" },
  ],
  notes: "Without --default-queue-type RabbitMQ stores --tags as one raw string; over HTTP they are always stored as a list, so list_vhosts shows [a, b] where rabbitmqctl's vhost shows a,b.",
  validate: (args) => arity(args, 1),
  banner: ([name]) => `Adding vhost "${name}" ...`,
  async run([name], opts, ctx) {
    if (name === "") throw unaddressable("virtual host");
    if (await findVhost(ctx.api, name!)) return;
    const dqt = opts["default-queue-type"];
    // the API would accept "Quorum"; rabbitmqctl does not
    if (typeof dqt === "string" && !QUEUE_TYPES.includes(dqt)) throw new CommandError(ExitCode.unavailable, "invalid_queue_type");
    await ctx.api.put(p`/api/vhosts/${name!}`, {
      description: typeof opts.description === "string" ? opts.description : "",
      tags: splitTags(typeof opts.tags === "string" ? opts.tags : ""),
      ...(typeof dqt === "string" ? { defaultqueuetype: dqt } : {}),
    });
  },
};
