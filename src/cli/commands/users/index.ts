// The commands of rabbitmqctl's "users" help section.
import type { AnyCommand } from "../../types.js";
import { list_users } from "./list_users.js";

export const usersCommands: AnyCommand[] = [list_users];
