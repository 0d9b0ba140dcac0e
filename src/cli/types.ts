import type { ManagementClient } from "../api/client.js";
import type { CommandError, UsageError } from "./errors.js";
import type { CtlValue } from "./format/values.js";

/** The help sections of `rabbitmqctl help`, in the order it prints them. */
export const HELP_SECTIONS = [
  ["help", "Help"],
  ["nodes", "Nodes"],
  ["cluster", "Cluster"],
  ["replication", "Replication"],
  ["users", "Users"],
  ["access_control", "Access Control"],
  ["monitoring", "Monitoring, observability and health checks"],
  ["parameters", "Parameters"],
  ["policies", "Policies"],
  ["virtual_hosts", "Virtual hosts"],
  ["configuration", "Configuration and Environment"],
  ["definitions", "Definitions"],
  ["feature_flags", "Feature flags"],
  ["operations", "Operations"],
  ["queues", "Queues"],
  ["deprecated", "Deprecated"],
] as const;
export type HelpSection = (typeof HELP_SECTIONS)[number][0];

export const FORMATTERS = [
  "table", "json", "csv", "pretty_table", "erlang", "string", "inspect", "json_stream", "string_per_line", "report",
  "plugins", "msacc",
] as const;
export type FormatterName = (typeof FORMATTERS)[number];

/** A command-only switch: `--if-empty` / `-e`. Also feeds help, the man page and completion. */
export interface SwitchSpec {
  name: string;
  alias?: string;
  type: "boolean" | "string" | "integer" | "float";
  description: string;
}

/** Global and command switches after parsing; command switches are keyed by their long name. */
export interface Opts {
  node: string;
  vhost?: string;
  quiet: boolean;
  silent: boolean;
  /** Milliseconds; undefined = infinity (or the command's default). */
  timeout?: number;
  formatter?: FormatterName;
  tableHeaders: boolean;
  /** --table-headers or --no-table-headers was given (list_user_topic_permissions hides headers otherwise). */
  tableHeadersGiven?: boolean;
  padToHeader: boolean;
  dryRun: boolean;
  longnames: boolean;
  /** Requested info keys (list_* commands), after defaults. */
  columns?: string[];
  [key: string]: unknown;
}

export type Row = CtlValue[];

/** What a command's output() hands to the formatters. */
export type CommandOutput =
  /** Success with nothing more to print than the banner; json prints {"node","result":"ok"}. */
  | { kind: "ok" }
  /** A sentence such as "Ping succeeded": printed even with -q; json {"message": text}. */
  | { kind: "message"; text: string; json?: Record<string, unknown> }
  /** A single structured result (status, version): text for table/string, a json object otherwise. */
  | { kind: "value"; text: string; json: unknown; csv?: [string[], Row[]] }
  /**
   * Rows with named columns. `stream: true` behaves like rabbitmqctl's streaming lists (nothing printed
   * when empty, json "[\n]"); false like its plain lists (one empty line when empty, json "[]").
   */
  | { kind: "rows"; columns: string[]; rows: Iterable<Row> | AsyncIterable<Row>; stream: boolean }
  /** Pre-rendered lines (help, erlang terms), printed as they are. */
  | { kind: "lines"; lines: string[] };

export interface Stdio {
  stdout: { write(chunk: string): unknown };
  stderr: { write(chunk: string): unknown };
  stdin?: NodeJS.ReadableStream;
  env: Record<string, string | undefined>;
  isTTY?: boolean;
}

export interface CommandContext {
  api: ManagementClient;
  io: Stdio;
  /** Aborted when --timeout runs out. */
  signal: AbortSignal;
  /** The node name shown in messages ("rabbit@host"). */
  node: string;
  /** The program name help and usage lines show ("warrenctl", or "rabbitmqctl" when run under that name). */
  prog?: string;
}

export interface Command<R = unknown> {
  /** rabbitmqctl's spelling: "delete_vhost". */
  name: string;
  section: HelpSection;
  /** One line for `help`, in our own words. */
  description: string;
  /** The usage after "rabbitmqctl [--node <node>] [--longnames] [--quiet] ", as rabbitmqctl prints it. */
  usage: string;
  /** "Arguments and Options" entries of `help <command>`. */
  usageAdditional?: [string, string][];
  docGuides?: string[];
  switches?: SwitchSpec[];
  /** Default formatter when --formatter is absent (rabbitmqctl: table for list_*, string otherwise). */
  formatter?: FormatterName;
  /** Formatters this command accepts; default all. */
  formatters?: FormatterName[];
  /** Allowed info keys for `[<column> ...]` commands, in rabbitmqctl's help order, and the defaults. */
  columns?: { allowed: string[]; defaults: string[] };
  /** True when the command needs an operation RabbitMQ's HTTP API lacks (served by warren's extension). */
  extension?: string;
  /** Indexes of positional arguments that are secrets (passwords): redacted when argv is echoed. */
  secretArgs?: number[];
  /** How warrenctl's behaviour differs from rabbitmqctl's for this command (HTTP limits); goes in the man page. */
  notes?: string;
  /** Example invocations for the man page. */
  examples?: [command: string, text: string][];
  mergeDefaults?(args: string[], opts: Opts): [string[], Opts];
  /**
   * Pure argument checks; a returned string is a usage error (exit 64), a UsageError carries its own exit code,
   * a CommandError is printed as a run failure would be (rabbitmqctl's `{:error, _}` from validate), all before any request.
   */
  validate?(args: string[], opts: Opts): string | UsageError | CommandError | undefined;
  banner?(args: string[], opts: Opts): string | string[] | undefined;
  run(args: string[], opts: Opts, ctx: CommandContext): Promise<R>;
  output?(result: R, opts: Opts): CommandOutput;
}

/** Registry entries are heterogeneous; the pipeline only passes a command's own result back to it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyCommand = Command<any>;
