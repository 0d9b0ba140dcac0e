import { startApp, stopApp, waitForApp } from "./app.js";
import { changeClusterNodeType, forceBoot, forgetClusterNode, joinCluster, renameClusterNode, updateClusterNodes } from "./cluster.js";
import { environment } from "./environment.js";
import { listUnresponsiveQueues } from "./queues.js";
import { rotateLogs, setLogLevel } from "./logging.js";
import { resumeListeners, suspendListeners } from "./listeners.js";
import { forceReset, resetNode } from "./reset.js";
import { forceGc } from "./runtime.js";
import { schemaInfo } from "./schema.js";
import { shutdownNode, stopNode } from "./shutdown.js";
import { nodeStatus } from "./status.js";
import { setDiskFreeLimit, setMemoryWatermark } from "./thresholds.js";
import type { ExtensionOp } from "./types.js";

/** Every node operation warren serves beyond RabbitMQ's API, by the name warrenctl asks for. */
export const EXTENSION_OPS: ReadonlyMap<string, ExtensionOp<any>> = new Map(
  [
    stopApp, startApp, waitForApp, resetNode, forceReset, shutdownNode, stopNode, nodeStatus, environment,
    setLogLevel, rotateLogs, setMemoryWatermark, setDiskFreeLimit, suspendListeners, resumeListeners,
    listUnresponsiveQueues, forceGc, schemaInfo,
    joinCluster, forgetClusterNode, changeClusterNodeType, renameClusterNode, updateClusterNodes, forceBoot,
  ].map((o) => [o.name, o as ExtensionOp<unknown>]),
);
