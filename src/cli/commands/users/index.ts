// The commands of rabbitmqctl's "users" help section.
import type { AnyCommand } from "../../types.js";
import { add_user } from "./add_user.js";
import { authenticate_user } from "./authenticate_user.js";
import { change_password } from "./change_password.js";
import { clear_password } from "./clear_password.js";
import { clear_user_limits } from "./clear_user_limits.js";
import { delete_user } from "./delete_user.js";
import { list_user_limits } from "./list_user_limits.js";
import { list_users } from "./list_users.js";
import { set_user_limits } from "./set_user_limits.js";
import { set_user_tags } from "./set_user_tags.js";

export const usersCommands: AnyCommand[] = [
  add_user, authenticate_user, change_password, clear_password, clear_user_limits,
  delete_user, list_user_limits, list_users, set_user_limits, set_user_tags,
];
