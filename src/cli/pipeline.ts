import { ManagementClient } from "../api/client.js";
import { ApiError } from "../api/errors.js";
import { ensureExtension } from "../api/extensions.js";
import { nodeNameProblem, qualifyNode, resolveTarget } from "../api/target.js";
import { makeBold } from "./ansi.js";
import { parseArgv } from "./argv.js";
import { columnsProblem, parseColumns } from "./columns.js";
import { CommandError, TimeoutError, TransportError, UsageError } from "./errors.js";
import { ExitCode } from "./exit-codes.js";
import { MACHINE_FORMATTERS, render } from "./format/render.js";
import { jsonText } from "./format/values.js";
import { GLOBAL_SWITCHES, SECRET_SWITCHES, TABLE_SWITCHES } from "./global-options.js";
import { commandHelp, generalHelp, usageLine } from "./help.js";
import { ALL_COMMANDS, REGISTRY } from "./registry.js";
import { suggest } from "./suggest.js";
import { FORMATTERS, type AnyCommand, type CommandOutput, type FormatterName, type Opts, type Stdio } from "./types.js";

/** argv as rabbitmqctl echoes it in usage errors, with secrets (passwords) replaced. */
function argsGiven(argv: readonly string[], secrets: ReadonlySet<string>): string {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const eq = a.indexOf("=");
    if (SECRET_SWITCHES.has(eq === -1 ? a : a.slice(0, eq))) {
      out.push(eq === -1 ? a : `${a.slice(0, eq)}=[redacted]`);
      if (eq === -1 && i + 1 < argv.length) out.push("[redacted]"), i++;
      continue;
    }
    out.push(secrets.has(a) ? "[redacted]" : a);
  }
  return out.join(" ");
}

/** The positional values a command declares secret (add_user's password). */
function secretValues(cmd: AnyCommand, argv: readonly string[]): Set<string> {
  if (!cmd.secretArgs) return new Set();
  const args = parseArgv(argv, [...GLOBAL_SWITCHES, ...(cmd.switches ?? []), ...TABLE_SWITCHES]).positional.slice(1);
  return new Set(cmd.secretArgs.map((i) => args[i]).filter((x): x is string => x !== undefined && x !== ""));
}

function usageFailure(io: Stdio, detail: string, argv: readonly string[], cmd: AnyCommand, prog: string, bold: (s: string) => string): number {
  io.stderr.write(`Error (argument validation): ${detail}\nArguments given:\n\t${argsGiven(argv, secretValues(cmd, argv))}\n\n${bold("Usage")}\n\n${usageLine(cmd, prog)}\n`);
  return ExitCode.usage;
}

function defaultOutput(result: unknown): CommandOutput {
  if (result === undefined || result === null) return { kind: "ok" };
  if (typeof result === "string") return { kind: "message", text: result };
  return { kind: "value", text: String(result), json: result };
}

