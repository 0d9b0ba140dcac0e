// What sync_queue and cancel_sync_queue learn about a queue before acting: the HTTP action answers 204 for any
// queue type (and 500 for a missing one), while rabbitmqctl reports not_found, not_mirrored or an unsupported type.
import { p, type ManagementClient } from "../../../api/client.js";
import { CommandError } from "../../errors.js";
import { ExitCode } from "../../exit-codes.js";

export interface MirrorState {
  mirrored: boolean;
  /** Every mirror is synchronised, so no synchronisation can be running. */
  synced: boolean;
  path: string;
}

export async function mirrorState(api: ManagementClient, vhost: string, name: string, fun: string): Promise<MirrorState> {
  const path = p`/api/queues/${vhost}/${name}`;
  const q = await api.find<{ type?: string; slave_nodes?: string[]; synchronised_slave_nodes?: string[] }>(path, {
    disable_stats: "true",
    columns: "type,slave_nodes,synchronised_slave_nodes",
  });
  if (q === undefined) throw new CommandError(ExitCode.unavailable, "not_found");
  if (q.type === "quorum") throw new CommandError(ExitCode.unavailable, "quorum_queue_not_supported");
  // rabbitmqctl crashes on streams with a function_clause whose full text (a queue record with pids) HTTP cannot give
  if (q.type === "stream") {
    throw new CommandError(ExitCode.unavailable, `{:function_clause, [{:rabbit_mirror_queue_misc, :"-${fun}/1-fun-0-", []}]}`);
  }
  const mirrors = q.slave_nodes;
  const synced = q.synchronised_slave_nodes ?? [];
  return { mirrored: Array.isArray(mirrors), synced: !Array.isArray(mirrors) || mirrors.every((n) => synced.includes(n)), path };
}

/** The actions endpoint offers no JSON and answers 406 to "accept: application/json". */
export const ACTION_HEADERS = { accept: "*/*" };

export const STREAM_NOTE =
  "On a stream queue rabbitmqctl fails with an Erlang function_clause dump; warrenctl prints an abridged form of it " +
  "(the same exit code 69).";
