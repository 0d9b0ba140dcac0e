// warren's node operations (POST /api/warren/extensions/<name>) against an in-process broker, with real AMQP clients.
import { readdirSync } from "node:fs";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { totalmem, tmpdir } from "node:os";
import { join } from "node:path";
import amqp from "amqplib";
import { describe, expect, it } from "vitest";
import { ALL_COMMANDS } from "../../../src/cli/registry.js";
import { startBroker } from "../../../src/broker/server.js";
import { useNodeApi } from "./node-api.js";

const dataDir = mkdtempSync(join(tmpdir(), "warren-ext-"));
const api = useNodeApi({ dataDir, users: [{ name: "guest", password: "guest", tags: ["administrator"] }, { name: "mon", password: "p", tags: ["monitoring"] }] });
const amqpUrl = (): string => `amqp://guest:guest@127.0.0.1:${api.broker.amqpPort}`;

async function connect(): Promise<amqp.ChannelModel> {
  const c = await amqp.connect(amqpUrl());
  c.on("error", () => {});
  return c;
}

const refusedConnect = async (): Promise<string> => connect().then(async (c) => (await c.close(), "connected"), (e: NodeJS.ErrnoException) => e.code ?? e.message);

describe("extension discovery", () => {
  it("offers every operation warrenctl's commands ask for", async () => {
    const { body } = await api.get("/warren/extensions", "mon:p");
    const offered = new Set(body.map((e: { name: string }) => e.name));
    const wanted = ALL_COMMANDS.flatMap((c) => (c.extension === undefined ? [] : [c.extension]));
    expect(wanted.length).toBeGreaterThan(20);
    for (const name of [...wanted, "status"]) expect(offered, name).toContain(name);
  });

  it("needs administrator for operations; unknown ones are 404; bad bodies 400", async () => {
    expect(await api.send("POST", "/warren/extensions/force_gc", {}, { user: "mon:p" })).toMatchObject({ status: 401, body: { reason: "Not administrator user" } });
    expect(await api.ext("bogus")).toMatchObject({ status: 404 });
    expect(await api.ext("set_vm_memory_high_watermark", { fraction: 2 })).toMatchObject({ status: 400, body: { error: "bad_request" } });
    expect((await api.get("/nodes?columns=mem_limit")).body[0].mem_limit).toBe(Math.floor(0.4 * totalmem()));
  });
});

describe("stop_app / start_app", () => {
  it("stop_app disconnects clients with 320 and refuses AMQP while HTTP stays up; start_app brings it back on the same port", async () => {
    const c = await connect();
    const ch = await c.createChannel();
    await ch.assertQueue("ext-durable", { durable: true });
    await ch.assertQueue("ext-transient", { durable: false });
    const closed = new Promise<string>((resolve) => c.on("close", (e?: Error) => resolve(e?.message ?? "")));
    expect((await api.ext("stop_app")).body).toEqual({ result: "ok" });
    expect(await closed).toContain("CONNECTION_FORCED - broker forced connection closure with reason 'shutdown'");
    expect(await refusedConnect()).toBe("ECONNREFUSED");
    expect((await api.get("/warren/extensions")).status).toBe(200);
    expect(await api.get("/overview")).toMatchObject({ status: 503, body: { error: "not_running" } });
    expect((await api.ext("wait", { timeout: 50 })).body).toMatchObject({ result: "error", exit_code: 75 });
    expect((await api.ext("stop_app")).body).toEqual({ result: "ok" });

    const waiting = api.ext("wait", { timeout: 5000 });
    expect((await api.ext("start_app")).body).toEqual({ result: "ok" });
    expect((await waiting).body).toEqual({ result: "ok" });
    const again = await connect();
    const ch2 = await again.createChannel();
    expect((await ch2.checkQueue("ext-durable")).queue).toBe("ext-durable");
    // transient queues do not survive the application's restart
    await expect(ch2.checkQueue("ext-transient")).rejects.toThrow(/404/);
    await again.close().catch(() => {});
  });

  it("reset is refused while the application runs and wipes back to first-start state once stopped", async () => {
    writeFileSync(join(dataDir, api.broker.nodeName, "leftover"), "x");
    await api.send("PUT", "/cluster-name", { name: "ext-cluster" });
    for (const name of ["reset", "force_reset"]) {
      expect((await api.ext(name)).body).toEqual({
        result: "error",
        exit_code: 70,
        error: `Mnesia is still running on node ${api.broker.nodeName}.\nPlease stop RabbitMQ with 'rabbitmqctl stop_app' first.`,
      });
    }
    await api.ext("stop_app");
    expect((await api.ext("reset")).body).toEqual({ result: "ok" });
    // emptied, holding only the node's lock and fresh stores: the metadata store with the first-start definitions, and an empty message store
    expect(readdirSync(join(dataDir, api.broker.nodeName)).sort()).toEqual([".lock", "metadata", "msg_store"]);
    await api.ext("start_app");
    expect((await api.get("/cluster-name")).body).toEqual({ name: api.broker.nodeName });
    expect((await api.get("/overview")).body.object_totals.queues).toBe(0);
    // the users are back as configured: mon still authenticates
    expect((await api.get("/nodes", "mon:p")).status).toBe(200);
  });
});

