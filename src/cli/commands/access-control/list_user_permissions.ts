import { p } from "../../../api/client.js";
import type { Command } from "../../types.js";
import { arity } from "../common.js";
import { noSuchUserTerm } from "../users/_user.js";
import { entryRows, fetchList, type Entry } from "./_lists.js";

export const list_user_permissions: Command<Entry[]> = {
  name: "list_user_permissions",
  section: "access_control",
  description: "Lists a user's permissions on every virtual host",
  usage: "list_user_permissions [--no-table-headers] <username> [--timeout <timeout>]",
  usageAdditional: [["<username>", "the user whose permissions to list"]],
  docGuides: ["https://rabbitmq.com/access-control.html", "https://rabbitmq.com/virtual-hosts.html"],
  formatter: "table",
  validate: (args) => arity(args, 1),
  banner: ([user = ""]) => `Listing permissions for user "${user}" ...`,
  run: ([user = ""], _opts, ctx) =>
    user === "" ? Promise.reject(noSuchUserTerm(user)) : fetchList(ctx, p`/api/users/${user}/permissions`, () => noSuchUserTerm(user)),
  output: (entries) => entryRows(entries, ["vhost", "configure", "write", "read"]),
};
