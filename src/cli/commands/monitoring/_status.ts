// `status` data from /api/nodes/{node}?memory=true and /api/overview; warren's `status` extension fills the gaps.
import { callExtension, offeredExtensions } from "../../../api/extensions.js";
import { ApiError } from "../../../api/errors.js";
import type { CommandContext } from "../../types.js";
import {
  alarmsOf, fetchNodes, fetchOverview, nodeListeners, nodePath, targetNode,
  type Alarm, type ApiNode, type ListenerMap,
} from "../cluster/_nodes.js";

/** The keys of `rabbitmqctl status --formatter json`; optional ones are those HTTP cannot provide. */
export interface StatusData {
  active_plugins: string[];
  alarms: Alarm[];
  config_files: string[];
  crypto_lib_version?: string;
  data_directory: string;
  disk_free: number;
  disk_free_limit: number;
  enabled_plugin_file?: string;
  erlang_version: string;
  file_descriptors: { sockets_limit: number; sockets_used: number; total_limit: number; total_used: number };
  is_under_maintenance?: boolean;
  listeners: ListenerMap[];
  log_files: string[];
  memory: Record<string, unknown>;
  net_ticktime: number;
  os?: string;
  pid: number;
  processes: { limit: number; used: number };
  product_name: string;
  product_version: string;
  rabbitmq_version: string;
  raft_data_directory?: string;
  release_series_support_status: string;
  run_queue: number;
  totals: { virtual_host_count: number; connection_count: number; queue_count: number };
  uptime: number;
  vm_memory_calculation_strategy: string;
  vm_memory_high_watermark_limit: number;
  vm_memory_high_watermark_setting?: { relative: number } | { absolute: number };
}

interface NodeDetail extends ApiNode {
  memory?: Record<string, unknown>;
  fd_used?: number; fd_total?: number; sockets_used?: number; sockets_total?: number;
  proc_used?: number; proc_total?: number; run_queue?: number; uptime?: number; net_ticktime?: number;
  mem_limit?: number; mem_calculation_strategy?: string; disk_free?: number; disk_free_limit?: number;
  db_dir?: string; config_files?: string[]; log_files?: string[]; enabled_plugins?: string[];
}

async function nodeDetail(ctx: CommandContext): Promise<NodeDetail> {
  const res = await ctx.api.raw("GET", nodePath(ctx.node), { query: { memory: "true" } });
  if (res.status === 200) return res.body as NodeDetail;
  // an unknown node answers 500: the node list says why the node cannot be asked
  targetNode(ctx, await fetchNodes(ctx, "name,running"));
  throw new ApiError("GET", nodePath(ctx.node), res.status, undefined, undefined);
}

export async function fetchStatus(ctx: CommandContext): Promise<StatusData> {
  const [n, o, live, vhosts] = await Promise.all([
    nodeDetail(ctx),
    fetchOverview(ctx),
    // disable_stats gives live object counts instead of the stats database's lagging ones
    ctx.api.get<{ object_totals?: { queues?: number; connections?: number } }>("/api/overview", { disable_stats: "true" }),
    ctx.api.get<unknown[]>("/api/vhosts", { columns: "name" }),
  ]);
  const defaultProduct = (o.product_name ?? "RabbitMQ") === "RabbitMQ" && o.product_version === o.rabbitmq_version;
  const data: StatusData = {
    active_plugins: n.enabled_plugins ?? [],
    alarms: alarmsOf(n),
    config_files: n.config_files ?? [],
    data_directory: n.db_dir ?? "",
    disk_free: n.disk_free ?? 0,
    disk_free_limit: n.disk_free_limit ?? 0,
    erlang_version: (o.erlang_full_version ?? "").trimEnd(),
    file_descriptors: { sockets_limit: n.sockets_total ?? 0, sockets_used: n.sockets_used ?? 0, total_limit: n.fd_total ?? 0, total_used: n.fd_used ?? 0 },
    listeners: nodeListeners(o.listeners, ctx.node),
    log_files: n.log_files ?? [],
    memory: n.memory ?? {},
    net_ticktime: n.net_ticktime ?? 0,
    pid: Number(n.os_pid ?? 0),
    processes: { limit: n.proc_total ?? 0, used: n.proc_used ?? 0 },
    product_name: defaultProduct ? "" : (o.product_name ?? ""),
    product_version: defaultProduct ? "" : (o.product_version ?? ""),
    rabbitmq_version: n.applications?.find((a) => a.name === "rabbit")?.version ?? o.rabbitmq_version ?? "",
    release_series_support_status: o.release_series_support_status ?? "",
    run_queue: n.run_queue ?? 0,
    totals: { virtual_host_count: vhosts.length, connection_count: live.object_totals?.connections ?? 0, queue_count: live.object_totals?.queues ?? 0 },
    uptime: Math.floor((n.uptime ?? 0) / 1000),
    vm_memory_calculation_strategy: n.mem_calculation_strategy ?? String(n.memory?.strategy ?? ""),
    vm_memory_high_watermark_limit: n.mem_limit ?? 0,
  };
  if (!(await offeredExtensions(ctx)).has("status")) return data;
  return { ...data, ...(await callExtension<Partial<StatusData>>(ctx, "status", { node: ctx.node })) };
}
