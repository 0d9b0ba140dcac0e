// The explicit list of every command, by help section; the registry rejects duplicates.
import type { AnyCommand } from "../types.js";
import { helpCommands } from "./help/index.js";
import { nodesCommands } from "./nodes/index.js";
import { clusterCommands } from "./cluster/index.js";
import { replicationCommands } from "./replication/index.js";
import { usersCommands } from "./users/index.js";
import { accessControlCommands } from "./access-control/index.js";
import { monitoringCommands } from "./monitoring/index.js";
import { parametersCommands } from "./parameters/index.js";
import { policiesCommands } from "./policies/index.js";
import { virtualHostsCommands } from "./virtual-hosts/index.js";
import { configurationCommands } from "./configuration/index.js";
import { definitionsCommands } from "./definitions/index.js";
import { featureFlagsCommands } from "./feature-flags/index.js";
import { operationsCommands } from "./operations/index.js";
import { queuesCommands } from "./queues/index.js";
import { deprecatedCommands } from "./deprecated/index.js";

export const COMMANDS: AnyCommand[] = [
  ...helpCommands,
  ...nodesCommands,
  ...clusterCommands,
  ...replicationCommands,
  ...usersCommands,
  ...accessControlCommands,
  ...monitoringCommands,
  ...parametersCommands,
  ...policiesCommands,
  ...virtualHostsCommands,
  ...configurationCommands,
  ...definitionsCommands,
  ...featureFlagsCommands,
  ...operationsCommands,
  ...queuesCommands,
  ...deprecatedCommands,
];