describe("thresholds and alarms", () => {
  it("set_vm_memory_high_watermark sets mem_limit (absolute and relative) and the alarm follows", async () => {
    expect((await api.ext("set_vm_memory_high_watermark", { absolute: 1024 })).body).toEqual({ result: "ok" });
    const n = (await api.get("/nodes")).body[0];
    expect(n).toMatchObject({ mem_limit: 1024, mem_alarm: true });
    expect(await api.get("/health/checks/local-alarms")).toMatchObject({
      status: 503,
      body: { status: "failed", reason: "There are alarms in effect on the node", alarms: [{ node: api.broker.nodeName, resource: "memory", type: "resource_limit" }] },
    });
    expect((await api.ext("status")).body.vm_memory_high_watermark_setting).toEqual({ absolute: 1024 });
    // the alarm blocks publishers: the next publish gets connection.blocked
    const c = await connect();
    const blocked = new Promise<string>((resolve) => c.on("blocked", (reason: string) => resolve(reason)));
    (await c.createChannel()).publish("", "nowhere", Buffer.from("x"));
    expect(await blocked).toBe("low on memory");
    const unblocked = new Promise<void>((resolve) => c.on("unblocked", () => resolve()));
    await api.ext("set_vm_memory_high_watermark", { fraction: 0.5 });
    await unblocked;
    await c.close();
    expect((await api.get("/nodes")).body[0]).toMatchObject({ mem_limit: Math.floor(0.5 * totalmem()), mem_alarm: false });
    expect((await api.get("/health/checks/alarms")).status).toBe(200);
  });

  it("set_disk_free_limit takes bytes or a multiple of total memory", async () => {
    await api.ext("set_disk_free_limit", { mem_relative: 1.5 });
    expect((await api.get("/nodes")).body[0].disk_free_limit).toBe(Math.floor(1.5 * totalmem()));
    await api.ext("set_disk_free_limit", { limit: 50_000_000 });
    expect((await api.get("/nodes")).body[0]).toMatchObject({ disk_free_limit: 50_000_000, disk_free_alarm: false });
  });
});

