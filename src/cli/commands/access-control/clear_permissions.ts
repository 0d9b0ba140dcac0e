import { p } from "../../../api/client.js";
import type { Command } from "../../types.js";
import { arity, vhostOf, withDefaultVhost } from "../common.js";
import { deletePermissions } from "./_perm.js";

export const clear_permissions: Command<void> = {
  name: "clear_permissions",
  section: "access_control",
  description: "Takes away all of a user's permissions on a virtual host",
  usage: "clear_permissions [--vhost <vhost>] <username>",
  usageAdditional: [["<username>", "the user whose permissions go"]],
  docGuides: ["https://rabbitmq.com/access-control.html"],
  mergeDefaults: withDefaultVhost,
  validate: (args) => arity(args, 1),
  banner: ([user = ""], opts) => `Clearing permissions for user "${user}" in vhost "${vhostOf(opts)}" ...`,
  run: ([user = ""], opts, ctx) => {
    const vhost = vhostOf(opts);
    return deletePermissions(ctx, opts, p`/api/permissions/${vhost}/${user}`, user, vhost);
  },
};
