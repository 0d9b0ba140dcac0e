import type { Command, CommandOutput } from "../../types.js";
import { arity, vhostOf, withDefaultVhost } from "../common.js";
import { ACTION_HEADERS, mirrorState, STREAM_NOTE } from "./_sync.js";

/** rabbitmqctl answers "not_syncing" (exit 0) when nothing was being synchronised. */
type Result = "ok" | "not_syncing";

export const cancel_sync_queue: Command<Result> = {
  name: "cancel_sync_queue",
  section: "replication",
  description: "Stops a mirrored classic queue's running synchronisation",
  usage: "cancel_sync_queue [--vhost <vhost>] <queue>",
  usageAdditional: [["<queue>", "the queue whose synchronisation should stop"]],
  docGuides: ["https://rabbitmq.com/ha.html"],
  notes:
    "Reads the queue first, then POSTs the cancel_sync action. The API does not say whether a synchronisation was " +
    "running: warrenctl prints not_syncing when every mirror is already synchronised (or the queue has none), " +
    `otherwise nothing. ${STREAM_NOTE}`,
  mergeDefaults: withDefaultVhost,
  validate: (args) => arity(args, 1),
  banner: ([name], opts) => `Stopping synchronising queue '${name ?? ""}' in vhost '${vhostOf(opts)}' ...`,
  run: async ([name = ""], opts, ctx) => {
    const st = await mirrorState(ctx.api, vhostOf(opts), name, "cancel_sync_queue");
    if (st.mirrored) await ctx.api.post(`${st.path}/actions`, { action: "cancel_sync" }, ACTION_HEADERS);
    return st.synced ? "not_syncing" : "ok";
  },
  output: (result, opts): CommandOutput => {
    if (result === "ok") return { kind: "ok" };
    if (opts.formatter === "json" || opts.formatter === "json_stream") {
      return { kind: "value", text: result, json: { node: opts.node, result: "ok", value: result } };
    }
    // rabbitmqctl's csv crashes on the bare atom; print it as a one-column value
    if (opts.formatter === "csv") return { kind: "value", text: result, json: result };
    return { kind: "lines", lines: [result] };
  },
};
