import { p } from "../../../api/client.js";
import type { Command, CommandOutput, Row } from "../../types.js";
import { arity, isNotFound, noSuchVhost, vhostOf, withDefaultVhost } from "../common.js";
import { itemsOf, member, strOf, type RawJson } from "../parameters/_raw-json.js";
import { okText } from "./_vhost.js";

/** Limits as rabbitmqctl prints them; an emptied limits parameter ([]) is an empty object to it. */
const limitsText = (v: RawJson | undefined): string => (v === undefined || v.t === "arr" ? "{}" : v.raw);

export const list_vhost_limits: Command<RawJson[]> = {
  name: "list_vhost_limits",
  section: "virtual_hosts",
  description: "Shows the limits of one virtual host, or of all of them with --global",
  usage: "list_vhost_limits [--vhost <vhost>] [--global] [--no-table-headers]",
  usageAdditional: [["--global", "show the limits of every virtual host that has some"]],
  docGuides: ["https://rabbitmq.com/virtual-hosts.html"],
  switches: [{ name: "global", type: "boolean", description: "list the limits of all virtual hosts" }],
  formatter: "table",
  mergeDefaults: withDefaultVhost,
  validate: (args) => arity(args, 0),
  banner: (_args, opts) => (opts.global === true ? "Listing limits for all vhosts ..." : `Listing limits for vhost "${vhostOf(opts)}" ...`),
  async run(_args, opts, ctx) {
    const vhost = vhostOf(opts);
    if (opts.global !== true && vhost === "") throw noSuchVhost(vhost);
    const path = opts.global === true ? "/api/vhost-limits" : p`/api/vhost-limits/${vhost}`;
    const res = await ctx.api.request("GET", path).catch((e: unknown) => {
      throw isNotFound(e) ? noSuchVhost(vhost) : e;
    });
    return itemsOf(res.text);
  },
  output(items, opts): CommandOutput {
    if (opts.global === true) {
      const rows = items.map((it): Row => [strOf(it, "vhost"), limitsText(member(it, "value"))]);
      return { kind: "rows", columns: ["vhost", "limits"], rows, stream: false };
    }
    // one vhost: rabbitmqctl returns its limits as one JSON text, or an empty list when there are none
    const first = items[0];
    if (first === undefined) return { kind: "rows", columns: [], rows: [], stream: false };
    return okText(limitsText(member(first, "value")), opts);
  },
};
