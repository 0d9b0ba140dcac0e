import { CommandError } from "../../errors.js";
import { ExitCode } from "../../exit-codes.js";
import { arity } from "../common.js";
import { nodeOperation, replyOutput, type ExtensionReply } from "../nodes/_extension.js";
import type { Command } from "../../types.js";

const LEVELS = ["debug", "info", "notice", "warning", "error", "critical", "alert", "emergency", "none"];

export const set_log_level: Command<ExtensionReply> = {
  name: "set_log_level",
  section: "configuration",
  description: "Changes the log level of the running node",
  usage: "set_log_level <log_level>",
  usageAdditional: [["<log_level>", "one of debug, info, notice, warning, error, critical, alert, emergency, none"]],
  docGuides: ["https://rabbitmq.com/logging.html"],
  extension: "set_log_level",
  notes: "Needs warren's `set_log_level` extension. Request {\"level\": \"<level>\"}; reply per the shared contract; a level the node refuses comes back as {\"result\":\"error\",\"exit_code\":70,\"error\":\"level <level> is not supported. Try one of debug, info, warning, error, critical, none\"}.",
  validate: (args) => {
    const problem = arity(args, 1);
    if (problem !== undefined) return problem;
    if (LEVELS.includes(args[0]!)) return undefined;
    return new CommandError(ExitCode.unavailable, `level ${args[0]} is not supported. Try one of debug, info, warning, error, critical, none`);
  },
  banner: (args) => `Setting log level to "${args[0]}" ...`,
  run: (args, _opts, ctx) => nodeOperation(ctx, "set_log_level", { level: args[0] }),
  output: replyOutput,
};