describe("listeners, logs, runtime and reports", () => {
  it("suspend_listeners refuses new connections and keeps open ones; resume_listeners accepts again", async () => {
    const c = await connect();
    expect((await api.ext("suspend_listeners")).body).toEqual({ result: "ok" });
    expect(await refusedConnect()).toBe("ECONNREFUSED");
    const ch = await c.createChannel();
    await ch.assertQueue("", { exclusive: true });
    expect((await api.ext("resume_listeners")).body).toEqual({ result: "ok" });
    expect(await refusedConnect()).toBe("connected");
    await c.close();
  });

  it("set_log_level accepts RabbitMQ's levels and refuses others with its text", async () => {
    expect((await api.ext("set_log_level", { level: "debug" })).body).toEqual({ result: "ok" });
    expect((await api.ext("set_log_level", { level: "loud" })).body).toEqual({ result: "error", exit_code: 70, error: "level loud is not supported. Try one of debug, info, warning, error, critical, none" });
    expect((await api.ext("rotate_logs")).body).toEqual({ result: "ok" });
    expect((await api.ext("force_gc")).body).toEqual({ result: "ok" });
  });

  it("environment, status, schema_info and list_unresponsive_queues report the node", async () => {
    const env = (await api.ext("environment")).body;
    expect(env.result).toBe("ok");
    expect(env.environment.warren).toMatchObject({ node_name: api.broker.nodeName, data_dir: dataDir });
    expect(env.environment.rabbit.tcp_listeners).toEqual([{ ip: "127.0.0.1", port: api.broker.amqpPort }]);
    expect((await api.ext("status")).body).toMatchObject({ os: expect.any(String), crypto_lib_version: `OpenSSL ${process.versions.openssl}`, is_under_maintenance: false });
    const schema = (await api.ext("schema_info", { columns: ["name", "size", "storage_type"] })).body;
    expect(schema.rows).toContainEqual(["rabbit_vhost", 1, "ram_copies"]);
    const c = await connect();
    const ch = await c.createChannel();
    await ch.assertQueue("ext-probe", { arguments: { "x-max-length": 3 } });
    expect((await api.ext("list_unresponsive_queues", { vhost: "/", columns: ["name"], local: false, queue_timeout: 15 })).body).toEqual({ result: "ok", rows: [] });
    // a zero deadline cannot be met: every queue then counts as unresponsive
    const all = (await api.ext("list_unresponsive_queues", { vhost: "/", columns: ["name", "arguments"], queue_timeout: 0 })).body.rows as unknown[][];
    await c.close();
    expect(all).toContainEqual(["ext-probe", { "x-max-length": 3 }]);
  });
});

describe("cluster membership on a standalone node", () => {
  it("answers as RabbitMQ answers a single node", async () => {
    const self = api.broker.nodeName;
    const stopped = "this command requires the 'rabbit' app to be stopped on the target node. Stop it with 'rabbitmqctl stop_app'.";
    expect((await api.ext("join_cluster", { cluster_node: "rabbit@elsewhere", node_type: "disc" })).body).toEqual({ result: "error", exit_code: 64, error: stopped });
    expect((await api.ext("forget_cluster_node", { node: "rabbit@elsewhere", offline: false })).body).toEqual({ result: "error", exit_code: 69, error: "{:not_a_cluster_node, 'The node selected is not in the cluster.'}" });
    expect((await api.ext("rename_cluster_node", { pairs: [[self, "x@y"]] })).body).toMatchObject({ exit_code: 64, error: "this command requires the target node to be stopped." });
    await api.ext("stop_app");
    expect((await api.ext("join_cluster", { cluster_node: "rabbit@elsewhere", node_type: "disc" })).body.error).toBe("{:cannot_discover_cluster, 'The nodes provided are either offline or not running'}");
    expect((await api.ext("update_cluster_nodes", { seed_node: self })).body.error).toBe("{:cannot_discover_cluster, 'Cannot cluster node with itself'}");
    expect((await api.ext("change_cluster_node_type", { node_type: "disc" })).body).toEqual({ result: "ok", message: "Node type is already disc" });
    expect((await api.ext("change_cluster_node_type", { node_type: "ram" })).body.error).toBe("{:not_clustered, 'Non-clustered nodes can only be disc nodes.'}");
    expect((await api.ext("force_boot")).body).toEqual({ result: "ok" });
    await api.ext("start_app");
  });
});

describe("shutdown", () => {
  it("answers, then stops the whole node", async () => {
    const dir = join(dataDir, "other");
    mkdirSync(dir);
    const b = await startBroker({ amqpPort: 0, httpPort: 0, dataDir: dir });
    const auth = { authorization: `Basic ${Buffer.from("guest:guest").toString("base64")}`, "content-type": "application/json" };
    const r = await fetch(`http://127.0.0.1:${b.httpPort}/api/warren/extensions/shutdown`, { method: "POST", headers: auth, body: "{}" });
    expect(await r.json()).toEqual({ result: "ok" });
    await b.closed;
    await expect(fetch(`http://127.0.0.1:${b.httpPort}/api/overview`, { headers: auth })).rejects.toThrow();
  });
});
