import { offeredExtensions } from "../../../api/extensions.js";
import { makeBold } from "../../ansi.js";
import { render } from "../../format/render.js";
import { arity } from "../common.js";
import type { AnyCommand, Command, CommandContext, CommandOutput, Opts } from "../../types.js";

// The report's parts, in rabbitmqctl's order; `all` asks for every info key, as its report does.
const NODE_PARTS: [string, boolean][] = [["status", false], ["cluster_status", false], ["environment", false], ["list_connections", true], ["list_channels", true]];
const VHOST_PARTS: [string, boolean][] = [["list_queues", true], ["list_exchanges", true], ["list_bindings", true], ["list_permissions", false], ["list_policies", false], ["list_global_parameters", false], ["list_parameters", false]];

const defaultOutput = (r: unknown): CommandOutput =>
  r === undefined || r === null ? { kind: "ok" } : typeof r === "string" ? { kind: "message", text: r } : { kind: "value", text: String(r), json: r };

/** One part as rabbitmqctl's report prints it: an empty line, the part's banner, its output in its own formatter. */
async function part(cmd: AnyCommand, all: boolean, base: Opts, ctx: CommandContext, bold: (s: string) => string): Promise<string[]> {
  const formatter = cmd.formatter ?? "string";
  let args = all && cmd.columns ? [...cmd.columns.allowed] : [];
  let opts: Opts = { ...base, formatter };
  if (cmd.mergeDefaults) [args, opts] = cmd.mergeDefaults(args, opts);
  if (cmd.columns) opts.columns = args.length > 0 ? [...new Set(args)] : cmd.columns.defaults;
  const banner = base.quiet || base.silent ? undefined : cmd.banner?.(args, opts);
  const result: unknown = await cmd.run(args, opts, ctx);
  const out = cmd.output ? cmd.output(result, opts) : defaultOutput(result);
  let text = "";
  await render(out, formatter, opts, { write: (s: string) => (text += s) }, bold);
  const body = text === "" ? [] : text.replace(/\n$/, "").split("\n");
  return ["", ...(banner === undefined ? [] : Array.isArray(banner) ? banner : [banner]), ...body];
}

export const report: Command<string[]> = {
  name: "report",
  section: "monitoring",
  description: "Prints one long support report: node status, cluster status and every list for every virtual host",
  usage: "report",
  docGuides: ["https://rabbitmq.com/monitoring.html"],
  formatter: "report",
  formatters: ["report"],
  notes: "Composed over HTTP from status, cluster_status, list_connections, list_channels and, per virtual host (in the API's name order), list_queues, list_exchanges, list_bindings, list_permissions, list_policies, list_global_parameters and list_parameters, each with the differences its own page describes. The application environment appears only when the node offers warren's `environment` extension; the node's command line arguments and OS environment variables are left out (HTTP has neither).",
  validate: (args) => arity(args, 0),
  banner: (_args, opts) => `Reporting server status of node ${opts.node} ...`,
  async run(_args, opts, ctx) {
    // the registry lists this command too, so it is looked up when the report runs
    const { REGISTRY } = await import("../../registry.js");
    const offered = await offeredExtensions(ctx);
    const usable = (name: string): AnyCommand | undefined => {
      const cmd = REGISTRY.get(name);
      return cmd && (!cmd.extension || offered.has(cmd.extension)) ? cmd : undefined;
    };
    const bold = makeBold(ctx.io.env);
    const lines: string[] = [];
    const add = async (name: string, all: boolean, o: Opts): Promise<void> => {
      const cmd = usable(name);
      if (!cmd) return;
      try {
        lines.push(...(await part(cmd, all, o, ctx, bold)));
      } catch (e) {
        // rabbitmqctl has printed the parts before a failing one: keep them
        for (const l of lines) ctx.io.stdout.write(`${l}\n`);
        throw e;
      }
    };
    for (const [name, all] of NODE_PARTS) await add(name, all, opts);
    const vhosts = await ctx.api.get<{ name: string }[]>("/api/vhosts", { columns: "name" });
    for (const v of vhosts) for (const [name, all] of VHOST_PARTS) await add(name, all, { ...opts, vhost: v.name });
    return lines;
  },
  output: (lines) => ({ kind: "lines", lines }),
};
