import { makeBold } from "../../ansi.js";
import { CommandError } from "../../errors.js";
import { ExitCode } from "../../exit-codes.js";
import { erlangFloat, JsonFloat } from "../../format/values.js";
import { arity } from "../common.js";
import { alarmJson, alarmLine, listenerLine } from "../cluster/_nodes.js";
import { inUnit, knownUnit, reportOutput, roundTo } from "./_format.js";
import { fetchStatus, type StatusData } from "./_status.js";
import { FORMATTERS, type Command } from "../../types.js";

interface Result { data: StatusData; bold: (s: string) => string }

const unitOf = (opts: Record<string, unknown>): string => (typeof opts.unit === "string" ? opts.unit : "gb");

/** Memory categories, largest first (ties by name), each with its share of the largest total. */
function breakdown(memory: Record<string, unknown>): [string, number, number][] {
  const totals = Object.values((memory.total ?? {}) as Record<string, number>).filter((v) => typeof v === "number");
  const total = totals.length > 0 ? Math.max(...totals) : 0;
  return Object.keys(memory)
    .filter((k) => k !== "total" && k !== "strategy" && typeof memory[k] === "number")
    .sort()
    .map((k): [string, number, number] => [k, memory[k] as number, total > 0 ? roundTo(((memory[k] as number) / total) * 100, 2) : 0])
    .sort((a, b) => b[1] - a[1]);
}

function statusText(d: StatusData, node: string, unit: string, bold: (s: string) => string): string {
  const head = (t: string, first = false): string => `${first ? "" : "\n"}${bold(t)}\n`;
  const opt = (label: string, v: unknown): string[] => (v === undefined ? [] : [`${label}: ${String(v)}`]);
  const lines = [head("Runtime", true), `OS PID: ${d.pid}`, ...opt("OS", d.os), `Uptime (seconds): ${d.uptime}`,
    ...opt("Is under maintenance?", d.is_under_maintenance),
    ...(d.product_name !== "" ? [`Product name: ${d.product_name}`] : []),
    ...(d.product_version !== "" ? [`Product version: ${d.product_version}`] : []),
    `RabbitMQ version: ${d.rabbitmq_version}`, `RabbitMQ release series support status: ${d.release_series_support_status}`,
    `Node name: ${node}`, `Erlang configuration: ${d.erlang_version}`, ...opt("Crypto library", d.crypto_lib_version),
    `Erlang processes: ${d.processes.used} used, ${d.processes.limit} limit`, `Scheduler run queue: ${d.run_queue}`,
    `Cluster heartbeat timeout (net_ticktime): ${d.net_ticktime}`];
  lines.push(head("Plugins"), ...opt("Enabled plugin file", d.enabled_plugin_file), "Enabled plugins:\n", ...d.active_plugins.map((x) => ` * ${x}`));
  lines.push(head("Data directory"), `Node data directory: ${d.data_directory}`, ...opt("Raft data directory", d.raft_data_directory));
  lines.push(head("Config files"), ...d.config_files.map((x) => ` * ${x}`), head("Log file(s)"), ...d.log_files.map((x) => ` * ${x}`));
  lines.push(head("Alarms"), ...(d.alarms.length === 0 ? ["(none)"] : d.alarms.map(alarmLine)));
  const strategy = d.vm_memory_calculation_strategy;
  const used = ((d.memory.total ?? {}) as Record<string, number>)[strategy] ?? 0;
  const wm = d.vm_memory_high_watermark_setting;
  const setting = wm === undefined ? undefined : "relative" in wm ? `${erlangFloat(wm.relative)} of available memory` : `${inUnit(wm.absolute, unit)} ${unit}`;
  // without the watermark setting (HTTP lacks it) its line is left out, keeping the blank line after it
  lines.push(head("Memory"), `Total memory used: ${inUnit(used, unit)} ${unit}`, `Calculation strategy: ${strategy}${setting === undefined ? "\n" : ""}`,
    ...(setting === undefined ? [] : [`Memory high watermark setting: ${setting}, computed to: ${inUnit(d.vm_memory_high_watermark_limit, unit)} ${unit}\n`]),
    ...breakdown(d.memory).map(([k, bytes, pct]) => `${k}: ${inUnit(bytes, unit)} ${unit} (${erlangFloat(pct)} %)`));
  const fd = d.file_descriptors;
  lines.push(head("File Descriptors"), `Total: ${fd.total_used}, limit: ${fd.total_limit}`, `Sockets: ${fd.sockets_used}, limit: ${fd.sockets_limit}`);
  lines.push(head("Free Disk Space"), `Low free disk space watermark: ${inUnit(d.disk_free_limit, unit)} ${unit}`, `Free disk space: ${inUnit(d.disk_free, unit)} ${unit}`);
  lines.push(head("Totals"), `Connection count: ${d.totals.connection_count}`, `Queue count: ${d.totals.queue_count}`, `Virtual host count: ${d.totals.virtual_host_count}`);
  lines.push(head("Listeners"), ...(d.listeners.length === 0 ? ["(none)"] : d.listeners.map(listenerLine)));
  return lines.join("\n");
}

