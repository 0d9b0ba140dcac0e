// warren-server and the package entry as a user gets them: the esbuild bundle, a child process, signals.
import { type ChildProcess, execFile, execFileSync, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import amqp from "amqplib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBroker, type RunningBroker } from "../../../src/broker/server.js";
import { ORACLE } from "./harness.js";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const HOST = hostname().split(".")[0];
const SERVER = join(ROOT, "bin/warren-server.js");
const WARRENCTL = join(ROOT, "bin/warrenctl.cjs");
const tmp = (): string => mkdtempSync(join(tmpdir(), "warren-bin-"));

interface Started {
  child: ChildProcess;
  amqpPort: number;
  httpPort: number;
  exited: Promise<number | null>;
}

/** Every server a test started, stopped after the file even when a test failed half-way. */
const spawned: ChildProcess[] = [];
afterAll(() => {
  for (const c of spawned) if (c.exitCode === null) c.kill("SIGKILL");
});

/** Spawns warren-server in the foreground and waits for its "started" log line, reading the ports from the lines before it. */
function startServer(args: string[], env: Record<string, string> = {}): Promise<Started> {
  const child = spawn(process.execPath, [SERVER, ...args], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, ...env } });
  spawned.push(child);
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return new Promise<Started>((resolve, reject) => {
    let text = "";
    child.stdout!.on("data", (d: Buffer) => {
      text += d.toString();
      const a = /AMQP listening on [\d.]+:(\d+)/.exec(text);
      const h = /management API listening on [\d.]+:(\d+)/.exec(text);
      if (a && h && /warren-server: node \S+ started, pid/.test(text)) resolve({ child, amqpPort: Number(a[1]), httpPort: Number(h[1]), exited });
    });
    child.on("exit", () => reject(new Error(`warren-server exited early: ${text}`)));
  });
}

const status = (args: string[], env: Record<string, string> = {}): number => {
  try {
    execFileSync(process.execPath, [SERVER, ...args], { cwd: ROOT, stdio: "pipe", env: { ...process.env, ...env } });
    return 0;
  } catch (e) {
    return (e as { status: number }).status;
  }
};

const overview = async (httpPort: number): Promise<Record<string, unknown>> => {
  const r = await fetch(`http://127.0.0.1:${httpPort}/api/overview?columns=node,cluster_name`, { headers: { authorization: `Basic ${Buffer.from("guest:guest").toString("base64")}` } });
  return (await r.json()) as Record<string, unknown>;
};

/** warrenctl as a user runs it: the built bundle in a child process. */
function warrenctl(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [WARRENCTL, ...args], { env: { ...process.env, ...env } }, (err, stdout, stderr) => {
      resolve({ code: err === null ? 0 : ((err as { code?: number }).code ?? -1), stdout, stderr });
    });
  });
}

