// warren-perf against an in-process broker: runs by message count, rate limiting, fan-out, and its exit codes.
import { execFileSync, spawnSync } from "node:child_process";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";
import amqp from "amqplib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningBroker, startBroker } from "../../../src/index.js";
import { run } from "../../../src/perf/bin.js";
import type { PerfSummary } from "../../../src/perf/run.js";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));

let broker: RunningBroker;
let uri: string;

beforeAll(async () => {
  broker = await startBroker({ amqpPort: 0, httpPort: 0 });
  uri = `amqp://guest:guest@127.0.0.1:${broker.amqpPort}/%2F`;
});
afterAll(async () => {
  await broker.close();
});

interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

async function perf(args: readonly string[]): Promise<Ran> {
  let stdout = "";
  let stderr = "";
  const io = { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) }, signal: new AbortController().signal };
  const code = await run(args, io);
  return { code, stdout, stderr };
}

async function perfJson(args: readonly string[]): Promise<PerfSummary> {
  const r = await perf(["--uri", uri, "--json", ...args]);
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as PerfSummary;
}

function expectOrdered(l: PerfSummary["latencyMs"], count: number): void {
  expect(l).not.toBeNull();
  const { min, p50, p75, p95, p99, max } = l!;
  expect(l!.count).toBe(count);
  expect(min).toBeGreaterThanOrEqual(0);
  expect([min, p50, p75, p95, p99, max]).toEqual([min, p50, p75, p95, p99, max].sort((a, b) => a - b));
  expect(max).toBeGreaterThan(0);
}

describe("warren-perf runs", () => {
  it("by message count with confirms and manual acks: everything sent is confirmed and received once", async () => {
    const s = await perfJson(["--pmessages", "2000", "--confirm", "100", "--prefetch", "100"]);
    expect(s.sent).toBe(2000);
    expect(s.received).toBe(2000);
    expect(s.confirmed).toBe(2000);
    expect(s.nacked).toBe(0);
    expect(s.errors).toEqual([]);
    expect(s.queues).toHaveLength(1);
    expect(s.queues[0]).toMatch(/^amq\.gen-/);
    expectOrdered(s.latencyMs, 2000);
    expectOrdered(s.confirmLatencyMs, 2000);
  });

  it("--rate holds each producer to rate x elapsed messages", async () => {
    const s = await perfJson(["--rate", "300", "--time", "1", "--producers", "2", "--auto-ack"]);
    // the first message is due at once, then one every 1/rate s; late ticks catch up but never run ahead
    const allowed = 2 * (Math.floor(300 * s.elapsedSeconds) + 1);
    expect(s.sent).toBeLessThanOrEqual(allowed + 2);
    expect(s.sent).toBeGreaterThanOrEqual(allowed / 2);
    expect(s.received).toBe(s.sent);
    const unlimited = await perfJson(["--time", "1", "--auto-ack"]);
    expect(unlimited.sent).toBeGreaterThan(10 * s.sent);
  });

  it("competing consumers on a named queue, with multiple-acks every N, receive each message once", async () => {
    const s = await perfJson(["--queue", "perf-shared", "--producers", "2", "--consumers", "2", "--pmessages", "500", "--prefetch", "50", "--multi-ack-every", "10"]);
    expect(s.queues).toEqual(["perf-shared"]);
    expect(s.exchange).toBe("");
    expect(s.sent).toBe(1000);
    expect(s.received).toBe(1000);
    // every message was acked: nothing is left ready or unacked in the queue
    const c = await amqp.connect(uri);
    const ch = await c.createChannel();
    expect((await ch.checkQueue("perf-shared")).messageCount).toBe(0);
    await ch.deleteQueue("perf-shared");
    await c.close();
  });

  it("fan-out: --queues N on a generated fanout exchange delivers every message to each queue, then removes the exchange", async () => {
    const s = await perfJson(["--queues", "3", "--exchange-type", "fanout", "--pmessages", "300", "--size", "1024", "--persistent"]);
    expect(s.exchange).toMatch(/^warren-perf-fanout-[0-9a-f]{8}$/);
    expect(new Set(s.queues).size).toBe(3);
    expect(s.sent).toBe(300);
    expect(s.received).toBe(900);
    const c = await amqp.connect(uri);
    const ch = await c.createChannel();
    ch.on("error", () => {});
    const gone = await ch.checkExchange(s.exchange).then(
      () => "exists",
      (e: Error) => e.message,
    );
    expect(gone).toMatch(/404/);
    await c.close().catch(() => {});
  });

  it("prints a human summary with per-second samples and percentiles", async () => {
    const r = await perf(["--uri", uri, "--time", "1.2", "--rate", "1000", "--auto-ack"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^warren-perf: 1 producer, 1 consumer, 16 B, 1,000 msg\/s per producer, auto-ack -> amqp:\/\/127\.0\.0\.1:\d+\/%2F$/m);
    // the first sample comes about a second in (timers may fire a millisecond early)
    expect(r.stdout).toMatch(/^time (0\.9\d\d|1\.0\d\d) s, sent [\d,]+ msg\/s, received [\d,]+ msg\/s$/m);
    expect(r.stdout).toMatch(/^ {2}latency {4}min [\d.]+ {2}p50 [\d.]+ {2}p75 [\d.]+ {2}p95 [\d.]+ {2}p99 [\d.]+ {2}max [\d.]+ ms/m);
    expect(r.stdout).toMatch(/^ {2}errors {5}none$/m);
    expect(r.stdout).not.toContain("guest");
  });
});

describe("warren-perf failures", () => {
  for (const args of [["--producers", "x"], ["--bogus"], ["--prefetch", "10", "--multi-ack-every", "20"], ["--queue-args", "[1]"], ["--uri", "http://x"], ["--consumers", "2", "--queues", "3"]]) {
    it(`${args.join(" ")} is a usage error: exit 64 with the usage text`, async () => {
      const r = await perf(args);
      expect(r.code).toBe(64);
      expect(r.stdout).toBe("");
      expect(r.stderr).toMatch(/^warren-perf: .+\nusage: warren-perf \[options\]\n/);
    });
  }

  it("an unreachable broker is one clear line and exit 69", async () => {
    const port = await closedPort();
    const r = await perf(["--uri", `amqp://guest:guest@127.0.0.1:${port}/%2F`, "--time", "1"]);
    expect(r.code).toBe(69);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe(`warren-perf: cannot connect to 127.0.0.1:${port}: ECONNREFUSED\n`);
  });

  it("a refused declaration reports the broker's reply and exits 1", async () => {
    const r = await perf(["--uri", uri, "--queue", "perf-bad-args", "--queue-args", '{"x-max-length":"abc"}', "--pmessages", "1"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^warren-perf: channel closed by the server: 406 PRECONDITION_FAILED - invalid arg 'x-max-length'.*\n$/);
  });

  it("the built bin exits 64 on a bad flag and prints usage for --help", () => {
    execFileSync(process.execPath, ["scripts/build.mjs"], { cwd: ROOT, stdio: "inherit" });
    const bad = spawnSync(process.execPath, ["bin/warren-perf.js", "--size", "-1"], { cwd: ROOT, encoding: "utf8" });
    expect(bad.status).toBe(64);
    expect(bad.stderr).toContain("usage: warren-perf");
    const help = spawnSync(process.execPath, ["bin/warren-perf.js", "--help"], { cwd: ROOT, encoding: "utf8" });
    expect(help.status).toBe(0);
    expect(help.stdout).toContain("--multi-ack-every N");
  });
});

/** A port nothing listens on: bound once, then released. */
async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((resolve) => s.listen(0, "127.0.0.1", resolve));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}
