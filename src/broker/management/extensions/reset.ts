import type { RequestContext } from "../route.js";
import { done, mnesiaRunning, op } from "./types.js";

/** Back to first-start state: broker state, cluster name, counters and the database directory; thresholds are runtime settings and stay. */
async function reset(ctx: RequestContext) {
  const node = ctx.broker.node;
  if (node.running) return mnesiaRunning(node.name);
  // the hook also empties the database directory and stores the first-start definitions there
  await node.hooks?.wipeState();
  node.clusterName = undefined;
  node.counters.reset();
  node.forceBoot = false;
  node.log.info(`node ${node.name} reset`);
  return done();
}

export const resetNode = op({ name: "reset", run: reset });
// a standalone node has no cluster to leave gracefully, so forcing changes nothing
export const forceReset = op({ name: "force_reset", run: reset });
