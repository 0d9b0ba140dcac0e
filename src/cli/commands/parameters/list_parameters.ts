import type { Command, Row } from "../../types.js";
import { arity, noSuchVhost, vhostOf, withDefaultVhost } from "../common.js";
import { findVhost } from "../virtual-hosts/_vhost.js";
import { itemsOf, member, strOf } from "./_raw-json.js";

export const list_parameters: Command<string | undefined> = {
  name: "list_parameters",
  section: "parameters",
  description: "Shows the runtime parameters of a virtual host, operator policies and limits included",
  usage: "list_parameters [--vhost <vhost>] [--no-table-headers] [--timeout <timeout>]",
  docGuides: ["https://rabbitmq.com/parameters.html"],
  formatter: "table",
  mergeDefaults: withDefaultVhost,
  validate: (args) => arity(args, 0),
  banner: (_args, opts) => `Listing runtime parameters for vhost "${vhostOf(opts)}" ...`,
  async run(_args, opts, ctx) {
    const vhost = vhostOf(opts);
    if (!(await findVhost(ctx.api, vhost))) throw noSuchVhost(vhost);
    // the API has no per-vhost listing across components, so filter the full one
    return (await ctx.api.request("GET", "/api/parameters")).text;
  },
  output: (text, opts) => ({
    kind: "rows",
    columns: ["component", "name", "value"],
    rows: itemsOf(text)
      .filter((it) => strOf(it, "vhost") === vhostOf(opts))
      .map((it): Row => [strOf(it, "component"), strOf(it, "name"), member(it, "value")?.raw ?? "null"]),
    stream: false,
  }),
};
