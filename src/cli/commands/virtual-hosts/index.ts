// The commands of rabbitmqctl's "virtual-hosts" help section.
import type { AnyCommand } from "../../types.js";
import { add_vhost } from "./add_vhost.js";
import { clear_vhost_limits } from "./clear_vhost_limits.js";
import { delete_vhost } from "./delete_vhost.js";
import { list_vhost_limits } from "./list_vhost_limits.js";
import { restart_vhost } from "./restart_vhost.js";
import { set_vhost_limits } from "./set_vhost_limits.js";
import { set_vhost_tags } from "./set_vhost_tags.js";
import { trace_off } from "./trace_off.js";
import { trace_on } from "./trace_on.js";

export const virtualHostsCommands: AnyCommand[] = [
  add_vhost,
  clear_vhost_limits,
  delete_vhost,
  list_vhost_limits,
  restart_vhost,
  set_vhost_limits,
  set_vhost_tags,
  trace_off,
  trace_on,
];