function statusJson(d: StatusData, floats: boolean): Record<string, unknown> {
  const wm = d.vm_memory_high_watermark_setting;
  const sorted = (o: Record<string, unknown>): Record<string, unknown> => Object.fromEntries(Object.keys(o).sort().map((k) => [k, o[k]]));
  const out: Record<string, unknown> = { ...d, alarms: d.alarms.map(alarmJson), memory: sorted(d.memory) };
  // json prints a whole relative watermark as 1.0, as Elixir does; other formatters take the number
  if (floats && wm && "relative" in wm) out.vm_memory_high_watermark_setting = { relative: new JsonFloat(wm.relative) };
  return sorted(out);
}

export const status: Command<Result> = {
  name: "status",
  // rabbitmqctl crashes printing this report as csv: refuse csv before any request instead
  formatters: FORMATTERS.filter((f) => f !== "csv"),
  section: "monitoring",
  description: "Shows a node's runtime, plugins, directories, alarms, memory use, file descriptors, disk space and listeners",
  usage: "status [--unit <unit>] [--timeout <timeout>]",
  usageAdditional: [
    ["--unit <bytes | mb | gb>", "unit for memory and disk sizes (bytes, megabytes or gigabytes)"],
    ["--formatter <json | erlang>", "print the result as JSON or Erlang terms instead of text"],
  ],
  docGuides: ["https://rabbitmq.com/monitoring.html"],
  switches: [{ name: "unit", type: "string", description: "unit for memory and disk sizes: bytes, kb, mb, gb or tb" }],
  notes: "Built from GET /api/nodes/{node}?memory=true, /api/overview and /api/vhosts. The OS name, crypto library, enabled plugins file, Raft data directory, maintenance flag and memory high watermark setting are not in the HTTP API: they are printed only when the node offers warren's `status` extension (without it the \"Memory high watermark setting\" line is left out; json still has vm_memory_high_watermark_limit). \"Enabled plugins\" lists the explicitly enabled plugins, not their dependencies. File descriptor counts are the API's (all descriptors of the OS process), and the connection count is cluster-wide.",
  mergeDefaults: (args, opts) => [args, { ...opts, unit: unitOf(opts), timeout: opts.timeout ?? 60000 }],
  validate(args, opts) {
    const unit = unitOf(opts);
    return arity(args, 0) ?? (knownUnit(unit) ? undefined : `"unit '${unit}' is not supported. Please use one of: bytes, mb, gb"`);
  },
  banner: (_args, opts) => `Status of node ${opts.node} ...`,
  run: async (_args, _opts, ctx) => ({ data: await fetchStatus(ctx), bold: makeBold(ctx.io.env) }),
  output(r, opts) {
    const unit = unitOf(opts);
    // rabbitmqctl 3.10 crashes on an upper-case "BYTES"; keep its exit code and error
    if (unit.toLowerCase() === "bytes" && unit !== "bytes" && opts.formatter !== "json" && opts.formatter !== "erlang") {
      throw new CommandError(ExitCode.software, ":function_clause");
    }
    return reportOutput(statusText(r.data, opts.node, unit, r.bold), statusJson(r.data, opts.formatter === "json"), opts);
  },
};
