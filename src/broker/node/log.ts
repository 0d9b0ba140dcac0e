import { closeSync, mkdirSync, openSync, writeSync } from "node:fs";
import { dirname } from "node:path";

/** RabbitMQ's log levels, most verbose first; "none" silences the node. */
export const LOG_LEVELS = ["debug", "info", "notice", "warning", "error", "critical", "alert", "emergency", "none"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export const isLogLevel = (s: string): s is LogLevel => (LOG_LEVELS as readonly string[]).includes(s);

const pad = (n: number, w = 2): string => String(n).padStart(w, "0");

/** RabbitMQ's timestamp layout (UTC): 2024-05-01 12:00:00.123+00:00. */
export function logTimestamp(d = new Date()): string {
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}+00:00`;
}

/** One-line, timestamped node log to a file (reopened by rotate) or to standard output; silent unless a sink is set. */
export class NodeLog {
  level: LogLevel = "info";
  private fd: number | undefined;
  private path: string | undefined;
  private toStdout = false;

  /** Where log lines go: a file path, "stdout", or nowhere (in-process brokers stay quiet by default). */
  setSink(sink: string | "stdout" | undefined): void {
    this.closeFile();
    this.toStdout = sink === "stdout";
    this.path = sink === undefined || sink === "stdout" ? undefined : sink;
    if (this.path !== undefined) this.openFile();
  }

  /** The log files as /api/nodes lists them; RabbitMQ shows "<stdout>" for console logging. */
  files(): string[] {
    if (this.path !== undefined) return [this.path];
    return this.toStdout ? ["<stdout>"] : [];
  }

  get file(): string | undefined {
    return this.path;
  }

  /** Reopens the log file at its path, so a file moved away by logrotate is replaced by a fresh one. */
  reopen(): void {
    if (this.path === undefined) return;
    this.closeFile();
    this.openFile();
  }

  debug = (msg: string): void => this.write("debug", msg);
  info = (msg: string): void => this.write("info", msg);
  warning = (msg: string): void => this.write("warning", msg);
  error = (msg: string): void => this.write("error", msg);

  write(level: Exclude<LogLevel, "none">, msg: string): void {
    if (this.level === "none" || LOG_LEVELS.indexOf(level) < LOG_LEVELS.indexOf(this.level)) return;
    // one record per line: embedded newlines would split a record in two
    const line = `${logTimestamp()} [${level}] ${msg.replace(/\r?\n/g, " ")}\n`;
    if (this.fd !== undefined) writeSync(this.fd, line);
    else if (this.toStdout) process.stdout.write(line);
  }

  close(): void {
    this.closeFile();
  }

  private openFile(): void {
    mkdirSync(dirname(this.path!), { recursive: true });
    this.fd = openSync(this.path!, "a");
  }

  private closeFile(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}
