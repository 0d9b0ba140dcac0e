import { p } from "../../../api/client.js";
import { ApiError } from "../../../api/errors.js";
import { arity } from "../common.js";
import type { Command, CommandContext, Opts } from "../../types.js";
import { closeConnection } from "./_close.js";

interface Conn { name: string; node?: string; vhost?: string }

// per-user lookups cost one request each: beyond this many users only the (lagging) connection list is used
const LIVE_LOOKUP_USERS = 100;

/**
 * The connections rabbitmqctl would pick: the vhost's (first --limit of them), or with --global all on the node.
 * GET /api/connections lags behind new connections (stats); /api/connections/username/<u> reads the node's
 * live connection tracking, as rabbitmqctl does, so both are merged.
 */
async function targets(ctx: CommandContext, opts: Opts): Promise<[name: string, fresh: boolean][]> {
  const global = opts.global === true;
  const wanted = (c: Conn): boolean => (global ? c.node === opts.node : c.vhost === undefined || c.vhost === opts.vhost);
  const names = new Map<string, boolean>();
  try {
    const path = global ? "/api/connections" : p`/api/vhosts/${String(opts.vhost)}/connections`;
    for await (const page of ctx.api.pages<Conn>(path, { columns: "name,node" })) for (const c of page) if (wanted(c)) names.set(c.name, false);
  } catch (e) {
    // no such vhost: nothing to close, as rabbitmqctl finds none
    if (!(e instanceof ApiError && e.status === 404)) throw e;
  }
  const users = await ctx.api.get<{ name: string }[]>("/api/users").catch(() => []);
  if (users.length <= LIVE_LOOKUP_USERS) {
    for (const u of users) {
      const conns = await ctx.api.get<Conn[]>(p`/api/connections/username/${u.name}`).catch((): Conn[] => []);
      for (const c of conns) if (c.vhost !== undefined && wanted(c) && !names.has(c.name)) names.set(c.name, true);
    }
  }
  const limit = Number(opts.limit);
  return !global && limit > 0 ? [...names].slice(0, limit) : [...names];
}

export const close_all_connections: Command<number> = {
  name: "close_all_connections",
  section: "operations",
  description: "Closes every client connection of a vhost, or with --global of the whole node",
  usage: "close_all_connections [--vhost <vhost> --limit <limit>] [-n <node> --global] [--per-connection-delay <delay>] <explanation>",
  usageAdditional: [
    ["--global", "close the connections of every vhost on the target node"],
    ["--limit <number>", "close at most this many of the vhost's connections"],
    ["--per-connection-delay <milliseconds>", "wait this long after closing each connection"],
  ],
  docGuides: ["https://rabbitmq.com/connections.html"],
  switches: [
    { name: "global", type: "boolean", description: "close connections in all vhosts of the node" },
    { name: "per-connection-delay", type: "integer", description: "milliseconds to wait after each closure" },
    { name: "limit", type: "integer", description: "close at most this many connections (0: all)" },
  ],
  notes: "Lists GET /api/vhosts/<vhost>/connections (with --global, GET /api/connections filtered to the target node), merged with each user's live GET /api/connections/username/<user> (up to 100 users; the plain lists lag new connections by up to the stats interval), and closes each with DELETE /api/connections/<name>, X-Reason set to the explanation; --limit and --per-connection-delay are applied by warrenctl.",
  mergeDefaults: (args, opts) => [args, { global: false, "per-connection-delay": 0, limit: 0, ...opts, vhost: typeof opts.vhost === "string" ? opts.vhost : "/" }],
  validate: (args) => arity(args, 1),
  banner: (args, opts) => {
    if (opts.global === true) return `Closing all connections to node ${opts.node} (across all vhosts), reason: ${args[0]}...`;
    if (Number(opts.limit) === 0) return `Closing all connections in vhost ${String(opts.vhost)}, reason: ${args[0]}...`;
    return `Closing ${Number(opts.limit)} connections in vhost ${String(opts.vhost)}, reason: ${args[0]}...`;
  },
  run: async (args, opts, ctx) => {
    const names = await targets(ctx, opts);
    const delay = Number(opts["per-connection-delay"]);
    for (const [name, fresh] of names) {
      await closeConnection(ctx, name, args[0]!, fresh);
      if (delay > 0) await new Promise((r) => setTimeout(r, delay));
    }
    return names.length;
  },
  output: (n, opts) => {
    const text = `Closed ${n} connections`;
    return { kind: "value", text, json: { node: opts.node, result: "ok", value: text } };
  },
};