describe.skipIf(ORACLE)("warren-server binary and package entry", () => {
  beforeAll(() => {
    execFileSync(process.execPath, ["scripts/build.mjs"], { cwd: ROOT, stdio: "inherit" });
  });

  it("`import { startBroker } from \"warren\"` works from the built package", () => {
    const out = execFileSync(
      process.execPath,
      ["--input-type=module", "-e", "import { startBroker } from 'warren'; const b = await startBroker({ amqpPort: 0, httpPort: 0 }); console.log(b.amqpPort > 0); await b.close();"],
      { cwd: ROOT, encoding: "utf8" },
    );
    expect(out.trim()).toBe("true");
  });

  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    it(`listens on --amqp-port and on ${signal} closes clients with 320, exiting 0`, async () => {
      const dir = tmp();
      const s = await startServer(["--amqp-port", "0", "--http-port", "0", "--data-dir", dir]);
      const pidFile = join(dir, `rabbit@${HOST}.pid`);
      expect(readFileSync(pidFile, "utf8").trim()).toBe(String(s.child.pid));
      const c = await amqp.connect(`amqp://guest:guest@127.0.0.1:${s.amqpPort}`);
      const closed = new Promise<string>((resolve) => c.on("close", (e?: Error) => resolve(e?.message ?? "")));
      c.on("error", () => {});
      s.child.kill(signal);
      expect(await closed).toContain("320 (CONNECTION-FORCED)");
      expect(await s.exited).toBe(0);
      expect(existsSync(pidFile)).toBe(false);
    });
  }

  it("rejects a bad --amqp-port and unknown flags with exit 64, a bad config file with 78", () => {
    expect(status(["--amqp-port", "nope"])).toBe(64);
    expect(status(["--bogus"])).toBe(64);
    const dir = tmp();
    writeFileSync(join(dir, "bad.json"), JSON.stringify({ amqp_port: 0, colour: "blue" }));
    expect(status(["--config", join(dir, "bad.json")])).toBe(78);
    expect(status([], { WARREN_CONFIG_FILE: join(dir, "missing.json") })).toBe(78);
    expect(status([], { WARREN_HTTP_PORT: "99999" })).toBe(64);
  });

  it("takes --node-name and --http-port; a bare node name gets this host", async () => {
    const s = await startServer(["--amqp-port", "0", "--http-port", "0", "--data-dir", tmp(), "--node-name", "flagged"]);
    expect(await overview(s.httpPort)).toEqual({ node: `flagged@${HOST}`, cluster_name: `flagged@${HOST}` });
    s.child.kill("SIGTERM");
    expect(await s.exited).toBe(0);
  });

  it("takes its settings from WARREN_* variables, and flags win over them", async () => {
    const dir = tmp();
    const s = await startServer(["--node-name", "flag@here"], { WARREN_AMQP_PORT: "0", WARREN_HTTP_PORT: "0", WARREN_DATA_DIR: dir, WARREN_NODE_NAME: "env@there" });
    expect((await overview(s.httpPort)).node).toBe("flag@here");
    expect(existsSync(join(dir, "flag@here"))).toBe(true);
    s.child.kill("SIGTERM");
    await s.exited;
    const e = await startServer([], { WARREN_AMQP_PORT: "0", WARREN_HTTP_PORT: "0", WARREN_DATA_DIR: dir, WARREN_NODE_NAME: "env@there" });
    expect((await overview(e.httpPort)).node).toBe("env@there");
    e.child.kill("SIGTERM");
    await e.exited;
  });

  it("reads a JSON config file and reports it in /api/nodes config_files", async () => {
    const dir = tmp();
    const file = join(dir, "warren.json");
    writeFileSync(file, JSON.stringify({ amqp_port: 0, http_port: 0, data_dir: join(dir, "data"), node_name: "conf@fig", log_level: "debug" }));
    const s = await startServer([], { WARREN_CONFIG_FILE: file });
    const auth = { authorization: `Basic ${Buffer.from("guest:guest").toString("base64")}`, "content-type": "application/json" };
    const [n] = (await (await fetch(`http://127.0.0.1:${s.httpPort}/api/nodes`, { headers: auth })).json()) as { name: string; config_files: string[]; db_dir: string }[];
    expect(n).toMatchObject({ name: "conf@fig", config_files: [file], db_dir: join(dir, "data", "conf@fig") });
    const env = await fetch(`http://127.0.0.1:${s.httpPort}/api/warren/extensions/environment`, { method: "POST", headers: auth, body: "{}" });
    expect(((await env.json()) as { environment: { rabbit: { log_level: string } } }).environment.rabbit.log_level).toBe("debug");
    s.child.kill("SIGTERM");
    expect(await s.exited).toBe(0);
  });

  it("applies the config file's protocol limits to what a client negotiates", async () => {
    const dir = tmp();
    const file = join(dir, "warren.json");
    writeFileSync(file, JSON.stringify({ amqp_port: 0, http_port: 0, data_dir: join(dir, "data"), channel_max: 7, frame_max: 8192, heartbeat: 5 }));
    const s = await startServer([], { WARREN_CONFIG_FILE: file });
    // 0 = take what the server offers; for heartbeats the lower of the two wins
    const conn = await amqp.connect(`amqp://guest:guest@127.0.0.1:${s.amqpPort}?frameMax=0&channelMax=0&heartbeat=10`);
    const auth = { authorization: `Basic ${Buffer.from("guest:guest").toString("base64")}` };
    let rows: { channel_max: number; frame_max: number; timeout: number }[] = [];
    for (let i = 0; i < 50 && rows.length === 0; i++) {
      rows = (await (await fetch(`http://127.0.0.1:${s.httpPort}/api/connections`, { headers: auth })).json()) as typeof rows;
      if (rows.length === 0) await new Promise((r) => setTimeout(r, 100));
    }
    expect(rows.map((r) => [r.channel_max, r.frame_max, r.timeout])).toEqual([[7, 8192, 5]]);
    await conn.close();
    s.child.kill("SIGTERM");
    expect(await s.exited).toBe(0);
  });

  it("-detached returns once the node listens, so warrenctl can talk to it at once; shutdown stops it", async () => {
    const dir = tmp();
    const node = `bg@${HOST}`;
    const out = execFileSync(process.execPath, [SERVER, "-detached", "--amqp-port", "0", "--http-port", "0", "--data-dir", dir, "--node-name", "bg"], { encoding: "utf8" });
    expect(out).toMatch(/started in the background \(pid \d+\)/);
    const port = /management API on port (\d+)/.exec(out)![1]!;
    const pid = Number(readFileSync(join(dir, `${node}.pid`), "utf8"));
    const env = { WARRENCTL_NODE: node, WARRENCTL_URL: `http://127.0.0.1:${port}` };
    const st = await warrenctl(["status"], env);
    expect(st.code).toBe(0);
    expect(st.stdout).toContain(`OS PID: ${pid}`);
    expect(status(["-detached", "--http-port", port, "--data-dir", dir, "--node-name", "bg"])).toBe(69);
    expect((await warrenctl(["shutdown"], env)).code).toBe(0);
    expect(existsSync(join(dir, `${node}.pid`))).toBe(false);
    expect(readFileSync(join(dir, "log", `${node}.log`), "utf8")).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}\+00:00 \[info\] node bg@\S+: AMQP listening on/);
  });
});

