import { z } from "zod";
import type { RequestContext } from "../route.js";
import { done, op } from "./types.js";

/** Stops the node once the reply is out: the process that started it decides whether to exit. */
function stopAfterReply(ctx: RequestContext): void {
  ctx.broker.node.log.info(`node ${ctx.broker.node.name} asked to stop over the management API`);
  void ctx.broker.node.hooks?.shutdown();
}

export const shutdownNode = op({ name: "shutdown", run: () => done(), afterReply: stopAfterReply });

// --idempotent only matters for a node that is already down, and a node that answers is up
export const stopNode = op({ name: "stop", body: z.object({ idempotent: z.boolean().optional() }), run: () => done(), afterReply: stopAfterReply });
