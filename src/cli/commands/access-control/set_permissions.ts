import { p } from "../../../api/client.js";
import type { Command } from "../../types.js";
import { arity, vhostOf, withDefaultVhost } from "../common.js";
import { putPermissions } from "./_perm.js";

export const set_permissions: Command<void> = {
  name: "set_permissions",
  section: "access_control",
  description: "Grants a user configure, write and read permissions on a virtual host, as regular expressions",
  usage: "set_permissions [--vhost <vhost>] <username> <conf> <write> <read>",
  usageAdditional: [
    ["<username>", "the user to grant permissions to"],
    ["<conf>", "regular expression of the resource names the user may configure"],
    ["<write>", "regular expression of the resource names the user may write to"],
    ["<read>", "regular expression of the resource names the user may read from"],
  ],
  docGuides: ["https://rabbitmq.com/access-control.html", "https://rabbitmq.com/virtual-hosts.html"],
  notes: "When the user or the virtual host is missing, a malformed regular expression is not reported: the management API checks existence first.",
  mergeDefaults: withDefaultVhost,
  validate: (args) => arity(args, 4),
  banner: ([user = ""], opts) => `Setting permissions for user "${user}" in vhost "${vhostOf(opts)}" ...`,
  run: ([user = "", configure = "", write = "", read = ""], opts, ctx) => {
    const vhost = vhostOf(opts);
    return putPermissions(ctx, opts, p`/api/permissions/${vhost}/${user}`, { configure, write, read }, user, vhost);
  },
};
