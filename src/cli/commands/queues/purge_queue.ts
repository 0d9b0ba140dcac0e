import { p } from "../../../api/client.js";
import { CommandError } from "../../errors.js";
import { ExitCode } from "../../exit-codes.js";
import type { Command } from "../../types.js";
import { arity, isBadRequest, isNotFound, vhostOf, withDefaultVhost } from "../common.js";

export const purge_queue: Command<void> = {
  name: "purge_queue",
  section: "queues",
  description: "Drops every message waiting in a queue",
  usage: "purge_queue <queue> [--timeout <timeout>]",
  usageAdditional: [["<queue>", "the queue to empty"]],
  docGuides: ["https://rabbitmq.com/queues.html"],
  mergeDefaults: withDefaultVhost,
  validate: (args) => arity(args, 1),
  banner: ([name], opts) => `Purging queue '${name ?? ""}' in vhost '${vhostOf(opts)}' ...`,
  run: async ([name = ""], opts, ctx) => {
    try {
      // this endpoint offers no JSON and answers 406 to "accept: application/json"
      await ctx.api.delete(p`/api/queues/${vhostOf(opts)}/${name}/contents`, { headers: { accept: "*/*" } });
    } catch (e) {
      if (isNotFound(e)) throw new CommandError(ExitCode.unavailable, "not_found");
      // streams cannot be purged
      if (isBadRequest(e) && /not supported/.test(e.reasonText)) throw new CommandError(ExitCode.unavailable, "not_supported");
      throw e;
    }
  },
  output: () => ({ kind: "ok" }),
};