describe.skipIf(ORACLE)("warrenctl against an in-process broker: extension discovery end to end", () => {
  let broker: RunningBroker;
  let env: Record<string, string>;
  beforeAll(async () => {
    execFileSync(process.execPath, ["scripts/build.mjs"], { cwd: ROOT, stdio: "inherit" });
    broker = await startBroker({ amqpPort: 0, httpPort: 0 });
    env = { WARRENCTL_NODE: broker.nodeName };
  });
  afterAll(() => broker.close());

  it("status, stop_app and start_app, set_vm_memory_high_watermark and reset go through the extensions", async () => {
    const url = `http://127.0.0.1:${broker.httpPort}`;
    const st = await warrenctl(["--url", url, "status"], env);
    expect(st.stdout).toContain("Memory high watermark setting: 0.4 of available memory");
    expect((await warrenctl(["--url", url, "set_vm_memory_high_watermark", "absolute", "2GB"], env)).code).toBe(0);
    expect((await warrenctl(["--url", url, "status", "--formatter", "json"], env)).stdout).toContain('"vm_memory_high_watermark_setting":{"absolute":2000000000}');
    const reset = await warrenctl(["--url", url, "reset"], env);
    expect(reset).toMatchObject({ code: 70, stderr: `Error:\nMnesia is still running on node ${broker.nodeName}.\nPlease stop RabbitMQ with 'rabbitmqctl stop_app' first.\n` });
    expect(await warrenctl(["--url", url, "stop_app"], env)).toMatchObject({ code: 0, stdout: `Stopping rabbit application on node ${broker.nodeName} ...\n` });
    await expect(amqp.connect(`amqp://guest:guest@127.0.0.1:${broker.amqpPort}`)).rejects.toThrow(/ECONNREFUSED/);
    expect((await warrenctl(["--url", url, "reset"], env)).code).toBe(0);
    expect((await warrenctl(["--url", url, "start_app"], env)).code).toBe(0);
    const c = await amqp.connect(`amqp://guest:guest@127.0.0.1:${broker.amqpPort}`);
    await c.close();
  });
});
