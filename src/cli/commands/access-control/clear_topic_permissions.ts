import { p } from "../../../api/client.js";
import type { Command } from "../../types.js";
import { arity, vhostOf, withDefaultVhost } from "../common.js";
import { deletePermissions, missingUserOrVhost } from "./_perm.js";

export const clear_topic_permissions: Command<void> = {
  name: "clear_topic_permissions",
  section: "access_control",
  description: "Takes away a user's topic permissions on a virtual host, on every exchange or on one",
  usage: "clear_topic_permissions [--vhost <vhost>] <username> [<exchange>]",
  usageAdditional: [
    ["<username>", "the user whose topic permissions go"],
    ["<exchange>", "only the permissions on this exchange (default: on all exchanges)"],
  ],
  docGuides: ["https://rabbitmq.com/access-control.html"],
  mergeDefaults: withDefaultVhost,
  validate: (args) => arity(args, 1, 2),
  banner: ([user = "", exchange], opts) =>
    exchange === undefined
      ? `Clearing topic permissions for user "${user}" in vhost "${vhostOf(opts)}" ...`
      : `Clearing topic permissions on "${exchange}" for user "${user}" in vhost "${vhostOf(opts)}" ...`,
  notes: "An exchange named \"\" cannot be addressed through the management API: only the user and vhost are checked.",
  run: async ([user = "", exchange], opts, ctx) => {
    const vhost = vhostOf(opts);
    if (exchange === "") {
      // the path .../user/ would clear every exchange's permissions
      const failure = await missingUserOrVhost(ctx, opts, user, vhost);
      if (failure) throw failure;
      return;
    }
    const path = exchange === undefined ? p`/api/topic-permissions/${vhost}/${user}` : p`/api/topic-permissions/${vhost}/${user}/${exchange}`;
    return deletePermissions(ctx, opts, path, user, vhost);
  },
};
