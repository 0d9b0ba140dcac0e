// eval, eval_file and exec run Erlang or Elixir code, which needs an Erlang runtime: the node's (over Erlang
// distribution) or the CLI's own. warrenctl has neither, so they fail with one clear line and change nothing.
import { CommandError } from "../../errors.js";
import { ExitCode } from "../../exit-codes.js";

export const noCodeEvaluation = (cmd: string, where: string): CommandError =>
  new CommandError(
    ExitCode.unavailable,
    `Error: ${cmd} is not available in warrenctl: it evaluates ${where}, which needs an Erlang runtime; warrenctl reaches nodes through the management HTTP API only. Nothing was evaluated.`,
    true,
  );
