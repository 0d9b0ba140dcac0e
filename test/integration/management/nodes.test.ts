// GET /api/nodes[/{node}[/memory]] and /api/feature-flags against an in-process broker with a data directory.
import { mkdtempSync, statfsSync } from "node:fs";
import { totalmem, tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { useNodeApi } from "./node-api.js";

const dataDir = mkdtempSync(join(tmpdir(), "warren-nodes-"));
const api = useNodeApi({ dataDir, nodeName: "nodes-test", users: [{ name: "guest", password: "guest", tags: ["administrator"] }, { name: "mon", password: "p", tags: ["monitoring"] }, { name: "mgmt", password: "p", tags: ["management"] }] });

describe("GET /api/nodes", () => {
  it("lists this node with its identity, limits and resources", async () => {
    const { status, body } = await api.get("/nodes");
    expect(status).toBe(200);
    expect(body).toHaveLength(1);
    const n = body[0];
    expect(n.name).toBe(`nodes-test@${api.broker.nodeName.split("@")[1]}`);
    expect(n).toMatchObject({ type: "disc", running: true, os_pid: String(process.pid), partitions: [], cluster_links: [], mem_alarm: false, disk_free_alarm: false, disk_free_limit: 50_000_000 });
    expect(n.mem_limit).toBe(Math.floor(0.4 * totalmem()));
    expect(n.mem_used).toBeGreaterThan(1_000_000);
    expect(n.mem_used_details).toEqual({ rate: expect.any(Number) });
    expect(n.db_dir).toBe(join(dataDir, n.name));
    const fs = statfsSync(dataDir);
    expect(Math.abs(n.disk_free - fs.bavail * fs.bsize)).toBeLessThan(512 * 1024 * 1024);
    expect(n.fd_used).toBeGreaterThan(0);
    expect(n.fd_total).toBeGreaterThanOrEqual(n.fd_used);
    expect(n.uptime).toBeGreaterThanOrEqual(0);
    expect(n.exchange_types.map((t: { name: string }) => t.name)).toEqual(["fanout", "headers", "topic", "direct"]);
    expect(n.auth_mechanisms.map((m: { name: string }) => m.name)).toEqual(["AMQPLAIN", "PLAIN"]);
    expect(n.applications.find((a: { name: string }) => a.name === "rabbit")?.version).toBe("3.10.8");
    expect(n.contexts).toEqual([{ description: "warren management API", path: "/", port: String(api.broker.httpPort) }]);
  });

  it("answers columns and the single-node form; an unknown node is an empty 500", async () => {
    const name = api.broker.nodeName;
    expect((await api.get("/nodes?columns=name,type")).body).toEqual([{ name, type: "disc" }]);
    expect((await api.get(`/nodes/${encodeURIComponent(name)}?columns=name,running`)).body).toEqual({ name, running: true });
    expect(await api.get("/nodes/rabbit@nosuch")).toMatchObject({ status: 500, body: undefined });
  });

  it("gives the memory breakdown (?memory=true, /memory, /memory/relative) adding up to rss", async () => {
    const name = encodeURIComponent(api.broker.nodeName);
    const { body } = await api.get(`/nodes/${name}/memory`);
    const { total, strategy, ...parts } = body.memory;
    expect(strategy).toBe("rss");
    const sum = Object.values(parts as Record<string, number>).reduce((a, b) => a + b, 0);
    expect(sum).toBe(total.rss);
    expect((await api.get(`/nodes/${name}?memory=true`)).body.memory.strategy).toBe("rss");
    const rel = (await api.get(`/nodes/${name}/memory/relative`)).body.memory;
    expect(rel.total).toBe(100);
    expect(Object.keys(rel)).toEqual(["total", ...Object.keys(parts)]);
    expect(await api.get("/nodes/rabbit@nosuch/memory")).toMatchObject({ status: 404, body: { error: "Object Not Found", reason: "Not Found" } });
  });

  it("needs a monitoring or administrator tag", async () => {
    expect((await api.get("/nodes", "mon:p")).status).toBe(200);
    expect(await api.get("/nodes", "mgmt:p")).toMatchObject({ status: 401, body: { error: "not_authorised", reason: "Not monitor user" } });
  });
});

describe("/api/feature-flags", () => {
  it("lists the 3.10.8 flags, all enabled and stable", async () => {
    const { body } = await api.get("/feature-flags");
    expect(body.map((f: { name: string }) => f.name)).toEqual([
      "classic_mirrored_queue_version", "drop_unroutable_metric", "empty_basic_get_metric", "implicit_default_bindings",
      "maintenance_mode_status", "quorum_queue", "stream_queue", "user_limits", "virtual_host_metadata",
    ]);
    expect(body[5]).toEqual({ name: "quorum_queue", desc: "Support queues of type `quorum`", doc_url: "https://www.rabbitmq.com/quorum-queues.html", state: "enabled", stability: "stable", provided_by: "rabbit" });
    expect(await api.get("/feature-flags", "mon:p")).toMatchObject({ status: 401, body: { reason: "Not administrator user" } });
  });

  it("enables a known flag (204), refuses an unknown one (400 unsupported) and a non-JSON body type (415)", async () => {
    expect((await api.send("PUT", "/feature-flags/quorum_queue/enable", {})).status).toBe(204);
    expect(await api.send("PUT", "/feature-flags/bogus/enable", {})).toMatchObject({ status: 400, body: { error: "bad_request", reason: "unsupported" } });
    expect((await api.send("PUT", "/feature-flags/bogus/enable", "{}", { contentType: "text/plain" })).status).toBe(415);
  });
});

describe("GET /api/extensions", () => {
  it("lists RabbitMQ's management UI extension", async () => {
    expect((await api.get("/extensions", "mgmt:p")).body).toEqual([{ javascript: "dispatcher.js" }]);
  });
});
