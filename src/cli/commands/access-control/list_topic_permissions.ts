import { p } from "../../../api/client.js";
import type { Command } from "../../types.js";
import { arity, noSuchVhost, vhostOf, withDefaultVhost } from "../common.js";
import { entryRows, fetchList, type Entry } from "./_lists.js";

export const list_topic_permissions: Command<Entry[]> = {
  name: "list_topic_permissions",
  section: "access_control",
  description: "Lists the topic permissions every user has on a virtual host",
  usage: "list_topic_permissions [--vhost <vhost>] [--no-table-headers] [--timeout <timeout>]",
  docGuides: ["https://rabbitmq.com/access-control.html"],
  formatter: "table",
  mergeDefaults: withDefaultVhost,
  validate: (args) => arity(args, 0),
  banner: (_args, opts) => `Listing topic permissions for vhost "${vhostOf(opts)}" ...`,
  run: (_args, opts, ctx) => {
    const vhost = vhostOf(opts);
    return fetchList(ctx, p`/api/vhosts/${vhost}/topic-permissions`, () => noSuchVhost(vhost));
  },
  output: (entries) => entryRows(entries, ["user", "exchange", "write", "read"]),
};
