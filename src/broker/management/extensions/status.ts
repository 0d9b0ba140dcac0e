import { type } from "node:os";
import { op } from "./types.js";

/**
 * What `status` needs beyond GET /api/nodes and /api/overview. The reply is merged into the status data
 * as is, so it carries no "result" key. warren keeps no plugins file and no Raft directory, so those are absent.
 */
export const nodeStatus = op({
  name: "status",
  run: (ctx) => ({
    os: type(),
    crypto_lib_version: `OpenSSL ${process.versions.openssl}`,
    is_under_maintenance: false,
    vm_memory_high_watermark_setting: ctx.broker.node.thresholds.memory,
  }),
});
