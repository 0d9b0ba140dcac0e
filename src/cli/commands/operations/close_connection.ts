import { arity } from "../common.js";
import type { Command } from "../../types.js";
import { closeConnection } from "./_close.js";

export const close_connection: Command<void> = {
  name: "close_connection",
  section: "operations",
  description: "Closes one client connection, giving the client a reason",
  usage: "close_connection <connection pid> <explanation>",
  usageAdditional: [
    ["<connection pid>", "the connection's name as list_connections name prints it (\"127.0.0.1:52314 -> 127.0.0.1:5672\"); the HTTP API has no pids"],
    ["<explanation>", "the reason the client is told"],
  ],
  docGuides: ["https://rabbitmq.com/connections.html"],
  notes: "The management API identifies connections by name, not by Erlang pid: pass the name that list_connections name prints (e.g. \"127.0.0.1:52314 -> 127.0.0.1:5672\"). DELETE /api/connections/<name> with the explanation in X-Reason. A connection that no longer exists is not an error, as with a pid of a finished process in rabbitmqctl.",
  examples: [["warrenctl close_connection \"127.0.0.1:52314 -> 127.0.0.1:5672\" \"maintenance\"", "closes that connection; the client sees CONNECTION_FORCED - maintenance"]],
  validate: (args) => arity(args, 2),
  banner: (args) => `Closing connection ${args[0]}, reason: ${args[1]}...`,
  run: (args, _opts, ctx) => closeConnection(ctx, args[0]!, args[1]!),
};
