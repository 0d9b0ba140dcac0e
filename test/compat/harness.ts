// Runs one command line through the real rabbitmqctl and through warrenctl and compares what a user sees.
import { execFileSync } from "node:child_process";
import { expect } from "vitest";
import { runWarren, spawnRun, type Run } from "../helpers/run-cli.js";

export const MGMT = "http://127.0.0.1:15672";
const AUTH = `Basic ${Buffer.from("guest:guest").toString("base64")}`;

function hasRabbitmqctl(): boolean {
  try {
    execFileSync("sh", ["-c", "command -v rabbitmqctl"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/** A real RabbitMQ with the management plugin on this machine; CI must have one (it fails, not skips). */
export async function rabbitReachable(): Promise<boolean> {
  if (!hasRabbitmqctl()) return false;
  try {
    const r = await fetch(`${MGMT}/api/overview`, { headers: { authorization: AUTH } });
    return r.ok;
  } catch {
    return false;
  }
}

export const REAL = await rabbitReachable();
if (!REAL && process.env.CI) throw new Error("CI needs a local RabbitMQ with rabbitmq_management for the compat suite");

/** The management API of the real node, for building and inspecting state. */
export async function http(method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }> {
  const r = await fetch(`${MGMT}${path}`, {
    method,
    headers: { authorization: AUTH, "content-type": "application/json" },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await r.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch { /* keep text */ }
  return { status: r.status, body: parsed };
}

export const runCtl = (args: readonly string[], stdin?: string): Promise<Run> =>
  spawnRun("rabbitmqctl", args, stdin !== undefined ? { stdin } : {});

/** Drops the server's forwarded "[warning]" log lines (and the empty line before them) from stderr. */
export function normalizeStderr(s: string): string {
  return s.replace(/\n?\d\d:\d\d:\d\d\.\d{3} \[warning\] [^\n]*\n/g, "");
}

/**
 * Rows compared as sets: the management API sorts by name, rabbitmqctl prints hash order. Lines before
 * `keepHead` (banner, header) must match in place; the rest compares sorted. json's leading "," is dropped.
 */
export function rowsAsSet(s: string, keepHead: number): string {
  const lines = s.split("\n");
  const head = lines.slice(0, keepHead);
  const tail = lines.slice(keepHead);
  const last = tail.length > 0 && tail[tail.length - 1] === "" ? tail.pop() : undefined;
  const closing = tail.length > 0 && tail[tail.length - 1] === "]" ? tail.pop() : undefined;
  const body = tail.map((l) => (l.startsWith(",{") ? l.slice(1) : l)).sort();
  return [...head, ...body, ...(closing !== undefined ? [closing] : []), ...(last !== undefined ? [last] : [])].join("\n");
}

export interface CompareOptions {
  /** Compare rows as a set after this many leading lines (banner + header); undefined = exact. */
  head?: number;
  /** Applied to both stdouts before comparing (e.g. blank out pids that the HTTP API cannot show). */
  mask?: (s: string) => string;
  stdin?: string;
}

export interface Pair { ctl: Run; warren: Run }

/** Runs both, one after the other (never concurrently: mutations must not race). */
export async function both(args: readonly string[], opts: CompareOptions = {}): Promise<Pair> {
  const ctl = await runCtl(args, opts.stdin);
  const warren = await runWarren(args, opts.stdin !== undefined ? { stdin: opts.stdin } : {});
  return { ctl, warren };
}

/** rabbitmqctl's formatter crashing on a result (csv of a sentence): Elixir's error term on stderr, exit 70. */
const FORMATTER_CRASH = /^%Protocol\.UndefinedError\{protocol: Enumerable/;

export function expectSame(pair: Pair, opts: CompareOptions = {}): void {
  if (pair.ctl.code === 70 && FORMATTER_CRASH.test(pair.ctl.stderr)) {
    // where rabbitmqctl crashes, warrenctl prints the result as a one-column csv and succeeds (issue 2)
    expect({ code: pair.warren.code, stderr: pair.warren.stderr }).toEqual({ code: 0, stderr: "" });
    expect(pair.warren.stdout).toMatch(/^"(message|value|name)"\n"/);
    return;
  }
  const shape = (r: Run) => {
    let out = opts.mask ? opts.mask(r.stdout) : r.stdout;
    if (opts.head !== undefined) out = rowsAsSet(out, opts.head);
    return { stdout: out, stderr: normalizeStderr(r.stderr), code: r.code };
  };
  expect(shape(pair.warren)).toEqual(shape(pair.ctl));
}

/** For read-only commands: run both and assert identical output. */
export async function compare(args: readonly string[], opts: CompareOptions = {}): Promise<Pair> {
  const pair = await both(args, opts);
  expectSame(pair, opts);
  return pair;
}

/**
 * For commands that change state: `reset` puts the node back before each run, `snapshot` reads the state
 * after each; output and resulting state must both match.
 */
export async function compareEffect(
  args: readonly string[],
  reset: () => Promise<void>,
  snapshot: () => Promise<unknown>,
  opts: CompareOptions = {},
): Promise<Pair> {
  await reset();
  const ctl = await runCtl(args, opts.stdin);
  const ctlState = await snapshot();
  await reset();
  const warren = await runWarren(args, opts.stdin !== undefined ? { stdin: opts.stdin } : {});
  const warrenState = await snapshot();
  const pair = { ctl, warren };
  expectSame(pair, opts);
  expect(warrenState).toEqual(ctlState);
  return pair;
}

/**
 * Where rabbitmqctl crashes (exit 70: csv of a sentence, ...) warrenctl gives the right output instead:
 * assert the crash really happens, that warrenctl prints `expected`, and that both leave the node alike.
 */
export async function crashFixed(
  args: readonly string[],
  expected: Run,
  reset: () => Promise<void> = async () => undefined,
  snapshot: () => Promise<unknown> = async () => undefined,
): Promise<void> {
  await reset();
  const ctl = await runCtl(args);
  const ctlState = await snapshot();
  await reset();
  const warren = await runWarren(args);
  const warrenState = await snapshot();
  expect(ctl.code).toBe(70);
  expect(warren).toEqual(expected);
  expect(warrenState).toEqual(ctlState);
}
