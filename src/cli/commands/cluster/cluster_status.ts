import { makeBold } from "../../ansi.js";
import { arity } from "../common.js";
import { reportOutput } from "../monitoring/_format.js";
import { FORMATTERS, type Command } from "../../types.js";
import {
  alarmJson, alarmLine, alarmsOf, fetchNodes, fetchOverview, nodeListeners, targetNode,
  type Alarm, type ApiNode, type ListenerMap, type Overview,
} from "./_nodes.js";

interface FeatureFlag { name: string; desc?: string; doc_url?: string; state?: string; stability?: string; provided_by?: string }

interface ClusterStatus {
  bold: (s: string) => string;
  nodes: ApiNode[];
  overview: Overview;
  flags: FeatureFlag[];
}

const byName = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Version of the rabbit application on a node; the answering node's product name and Erlang release. */
function versionOf(n: ApiNode, o: Overview): { erlang_version: string; rabbitmq_name: string; rabbitmq_version: string } {
  const own = n.name === o.node;
  const rabbit = n.applications?.find((a) => a.name === "rabbit")?.version ?? o.rabbitmq_version ?? "";
  return {
    erlang_version: o.erlang_version ?? "",
    rabbitmq_name: o.product_name ?? "RabbitMQ",
    rabbitmq_version: own ? (o.product_version ?? rabbit) : rabbit,
  };
}

function shape(r: ClusterStatus) {
  const running = r.nodes.filter((n) => n.running !== false);
  const alarms: Alarm[] = running.flatMap(alarmsOf);
  const partitions: Record<string, string[]> = {};
  for (const n of r.nodes) if (n.partitions && n.partitions.length > 0) partitions[n.name] = n.partitions;
  const listeners: Record<string, ListenerMap[]> = {};
  const versions: Record<string, ReturnType<typeof versionOf>> = {};
  // HTTP cannot tell whether a node is under maintenance: rabbitmqctl's word for an unanswered query
  const maintenance: Record<string, string> = {};
  for (const n of [...running].sort((a, b) => byName(a.name, b.name))) {
    listeners[n.name] = nodeListeners(r.overview.listeners, n.name);
    versions[n.name] = versionOf(n, r.overview);
    maintenance[n.name] = "unknown";
  }
  return {
    alarms,
    cluster_name: r.overview.cluster_name ?? "",
    disk_nodes: r.nodes.filter((n) => n.type !== "ram").map((n) => n.name),
    feature_flags: r.flags.map((f) => ({ desc: f.desc ?? "", doc_url: f.doc_url ?? "", name: f.name, provided_by: f.provided_by ?? "", stability: f.stability ?? "", state: f.state ?? "" })),
    listeners,
    maintenance_status: maintenance,
    partitions,
    ram_nodes: r.nodes.filter((n) => n.type === "ram").map((n) => n.name),
    running_nodes: running.map((n) => n.name),
    versions,
  };
}

function text(s: ReturnType<typeof shape>, bold: (t: string) => string): string {
  const head = (t: string, first = false): string => `${first ? "" : "\n"}${bold(t)}\n`;
  const sorted = (xs: string[]): string[] => [...xs].sort(byName);
  const lines = [head("Basics", true), `Cluster name: ${s.cluster_name}`, head("Disk Nodes"), ...sorted(s.disk_nodes)];
  if (s.ram_nodes.length > 0) lines.push(head("RAM Nodes"), ...sorted(s.ram_nodes));
  lines.push(head("Running Nodes"), ...sorted(s.running_nodes), head("Versions"));
  for (const [node, v] of Object.entries(s.versions)) lines.push(`${node}: ${v.rabbitmq_name} ${v.rabbitmq_version} on Erlang ${v.erlang_version}`);
  lines.push(head("Maintenance status"), ...Object.entries(s.maintenance_status).map(([n, st]) => `Node: ${n}, status: ${st}`));
  lines.push(head("Alarms"), ...(s.alarms.length === 0 ? ["(none)"] : s.alarms.map(alarmLine)));
  const parts = Object.entries(s.partitions);
  lines.push(head("Network Partitions"), ...(parts.length === 0 ? ["(none)"] : parts.map(([n, peers]) => `Node ${n} cannot communicate with ${peers.join(", ")}`)));
  const ls = Object.entries(s.listeners).flatMap(([n, xs]) => xs.map((l) => `Node: ${n}, interface: ${l.interface}, port: ${l.port}, protocol: ${l.protocol}, purpose: ${l.purpose}`));
  lines.push(head("Listeners"), ...(Object.keys(s.listeners).length === 0 ? ["(none)"] : ls));
  lines.push(head("Feature flags"), ...(s.feature_flags.length === 0 ? ["(none)"] : s.feature_flags.map((f) => `Flag: ${f.name}, state: ${f.state}`)));
  return lines.join("\n");
}

export const cluster_status: Command<ClusterStatus> = {
  name: "cluster_status",
  // rabbitmqctl crashes printing this report as csv: refuse csv before any request instead
  formatters: FORMATTERS.filter((f) => f !== "csv"),
  section: "cluster",
  description: "Shows the cluster's members by node type, which of them are running, and cluster-wide alarms, listeners and feature flags",
  usage: "cluster_status [--timeout <timeout>]",
  docGuides: ["https://rabbitmq.com/clustering.html", "https://rabbitmq.com/cluster-formation.html", "https://rabbitmq.com/monitoring.html"],
  notes: "Built from GET /api/nodes, /api/overview and /api/feature-flags. The maintenance status of each node is not exposed by the HTTP API and is reported as \"unknown\". Every node is assumed to run the Erlang release of the node that answers. With --formatter erlang the terms are built from the HTTP data, not RabbitMQ's internal records.",
  mergeDefaults: (args, opts) => [args, { ...opts, timeout: opts.timeout ?? 60000 }],
  validate: (args) => arity(args, 0),
  banner: (_args, opts) => `Cluster status of node ${opts.node} ...`,
  async run(_args, _opts, ctx) {
    const [nodes, overview, flags] = await Promise.all([
      fetchNodes(ctx, "name,type,running,partitions,mem_alarm,disk_free_alarm,applications"),
      fetchOverview(ctx),
      ctx.api.get<FeatureFlag[]>("/api/feature-flags"),
    ]);
    targetNode(ctx, nodes);
    return { bold: makeBold(ctx.io.env), nodes, overview, flags: [...flags].sort((a, b) => byName(a.name, b.name)) };
  },
  output(r, opts) {
    const s = shape(r);
    const json = { ...s, alarms: s.alarms.map(alarmJson) };
    return reportOutput(text(s, r.bold), json, opts);
  },
};
