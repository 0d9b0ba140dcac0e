// The commands of rabbitmqctl's "cluster" help section.
import type { AnyCommand } from "../../types.js";
import { await_online_nodes } from "./await_online_nodes.js";
import { change_cluster_node_type } from "./change_cluster_node_type.js";
import { cluster_status } from "./cluster_status.js";
import { force_boot } from "./force_boot.js";
import { force_reset } from "./force_reset.js";
import { forget_cluster_node } from "./forget_cluster_node.js";
import { join_cluster } from "./join_cluster.js";
import { rename_cluster_node } from "./rename_cluster_node.js";
import { update_cluster_nodes } from "./update_cluster_nodes.js";

export const clusterCommands: AnyCommand[] = [
  await_online_nodes, change_cluster_node_type, cluster_status, force_boot, force_reset, forget_cluster_node,
  join_cluster, rename_cluster_node, update_cluster_nodes,
];
