// The explicit list of every command; the registry rejects duplicates and a test checks all 100 are here.
import type { AnyCommand } from "../types.js";
import { version } from "./help/version.js";
import { list_users } from "./users/list_users.js";

export const COMMANDS: AnyCommand[] = [
  version,
  list_users,
];
