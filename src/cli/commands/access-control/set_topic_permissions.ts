import { p } from "../../../api/client.js";
import type { Command } from "../../types.js";
import { arity, vhostOf, withDefaultVhost } from "../common.js";
import { putPermissions } from "./_perm.js";

export const set_topic_permissions: Command<void> = {
  name: "set_topic_permissions",
  section: "access_control",
  description: "Restricts the routing keys a user may publish and consume with on one topic exchange",
  usage: "set_topic_permissions [--vhost <vhost>] <username> <exchange> <write> <read>",
  usageAdditional: [
    ["<username>", "the user the permissions apply to"],
    ["<exchange>", "the topic exchange they apply to"],
    ["<write>", "regular expression of the routing keys the user may publish with"],
    ["<read>", "regular expression of the routing keys the user may bind or consume with"],
  ],
  docGuides: ["https://rabbitmq.com/access-control.html"],
  notes: "When the user or the virtual host is missing, a malformed regular expression is not reported: the management API checks existence first.",
  mergeDefaults: withDefaultVhost,
  validate: (args) => arity(args, 4),
  banner: ([user = "", exchange = ""], opts) =>
    `Setting topic permissions on "${exchange}" for user "${user}" in vhost "${vhostOf(opts)}" ...`,
  run: ([user = "", exchange = "", write = "", read = ""], opts, ctx) => {
    const vhost = vhostOf(opts);
    return putPermissions(ctx, opts, p`/api/topic-permissions/${vhost}/${user}`, { exchange, write, read }, user, vhost);
  },
};
