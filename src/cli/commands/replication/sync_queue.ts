import { CommandError } from "../../errors.js";
import { ExitCode } from "../../exit-codes.js";
import type { Command } from "../../types.js";
import { arity, vhostOf, withDefaultVhost } from "../common.js";
import { ACTION_HEADERS, mirrorState, STREAM_NOTE } from "./_sync.js";

export const sync_queue: Command<void> = {
  name: "sync_queue",
  section: "replication",
  description: "Asks a mirrored classic queue to bring its unsynchronised mirrors up to date",
  usage: "sync_queue [--vhost <vhost>] <queue>",
  usageAdditional: [["<queue>", "the mirrored queue to synchronise"]],
  docGuides: ["https://rabbitmq.com/ha.html"],
  notes: `Reads the queue first (the HTTP action accepts any queue), then POSTs the sync action. ${STREAM_NOTE}`,
  mergeDefaults: withDefaultVhost,
  validate: (args) => arity(args, 1),
  banner: ([name], opts) => `Synchronising queue '${name ?? ""}' in vhost '${vhostOf(opts)}' ...`,
  run: async ([name = ""], opts, ctx) => {
    const st = await mirrorState(ctx.api, vhostOf(opts), name, "sync_queue");
    if (!st.mirrored) throw new CommandError(ExitCode.unavailable, "not_mirrored");
    await ctx.api.post(`${st.path}/actions`, { action: "sync" }, ACTION_HEADERS);
  },
  output: () => ({ kind: "ok" }),
};
