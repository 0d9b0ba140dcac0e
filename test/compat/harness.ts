// Runs one command line through the real rabbitmqctl and through warrenctl and compares what a user sees.
import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect } from "vitest";
import { startBroker, type RunningBroker } from "../../src/broker/server.js";
import { runWarren, spawnRun, type Run } from "../helpers/run-cli.js";

export const MGMT = "http://127.0.0.1:15672";
const AUTH = `Basic ${Buffer.from("guest:guest").toString("base64")}`;

/**
 * COMPAT_TARGET=warren: rabbitmqctl still runs against the real node, warrenctl against a bundled broker
 * built to the same state (every mutation the suite makes is sent to both). Otherwise both tools run
 * against the real node.
 */
export const MODE: "rabbitmq" | "warren" = process.env.COMPAT_TARGET === "warren" ? "warren" : "rabbitmq";
// with a data directory, as any real node has: persistent messages on durable queues count as persistent
const bundled: RunningBroker | undefined =
  MODE === "warren" ? await startBroker({ amqpPort: 0, httpPort: 0, dataDir: mkdtempSync(join(tmpdir(), "warren-compat-")) }) : undefined;
if (bundled !== undefined) afterAll(() => bundled.close());
if (bundled !== undefined) await mirrorClusterName(bundled);

/** A cluster name set on the real node by earlier runs (it shows as the global parameter cluster_name) is set on warren too. */
async function mirrorClusterName(b: RunningBroker): Promise<void> {
  const auth = { authorization: AUTH, "content-type": "application/json" };
  const r = await fetch(`${MGMT}/api/global-parameters/cluster_name`, { headers: auth }).catch(() => undefined);
  if (r?.status !== 200) return;
  const { value } = (await r.json()) as { value: unknown };
  await fetch(`http://127.0.0.1:${b.httpPort}/api/cluster-name`, { method: "PUT", headers: auth, body: JSON.stringify({ name: value }) });
}

/** Which node the suite is looking at: the real one (rabbitmqctl's) or the bundled one (warrenctl's). */
export type Side = "ctl" | "warren";
let side: Side = "ctl";
/** Inside onSide, changes go to that side's node only (a reset before one tool's run must not touch the other node). */
let scoped = false;
export const sides: readonly Side[] = MODE === "warren" ? ["ctl", "warren"] : ["ctl"];

/** Runs f with GETs (and AMQP URLs) pointed at one side's node. */
export async function onSide<T>(s: Side, f: () => Promise<T>): Promise<T> {
  const before = [side, scoped] as const;
  side = s;
  scoped = true;
  try {
    return await f();
  } finally {
    [side, scoped] = before;
  }
}

const mgmtOf = (s: Side): string => (s === "warren" && bundled !== undefined ? `http://127.0.0.1:${bundled.httpPort}` : MGMT);

/** The management URL of the current side's node. */
export const currentMgmt = (): string => mgmtOf(side);

/** The management URLs that a change made without http() must reach: every node, or the current side's inside onSide. */
export const mgmtUrls = (): string[] => (scoped ? [mgmtOf(side)] : sides.map(mgmtOf));

/** The AMQP URL of the current side's node. */
export function amqpUrl(vhost: string, user = "guest", password = "guest"): string {
  const port = side === "warren" && bundled !== undefined ? bundled.amqpPort : 5672;
  return `amqp://${encodeURIComponent(user)}:${encodeURIComponent(password)}@127.0.0.1:${port}/${encodeURIComponent(vhost)}`;
}

/** warrenctl's environment: pointed at the bundled node in warren mode. */
const warrenEnv = (): Record<string, string> => (bundled !== undefined ? { WARRENCTL_URL: mgmtOf("warren") } : {});

/** Node names differ between the real node and warren; in warren mode both are compared as <node>. */
const NODE_NAME = /\b(?:rabbit|warren)@[A-Za-z0-9_.-]+/g;
/** Each cluster draws its internal_cluster_id at first start: an identity, like the node name. */
const CLUSTER_ID = /rabbitmq-cluster-id-[A-Za-z0-9_-]+/g;
const maskNodes = (s: string): string => (MODE === "warren" ? s.replace(NODE_NAME, "<node>").replace(CLUSTER_ID, "<cluster-id>") : s);

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

/**
 * The management API, for building and inspecting state: GETs ask the current side's node; changes go to
 * every node under comparison (the real one first) and answer with the current side's response, except
 * inside onSide, where they go to that side's node alone.
 */
export async function http(method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }> {
  if (method === "GET" || sides.length === 1 || scoped) return httpOn(mgmtOf(side), method, path, body);
  let mine: { status: number; body: unknown } | undefined;
  for (const s of sides) {
    const r = await httpOn(mgmtOf(s), method, path, body);
    if (s === side) mine = r;
  }
  return mine!;
}

async function httpOn(base: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }> {
  const r = await fetch(`${base}${path}`, {
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

/** Runs the tool of one side: rabbitmqctl against the real node, warrenctl against its node for this mode. */
export const runSide = (s: Side, args: readonly string[]): Promise<Run> => (s === "ctl" ? runCtl(args) : runWarren(args, { env: warrenEnv() }));

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
  const warren = await runWarren(args, { env: warrenEnv(), ...(opts.stdin !== undefined ? { stdin: opts.stdin } : {}) });
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
    let out = maskNodes(opts.mask ? opts.mask(r.stdout) : r.stdout);
    if (opts.head !== undefined) out = rowsAsSet(out, opts.head);
    return { stdout: out, stderr: maskNodes(normalizeStderr(r.stderr)), code: r.code };
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
  await onSide("ctl", reset);
  const ctl = await runCtl(args, opts.stdin);
  const ctlState = await onSide("ctl", snapshot);
  await onSide("warren", reset);
  const warren = await runWarren(args, { env: warrenEnv(), ...(opts.stdin !== undefined ? { stdin: opts.stdin } : {}) });
  const warrenState = await onSide("warren", snapshot);
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
  await onSide("ctl", reset);
  const ctl = await runCtl(args);
  const ctlState = await onSide("ctl", snapshot);
  await onSide("warren", reset);
  const warren = await runWarren(args, { env: warrenEnv() });
  const warrenState = await onSide("warren", snapshot);
  expect(ctl.code).toBe(70);
  expect(warren).toEqual(expected);
  expect(warrenState).toEqual(ctlState);
}
