import { z } from "zod";
import type { RequestContext } from "../route.js";
import { done, op } from "./types.js";

const bytes = z.number().int().nonnegative();

/** Re-checks use against the new thresholds at once, so alarms follow the setting without waiting for the next check. */
function applied(ctx: RequestContext, what: string) {
  ctx.broker.node.checkResources();
  ctx.broker.node.log.info(`${what} set over the management API`);
  return done();
}

export const setMemoryWatermark = op({
  name: "set_vm_memory_high_watermark",
  body: z.union([z.object({ fraction: z.number().min(0).max(1) }), z.object({ absolute: bytes })]),
  run(ctx, body) {
    ctx.broker.node.thresholds.memory = "fraction" in body ? { relative: body.fraction } : { absolute: body.absolute };
    return applied(ctx, "vm_memory_high_watermark");
  },
});

export const setDiskFreeLimit = op({
  name: "set_disk_free_limit",
  body: z.union([z.object({ limit: bytes }), z.object({ mem_relative: z.number().nonnegative() })]),
  run(ctx, body) {
    ctx.broker.node.thresholds.disk = "limit" in body ? { absolute: body.limit } : { mem_relative: body.mem_relative };
    return applied(ctx, "disk_free_limit");
  },
});
