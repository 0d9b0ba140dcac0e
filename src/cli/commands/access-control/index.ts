// The commands of rabbitmqctl's "access-control" help section.
import type { AnyCommand } from "../../types.js";
import { clear_permissions } from "./clear_permissions.js";
import { clear_topic_permissions } from "./clear_topic_permissions.js";
import { list_permissions } from "./list_permissions.js";
import { list_topic_permissions } from "./list_topic_permissions.js";
import { list_user_permissions } from "./list_user_permissions.js";
import { list_user_topic_permissions } from "./list_user_topic_permissions.js";
import { list_vhosts } from "./list_vhosts.js";
import { set_permissions } from "./set_permissions.js";
import { set_topic_permissions } from "./set_topic_permissions.js";

export const accessControlCommands: AnyCommand[] = [
  clear_permissions, clear_topic_permissions, list_permissions, list_topic_permissions, list_user_permissions,
  list_user_topic_permissions, list_vhosts, set_permissions, set_topic_permissions,
];
