import { mkdirSync, statSync } from "node:fs";
import { UsageError } from "../../errors.js";
import { ExitCode } from "../../exit-codes.js";
import type { Command } from "../../types.js";

const isDir = (path: string): boolean => {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
};

export const hipe_compile: Command<void> = {
  name: "hipe_compile",
  section: "deprecated",
  description: "DEPRECATED. Does nothing: current Erlang releases have no HiPE compiler",
  usage: "hipe_compile <directory>",
  usageAdditional: [["<directory>", "where compiled modules would have gone (created if missing, as rabbitmqctl does)"]],
  docGuides: ["https://rabbitmq.com/configure.html", "https://rabbitmq.com/which-erlang.html"],
  notes: "Never contacts the node. Like rabbitmqctl it creates the directory when it does not exist, while checking its arguments.",
  validate(args) {
    if (args.length === 0) return "not enough arguments.";
    if (args.length > 1) return "too many arguments.";
    const dir = args[0]!;
    if (dir.trim() === "") return new UsageError("Bad argument: Target directory path cannot be blank", ExitCode.dataErr);
    if (isDir(dir)) return undefined;
    try {
      // rabbitmqctl creates the directory during validation; so do we
      mkdirSync(dir, { recursive: true });
      return undefined;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      const why = code === "EACCES" || code === "EPERM" ? "insufficient permissions" : String(code).toLowerCase();
      return new UsageError(`Bad argument: Cannot create target directory ${dir}: ${why}`, ExitCode.dataErr);
    }
  },
  banner: () => "This command is a no-op. HiPE is no longer supported by modern Erlang versions",
  run: async () => undefined,
};
