import { p } from "../../../api/client.js";
import { arity, isNotFound } from "../common.js";
import { fetchNodes, targetNode } from "../cluster/_nodes.js";
import type { Command, Row } from "../../types.js";

type Attempt = Record<string, string | number>;

const COLUMNS = ["protocol", "auth_attempts", "auth_attempts_failed", "auth_attempts_succeeded"];
const BY_SOURCE = ["remote_address", "username", ...COLUMNS];

const bySource = (opts: Record<string, unknown>): boolean => opts["by-source"] === true;

export const list_node_auth_attempt_stats: Command<Attempt[]> = {
  name: "list_node_auth_attempt_stats",
  section: "monitoring",
  description: "Shows authentication attempt counters of the target node, per protocol or per source",
  usage: "list_node_auth_attempts [--by-source]",
  usageAdditional: [["--by-source", "break the counters down by client address and user name"]],
  docGuides: ["https://rabbitmq.com/access-control.html", "https://rabbitmq.com/monitoring.html"],
  switches: [{ name: "by-source", type: "boolean", description: "break the counters down by client address and user name" }],
  formatter: "table",
  notes: "Reads GET /api/auth/attempts/{node}[/source]. That request authenticates over HTTP itself, so the http counters include it (rabbitmqctl, using Erlang distribution, adds none).",
  validate: (args) => arity(args, 0),
  banner: (_args, opts) => ["Listing authentication", ` attempts for node "${opts.node}" ...`],
  async run(_args, opts, ctx) {
    try {
      return await ctx.api.get<Attempt[]>(bySource(opts) ? p`/api/auth/attempts/${opts.node}/source` : p`/api/auth/attempts/${opts.node}`);
    } catch (e) {
      // the API answers 404 for a node outside the cluster
      if (isNotFound(e)) targetNode(ctx, await fetchNodes(ctx, "name,running"));
      throw e;
    }
  },
  output(rows, opts) {
    const columns = bySource(opts) ? BY_SOURCE : COLUMNS;
    if (opts.formatter === "json") {
      const sorted = rows.map((r) => Object.fromEntries(Object.keys(r).sort().map((k) => [k, r[k]])));
      return { kind: "value", text: "", json: { attempts: sorted, node: opts.node, result: "ok" } };
    }
    if (rows.length === 0) return { kind: "message", text: `Node ${opts.node} reported no authentication attempt stats` };
    return { kind: "rows", columns, rows: rows.map((r): Row => columns.map((c) => r[c] ?? "")), stream: false };
  },
};
