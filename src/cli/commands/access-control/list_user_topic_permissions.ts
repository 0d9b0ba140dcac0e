import { p } from "../../../api/client.js";
import type { Command } from "../../types.js";
import { arity } from "../common.js";
import { noSuchUserTerm } from "../users/_user.js";
import { entryRows, fetchList, type Entry } from "./_lists.js";

export const list_user_topic_permissions: Command<Entry[]> = {
  name: "list_user_topic_permissions",
  section: "access_control",
  description: "Lists a user's topic permissions on every virtual host",
  usage: "list_user_topic_permissions [--no-table-headers] <username> [--timeout <timeout>]",
  usageAdditional: [["<username>", "the user whose topic permissions to list"]],
  docGuides: ["https://rabbitmq.com/access-control.html"],
  formatter: "table",
  // rabbitmqctl 3.10.8 prints this table's header row only when --table-headers is given
  mergeDefaults: (args, opts) => [args, { ...opts, tableHeaders: opts.tableHeadersGiven === true && opts.tableHeaders }],
  validate: (args) => arity(args, 1),
  banner: ([user = ""]) => `Listing topic permissions for user "${user}" ...`,
  run: ([user = ""], _opts, ctx) =>
    user === "" ? Promise.reject(noSuchUserTerm(user)) : fetchList(ctx, p`/api/users/${user}/topic-permissions`, () => noSuchUserTerm(user)),
  output: (entries) => entryRows(entries, ["vhost", "exchange", "write", "read"]),
};
