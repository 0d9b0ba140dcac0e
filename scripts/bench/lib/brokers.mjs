// The two brokers under test: warren-server as a child process of the bench, and the machine's RabbitMQ (never restarted).
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { PerfConnection } from "../../../dist/warren-perf.mjs";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
export const WARREN_SERVER = "bin/warren-server.js";
export const RABBIT = { name: "RabbitMQ", amqpPort: 5672, httpPort: 15672 };
const GUEST = { host: "127.0.0.1", username: "guest", password: "guest", vhost: "/" };

/** Resident set size of a process in bytes, from /proc/<pid>/status VmRSS; undefined once it is gone. */
export function rssBytes(pid) {
  try {
    const m = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** Opens an AMQP connection as guest to 127.0.0.1:port (the bench's own client, built from src/perf). */
export const amqpConnect = (port, name = "warren-perf bench") => PerfConnection.open({ ...GUEST, port, connectionName: name, timeoutMs: 5000 });

/** The warren-server command line: --http-port keeps it off RabbitMQ's 15672; its own --data-dir keeps it apart from other nodes' files. */
function serverFlags(amqpPort, httpPort, dataDir) {
  const help = spawnSync(process.execPath, [WARREN_SERVER, "--help"], { cwd: ROOT, encoding: "utf8" }).stdout ?? "";
  if (help.includes("--http-port")) {
    const args = [WARREN_SERVER, "--amqp-port", String(amqpPort), "--http-port", String(httpPort)];
    if (help.includes("--data-dir")) args.push("--data-dir", dataDir);
    if (help.includes("--node-name")) args.push("--node-name", "warren-bench");
    return { args, command: `node ${args.join(" ").replace(dataDir, "<tmp>")}` };
  }
  // older warren-server without --http-port: the same bundle's startBroker, so the management API stays off RabbitMQ's port
  const code = `import { startBroker } from "./dist/warren-server.mjs"; const b = await startBroker({ amqpPort: ${amqpPort}, httpPort: ${httpPort} }); process.stdout.write("listening\\n"); process.once("SIGTERM", () => b.close().then(() => process.exit(0)));`;
  return { args: ["--input-type=module", "-e", code], command: `node --input-type=module -e '<startBroker({ amqpPort: ${amqpPort}, httpPort: ${httpPort} }) from dist/warren-server.mjs>'` };
}

/**
 * Spawns warren-server and resolves once an AMQP connection.open succeeds; startupMs is spawn -> first open-ok
 * (the probe retries every 2 ms, so it includes Node's own start-up, as a user would see it). A given dataDir is
 * reused (a restart); otherwise it gets a fresh one.
 */
export async function startWarren(amqpPort, httpPort, existingDataDir = undefined) {
  const dataDir = existingDataDir ?? mkdtempSync(join(tmpdir(), "warren-bench-"));
  const { args, command } = serverFlags(amqpPort, httpPort, dataDir);
  const t0 = performance.now();
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (d) => (stderr += d));
  child.stdout.resume();
  let exited = false;
  child.once("exit", () => (exited = true));
  for (;;) {
    if (exited) throw new Error(`warren-server exited during start-up: ${stderr.trim()}`);
    try {
      const c = await amqpConnect(amqpPort, "warren-perf bench start-up probe");
      const startupMs = performance.now() - t0;
      await c.close();
      return { name: "warren", amqpPort, httpPort, pid: child.pid, child, startupMs, command, dataDir };
    } catch {
      if (performance.now() - t0 > 15_000) throw new Error(`warren-server did not accept connections within 15 s: ${stderr.trim()}`);
      await new Promise((r) => setTimeout(r, 2));
    }
  }
}

/** Stops it (SIGTERM, or at once with signal "SIGKILL") and removes its data dir unless keepData. */
export async function stopWarren(w, { signal = "SIGTERM", keepData = false } = {}) {
  if (w.child.exitCode === null && w.child.signalCode === null) {
    const gone = new Promise((r) => w.child.once("exit", r));
    w.child.kill(signal);
    await Promise.race([gone, new Promise((r) => setTimeout(r, 10_000))]);
    if (w.child.exitCode === null && w.child.signalCode === null) {
      w.child.kill("SIGKILL");
      await gone;
    }
  }
  if (!keepData) rmSync(w.dataDir, { recursive: true, force: true });
}

/** GET on warren's management API as guest; the parsed JSON, or undefined for anything but a 200. */
export async function warrenApi(w, path) {
  const r = await fetch(`http://127.0.0.1:${w.httpPort}/api/${path}`, { headers: { authorization: `Basic ${Buffer.from("guest:guest").toString("base64")}` } }).catch(() => undefined);
  return r?.ok ? r.json() : undefined;
}

async function rabbitApi(path) {
  const r = await fetch(`http://127.0.0.1:${RABBIT.httpPort}/api/${path}`, { headers: { authorization: `Basic ${Buffer.from("guest:guest").toString("base64")}` } });
  if (!r.ok) throw new Error(`GET /api/${path}: ${r.status}`);
  return r.json();
}

/** The local RabbitMQ if it answers AMQP on 5672: its version, and the beam process id from /api/nodes (for RSS). */
export async function findRabbit() {
  let c;
  try {
    c = await amqpConnect(RABBIT.amqpPort, "warren-perf bench probe");
  } catch {
    return undefined;
  }
  const version = c.server.version;
  await c.close();
  const overview = await rabbitApi("overview").catch(() => undefined);
  const node = (await rabbitApi("nodes").catch(() => []))[0];
  return { ...RABBIT, version, erlang: overview?.erlang_version, node: node?.name, pid: node?.os_pid === undefined ? undefined : Number(node.os_pid), socketsTotal: node?.sockets_total };
}

/** RabbitMQ's own live count of its memory (erlang:memory() total), from /api/nodes/<node>?memory=true (mem_used lags by the stats interval). */
export async function rabbitErlangMemory(node) {
  const n = await rabbitApi(`nodes/${encodeURIComponent(node)}?memory=true`).catch(() => undefined);
  return n?.memory?.total?.erlang;
}

/** How long the node's last boot took, from its log: the first line of that boot to "Server startup complete" (the Erlang VM's own start is not in the log). */
export function rabbitLastBootMs(logPath) {
  let text;
  try {
    text = readFileSync(logPath, "utf8");
  } catch {
    return undefined;
  }
  const lines = text.split("\n");
  const done = lines.findLastIndex((l) => l.includes("Server startup complete"));
  if (done < 0) return undefined;
  let first = done;
  // walk back to the line after the previous boot's end (or the file start): "Logging: configured log handlers are now ACTIVE" opens a boot
  for (let i = done; i >= 0; i--) {
    if (lines[i].includes("configured log handlers are now ACTIVE")) {
      first = i;
      break;
    }
  }
  const at = (l) => Date.parse(l.slice(0, 32).replace(" ", "T"));
  const ms = at(lines[done]) - at(lines[first]);
  return Number.isFinite(ms) ? ms : undefined;
}