/** Runs one warrenctl invocation; returns the exit code (never calls process.exit). */
export async function main(argv: readonly string[], io: Stdio, prog = "warrenctl"): Promise<number> {
  const bold = makeBold(io.env);
  if (argv.length === 0) {
    io.stderr.write(generalHelp(ALL_COMMANDS, prog, bold));
    return ExitCode.usage;
  }
  const pre = parseArgv(argv, GLOBAL_SWITCHES);
  let name = pre.positional[0];
  if (name === undefined && pre.values.version) name = "version";
  if (name === undefined) {
    if (pre.values.help) {
      io.stdout.write(generalHelp(ALL_COMMANDS, prog, bold));
      return ExitCode.ok;
    }
    io.stderr.write(generalHelp(ALL_COMMANDS, prog, bold));
    return ExitCode.usage;
  }
  const cmd = REGISTRY.get(name);
  if (!cmd) {
    const close = suggest(name, [...REGISTRY.keys()]);
    io.stderr.write(close ? `\nCommand '${name}' not found. \nDid you mean '${close}'? \n\n` : `\nCommand '${name}' not found. \n${generalHelp(ALL_COMMANDS, prog, bold)}`);
    return ExitCode.usage;
  }

  const requested = typeof pre.values.formatter === "string" ? pre.values.formatter.toLowerCase() : undefined;
  if (requested !== undefined && !(FORMATTERS as readonly string[]).includes(requested)) {
    io.stderr.write(`Error: unknown formatter '${pre.values.formatter as string}'. Use one of: ${FORMATTERS.join(", ")}\n`);
    return ExitCode.usage;
  }
  const formatter = (requested ?? cmd.formatter ?? "string") as FormatterName;
  const parsed = parseArgv(argv, [
    ...GLOBAL_SWITCHES,
    ...(cmd.switches ?? []).map((s) => ({ ...s })),
    ...(formatter === "table" ? TABLE_SWITCHES : []),
  ]);
  if (parsed.values.help) {
    io.stdout.write(commandHelp(cmd, prog, bold));
    return ExitCode.ok;
  }
  if (parsed.invalid.length > 0) {
    return usageFailure(io, `Invalid options for this command:\n${parsed.invalid.map(([s, v]) => `${s} : ${v ?? ""}`).join("\n")}`, argv, cmd, prog, bold);
  }
  if (cmd.formatters && !cmd.formatters.includes(formatter)) {
    // report keeps rabbitmqctl's wording; elsewhere rabbitmqctl would crash, so say what works
    const detail = cmd.formatters.length === 1 ? `"Only ${cmd.formatters[0]!} formatter is supported"` : `formatter ${formatter} is not supported by ${cmd.name}; use one of: ${cmd.formatters.join(", ")}`;
    return usageFailure(io, detail, argv, cmd, prog, bold);
  }

  const v = parsed.values;
  let opts: Opts = {
    ...v,
    node: qualifyNode(typeof v.node === "string" ? v.node : (io.env.WARRENCTL_NODE ?? io.env.RABBITMQ_NODENAME ?? "rabbit"), v.longnames === true),
    quiet: v.quiet === true,
    silent: v.silent === true,
    formatter,
    tableHeaders: v.tableHeaders !== false,
    tableHeadersGiven: v.tableHeaders !== undefined,
    padToHeader: v.padToHeader === true,
    dryRun: v.dryRun === true,
    longnames: v.longnames === true,
    ...(typeof v.timeout === "number" ? { timeout: v.timeout * 1000 } : {}),
  };
  let args = parsed.positional.slice(1);
  if (cmd.mergeDefaults) [args, opts] = cmd.mergeDefaults(args, opts);
  if (cmd.columns) {
    const cols = parseColumns(args);
    const problem = columnsProblem(cols, cmd.columns.allowed);
    if (problem) return usageFailure(io, problem, argv, cmd, prog, bold);
    opts.columns = cols.length > 0 ? cols : cmd.columns.defaults;
  }
  const invalid = cmd.validate?.(args, opts);
  if (typeof invalid === "string") return usageFailure(io, invalid, argv, cmd, prog, bold);
  if (invalid instanceof CommandError) return reportFailure(invalid, io, cmd, argv, bold);
  if (invalid !== undefined) return (usageFailure(io, invalid.detail, argv, cmd, prog, bold), invalid.exitCode);
  const nodeProblem = nodeNameProblem(opts.node);
  if (nodeProblem) {
    io.stderr.write(`${nodeProblem}\n`);
    return ExitCode.dataErr;
  }

  return execute(cmd, args, opts, io, argv, formatter, bold, prog);
}

