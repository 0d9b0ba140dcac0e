import { z } from "zod";
import type { RequestContext } from "../route.js";
import { APP_MUST_BE_STOPPED, done, EXIT, NODE_MUST_BE_STOPPED, op, refused, type ExtensionReply } from "./types.js";

// A standalone warren node has no Erlang distribution: it is the only member of its cluster and reaches no
// other node. Each operation answers what RabbitMQ's membership code answers such a node, in rabbitmqctl's
// rendering of the error term ({:tag, 'description'}, exit 69).

/** Elixir's inspect of an atom: bare when it is a plain identifier (with @), quoted otherwise. */
const atom = (s: string): string => (/^[A-Za-z_][A-Za-z0-9_@]*$/.test(s) ? `:${s}` : `:"${s}"`);
const errorTerm = (tag: string, description: string): ExtensionReply => refused(EXIT.unavailable, `{${atom(tag)}, '${description}'}`);

/** What discovering a cluster through `seed` finds: never a reachable peer. */
function undiscoverable(ctx: RequestContext, seed: string): ExtensionReply {
  return seed === ctx.broker.node.name
    ? errorTerm("cannot_discover_cluster", "Cannot cluster node with itself")
    : errorTerm("cannot_discover_cluster", "The nodes provided are either offline or not running");
}

const nodeType = z.enum(["disc", "ram"]);

export const joinCluster = op({
  name: "join_cluster",
  body: z.object({ cluster_node: z.string(), node_type: nodeType.default("disc") }),
  run: (ctx, body) => (ctx.broker.node.running ? APP_MUST_BE_STOPPED : undiscoverable(ctx, body.cluster_node)),
});

export const updateClusterNodes = op({
  name: "update_cluster_nodes",
  body: z.object({ seed_node: z.string() }),
  run: (ctx, body) => (ctx.broker.node.running ? APP_MUST_BE_STOPPED : undiscoverable(ctx, body.seed_node)),
});

export const changeClusterNodeType = op({
  name: "change_cluster_node_type",
  body: z.object({ node_type: nodeType }),
  run(ctx, body) {
    if (ctx.broker.node.running) return APP_MUST_BE_STOPPED;
    // a standalone node is a disc node, and only clustered nodes may be RAM nodes
    if (body.node_type === "disc") return done("Node type is already disc");
    return errorTerm("not_clustered", "Non-clustered nodes can only be disc nodes.");
  },
});

export const forgetClusterNode = op({
  name: "forget_cluster_node",
  body: z.object({ node: z.string(), offline: z.boolean().default(false) }),
  run(ctx, body) {
    const node = ctx.broker.node;
    // --offline edits a stopped node's data; a node that answers over HTTP is not stopped
    if (body.offline) return NODE_MUST_BE_STOPPED;
    if (body.node !== node.name) return errorTerm("not_a_cluster_node", "The node selected is not in the cluster.");
    if (!node.running) {
      return errorTerm("offline_node_no_offline_flag", "You are trying to remove a node from an offline node. That is dangerous, but can be done with the --offline flag. Please consult the manual for rabbitmqctl for more information.");
    }
    // the node's own copy of the schema is the last one: RabbitMQ's database refuses to drop it
    return refused(EXIT.unavailable, `{:failed_to_remove_node, ${atom(node.name)}, {:combine_error, :schema, 'Last replica'}}`);
  },
});

// renaming rewrites a stopped node's database, and a node answering over HTTP is running
export const renameClusterNode = op({
  name: "rename_cluster_node",
  body: z.object({ pairs: z.array(z.tuple([z.string(), z.string()])) }),
  run: () => NODE_MUST_BE_STOPPED,
});

export const forceBoot = op({
  name: "force_boot",
  run(ctx) {
    if (ctx.broker.node.running) return APP_MUST_BE_STOPPED;
    // a standalone node waits for no peers, so the marker only records the request until the next start
    ctx.broker.node.forceBoot = true;
    return done();
  },
});
