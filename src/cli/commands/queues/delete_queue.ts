import { p, PAGE_SIZE, type ManagementClient } from "../../../api/client.js";
import { CommandError } from "../../errors.js";
import { ExitCode } from "../../exit-codes.js";
import type { Command, Opts } from "../../types.js";
import { arity, isBadRequest, isNotFound, reasonOf, vhostOf, withDefaultVhost } from "../common.js";

const ifEmpty = (opts: Opts): boolean => opts["if-empty"] === true;
const ifUnused = (opts: Opts): boolean => opts["if-unused"] === true;

// rabbitmqctl reports every failed delete_queue as a usage error (64)
const failure = (text: string): CommandError => new CommandError(ExitCode.usage, text);

function deleteFailure(e: unknown): unknown {
  if (isNotFound(e)) return failure("Queue not found");
  if (isBadRequest(e)) {
    const reason = reasonOf(e);
    if (/not empty$/.test(reason)) return failure("Queue is not empty");
    if (/in use$/.test(reason)) return failure("Queue is in use");
  }
  return e;
}

// ASCII punctuation escaped makes the name a literal PCRE pattern
const literal = (s: string): string => s.replace(/[^A-Za-z0-9\u0080-\uffff]/g, "\\$&");

/** Live ready-message count (only the list endpoint computes live totals), or undefined when the queue is missing. */
async function readyCount(api: ManagementClient, vhost: string, name: string): Promise<number | undefined> {
  const query = { disable_stats: "true", enable_queue_totals: "true", use_regex: "true", name: `^${literal(name)}$`, page: 1, page_size: PAGE_SIZE, columns: "name,messages_ready" };
  const res = await api.find<{ items?: { name?: string; messages_ready?: number }[] }>(p`/api/queues/${vhost}`, query);
  // the name filter ignores case
  const q = res?.items?.find((i) => i.name === name);
  if (q === undefined) return undefined;
  return typeof q.messages_ready === "number" ? q.messages_ready : 0;
}

export const delete_queue: Command<number> = {
  name: "delete_queue",
  section: "queues",
  description: "Removes a queue, optionally only when it is empty or has no consumers",
  usage: "delete_queue <queue_name> [--if-empty|-e] [--if-unused|-u] [--timeout <timeout>]",
  usageAdditional: [
    ["<queue_name>", "the queue to remove"],
    ["--if-empty", "refuse to remove the queue while it holds ready messages"],
    ["--if-unused", "refuse to remove the queue while it has consumers"],
  ],
  docGuides: ["https://rabbitmq.com/queues.html"],
  switches: [
    { name: "if-empty", alias: "e", type: "boolean", description: "only delete the queue when it has no ready messages" },
    { name: "if-unused", alias: "u", type: "boolean", description: "only delete the queue when it has no consumers" },
  ],
  notes:
    "The management API's DELETE does not return the number of messages the queue held; warrenctl reads the queue's " +
    "live ready-message count just before deleting it, so messages published in between are not counted. The API " +
    "refuses to delete an exclusive queue owned by another connection (rabbitmqctl deletes it): warrenctl then prints " +
    "the API's reason and exits 69.",
  mergeDefaults: withDefaultVhost,
  validate: (args) => arity(args, 1),
  banner: ([name], opts) => {
    const conds = [ifEmpty(opts) ? "if queue is empty" : "", ifUnused(opts) ? "if queue is unused" : ""].filter((s) => s !== "");
    return `Deleting queue '${name ?? ""}' on vhost '${vhostOf(opts)}' ${conds.length > 0 ? `${conds.join(" and ")} ` : ""}...`;
  },
  run: async ([name = ""], opts, ctx) => {
    const ready = await readyCount(ctx.api, vhostOf(opts), name);
    if (ready === undefined) throw failure("Queue not found");
    const path = p`/api/queues/${vhostOf(opts)}/${name}`;
    const query = { ...(ifEmpty(opts) ? { "if-empty": "true" } : {}), ...(ifUnused(opts) ? { "if-unused": "true" } : {}) };
    try {
      await ctx.api.delete(path, { query });
    } catch (e) {
      throw deleteFailure(e);
    }
    return ready;
  },
  output: (ready, opts) => {
    const text = `Queue was successfully deleted with ${ready} ready messages`;
    return { kind: "message", text };
  },
};