async function execute(cmd: AnyCommand, args: string[], opts: Opts, io: Stdio, argv: readonly string[], formatter: FormatterName, bold: (s: string) => string, prog: string): Promise<number> {
  const timeout = opts.timeout;
  if (timeout === 0) {
    io.stderr.write(`${new TimeoutError(cmd.name, opts.node, 0).message}\n`);
    return ExitCode.tempFail;
  }
  const controller = new AbortController();
  const timer = timeout !== undefined ? setTimeout(() => controller.abort(), timeout) : undefined;
  let api: ManagementClient | undefined;
  let flushBanner: (() => void) | undefined;
  try {
    const target = resolveTarget(
      {
        ...(typeof opts.node === "string" && argv.some((a) => a === "-n" || a === "--node" || a.startsWith("--node=")) ? { node: opts.node } : {}),
        ...(typeof opts.url === "string" ? { url: opts.url } : {}),
        ...(typeof opts.username === "string" ? { username: opts.username } : {}),
        ...(typeof opts.password === "string" ? { password: opts.password } : {}),
        ...(typeof opts.cacert === "string" ? { cacert: opts.cacert } : {}),
        ...(typeof opts.insecure === "boolean" ? { insecure: opts.insecure } : {}),
        longnames: opts.longnames,
      },
      io.env,
    );
    target.node = opts.node;
    api = new ManagementClient(target, controller.signal);
    const ctx = { api, io, signal: controller.signal, node: opts.node, prog };
    if (cmd.extension) await ensureExtension(ctx, cmd);
    const showBanner = !opts.quiet && !opts.silent && !MACHINE_FORMATTERS.has(formatter);
    const banner = showBanner ? cmd.banner?.(args, opts) : undefined;
    // rabbitmqctl fails before its banner when the node cannot be reached: hold it until the node answers
    flushBanner = () => {
      flushBanner = undefined;
      if (banner !== undefined) for (const line of Array.isArray(banner) ? banner : [banner]) io.stdout.write(`${line}\n`);
    };
    api.onResponse = () => flushBanner?.();
    if (opts.dryRun) {
      flushBanner();
      return ExitCode.ok;
    }
    const result: unknown = await cmd.run(args, opts, ctx);
    flushBanner?.();
    const out = cmd.output ? cmd.output(result, opts) : defaultOutput(result);
    await render(out, formatter, opts, io.stdout, bold);
    return ExitCode.ok;
  } catch (e) {
    if (!(e instanceof TransportError) && !controller.signal.aborted) flushBanner?.();
    if (controller.signal.aborted && timeout !== undefined) {
      io.stderr.write(`${new TimeoutError(cmd.name, opts.node, timeout).message}\n`);
      return ExitCode.tempFail;
    }
    return reportFailure(e, io, cmd, argv, bold);
  } finally {
    if (timer) clearTimeout(timer);
    api?.close();
  }
}

function reportFailure(e: unknown, io: Stdio, cmd: AnyCommand, argv: readonly string[], bold: (s: string) => string): number {
  if (e instanceof CommandError) {
    const body = typeof e.body === "string" ? e.body : jsonText(e.body);
    io.stderr.write(e.bare || typeof e.body !== "string" ? `${body}\n` : `Error:\n${body}\n`);
    return e.exitCode;
  }
  if (e instanceof UsageError) return usageFailure(io, e.detail, argv, cmd, "warrenctl", bold);
  if (e instanceof TransportError) {
    io.stderr.write(`${e.message}\n`);
    return e.exitCode;
  }
  if (e instanceof ApiError) {
    if (e.status === 401 && (e.error === "not_authorized" || e.error === "not_authorised")) {
      io.stderr.write(`Error: the management API refused the credentials for this operation (HTTP 401: ${e.reasonText}). Check --username/--password or WARRENCTL_USERNAME/WARRENCTL_PASSWORD.\n`);
      return ExitCode.noPerm;
    }
    io.stderr.write(`Error:\n${e.reasonText || `HTTP ${e.status} from ${e.method} ${e.path}`}\n`);
    return ExitCode.unavailable;
  }
  if (e instanceof Error && /config file|CA file|management API URL/.test(e.message)) {
    io.stderr.write(`Error: ${e.message}\n`);
    return ExitCode.config;
  }
  io.stderr.write(`Error:\n${e instanceof Error ? e.message : String(e)}\n`);
  return ExitCode.software;
}
