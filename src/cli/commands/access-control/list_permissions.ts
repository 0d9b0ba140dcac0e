import { p } from "../../../api/client.js";
import type { Command } from "../../types.js";
import { arity, noSuchVhost, vhostOf, withDefaultVhost } from "../common.js";
import { entryRows, fetchList, type Entry } from "./_lists.js";

export const list_permissions: Command<Entry[]> = {
  name: "list_permissions",
  section: "access_control",
  description: "Lists the permissions every user has on a virtual host",
  usage: "list_permissions [--vhost <vhost>] [--no-table-headers] [--timeout <timeout>]",
  docGuides: ["https://rabbitmq.com/access-control.html", "https://rabbitmq.com/virtual-hosts.html"],
  formatter: "table",
  mergeDefaults: withDefaultVhost,
  validate: (args) => arity(args, 0),
  banner: (_args, opts) => `Listing permissions for vhost "${vhostOf(opts)}" ...`,
  run: (_args, opts, ctx) => {
    const vhost = vhostOf(opts);
    return fetchList(ctx, p`/api/vhosts/${vhost}/permissions`, () => noSuchVhost(vhost));
  },
  output: (entries) => entryRows(entries, ["user", "configure", "write", "read"]),
};
