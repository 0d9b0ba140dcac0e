// rabbitmqctl's messages for a definitions file it cannot read or write (exit 65).
import { CommandError } from "../../errors.js";
import { ExitCode } from "../../exit-codes.js";

export function fileError(e: unknown, path: string, verb: "read from" | "write to"): CommandError {
  const code = (e as NodeJS.ErrnoException).code;
  const text = code === "ENOENT" ? `Parent directory or file ${path} does not exist`
    : code === "ENOTDIR" ? `Parent directory of file ${path} is not a directory`
    : code === "ENOSPC" ? `No space left on device hosting ${path}`
    : code === "EACCES" ? `No permissions to ${verb === "read from" ? "read from" : "write to"} file ${path} or its parent directory`
    : code === "EISDIR" || code === "ERR_FS_EISDIR" ? `Path ${path} is a directory`
    : `Could not ${verb === "read from" ? "read from" : "write to"} file ${path}: ${(code ?? String(e)).toLowerCase()}`;
  return new CommandError(ExitCode.dataErr, text);
}
