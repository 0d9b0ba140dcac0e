import { ExitCode } from "./exit-codes.js";

/** A failure the pipeline prints on stderr; only main() turns it into an exit code. */
export class CommandError extends Error {
  constructor(
    readonly exitCode: ExitCode | number,
    /** Text printed after "Error:\n"; an object is printed as one JSON line (json-formatter failures). */
    readonly body: string | Record<string, unknown>,
    /** rabbitmqctl prints some failures (missing vhost, 65) without the "Error:" line. */
    readonly bare = false,
  ) {
    super(typeof body === "string" ? body : JSON.stringify(body));
    this.name = "CommandError";
  }
}

/** "Error (argument validation): <detail>" followed by the arguments and the usage; exit 64. */
export class UsageError extends Error {
  constructor(
    readonly detail: string,
    /** Some argument checks exit 65 with the same layout (add_user's empty user name). */
    readonly exitCode: number = ExitCode.usage,
  ) {
    super(detail);
    this.name = "UsageError";
  }
}

/** The node could not be reached or refused us: one clear line, no banner side effects. */
export class TransportError extends Error {
  constructor(
    readonly exitCode: ExitCode | number,
    message: string,
  ) {
    super(message);
    this.name = "TransportError";
  }
}

/** An operation exceeded --timeout: rabbitmqctl's wording, exit 75. */
export class TimeoutError extends Error {
  constructor(
    readonly command: string,
    readonly node: string,
    readonly timeoutMs: number,
    readonly suffix = "",
  ) {
    super(`Error: operation ${command} on node ${node} timed out. Timeout value used: ${timeoutMs}${suffix}`);
    this.name = "TimeoutError";
  }
}

export const usage = (detail: string): UsageError => new UsageError(detail);
export const fail = (exitCode: ExitCode | number, body: string | Record<string, unknown>, bare = false): CommandError =>
  new CommandError(exitCode, body, bare);
