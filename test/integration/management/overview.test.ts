// GET /api/overview and /api/cluster-name against an in-process broker, shapes as RabbitMQ 3.10.8 serves them.
import amqp from "amqplib";
import { describe, expect, it } from "vitest";
import { useNodeApi } from "./node-api.js";

const api = useNodeApi({ users: [{ name: "guest", password: "guest", tags: ["administrator"] }, { name: "mgmt", password: "p", tags: ["management"] }] });

describe("GET /api/overview", () => {
  it("names warren as the product and RabbitMQ 3.10.8 as the version it reproduces", async () => {
    const { status, body } = await api.get("/overview");
    expect(status).toBe(200);
    expect(Object.keys(body)).toEqual([
      "management_version", "rates_mode", "sample_retention_policies", "exchange_types", "product_version", "product_name",
      "rabbitmq_version", "cluster_name", "erlang_version", "erlang_full_version", "release_series_support_status", "disable_stats",
      "enable_queue_totals", "message_stats", "churn_rates", "queue_totals", "object_totals", "statistics_db_event_queue", "node",
      "listeners", "contexts",
    ]);
    expect(body).toMatchObject({ rabbitmq_version: "3.10.8", management_version: "3.10.8", product_name: "warren", erlang_version: process.versions.node });
    expect(body.node).toBe(api.broker.nodeName);
    expect(body.cluster_name).toBe(api.broker.nodeName);
    expect(body.exchange_types.map((t: { name: string }) => t.name)).toEqual(["direct", "fanout", "headers", "topic"]);
    expect(body.churn_rates.connection_created_details).toEqual({ rate: expect.any(Number) });
  });

  it("lists the AMQP and HTTP listeners with their real ports", async () => {
    const { body } = await api.get("/overview");
    expect(body.listeners).toEqual([
      { node: api.broker.nodeName, protocol: "amqp", ip_address: "127.0.0.1", port: api.broker.amqpPort, socket_opts: { backlog: 511, nodelay: true } },
      { node: api.broker.nodeName, protocol: "http", ip_address: "127.0.0.1", port: api.broker.httpPort, socket_opts: { port: api.broker.httpPort } },
    ]);
    expect(body.contexts[0]).toMatchObject({ path: "/", port: String(api.broker.httpPort) });
  });

  it("counts objects and messages live, unacknowledged ones included", async () => {
    const before = (await api.get("/overview")).body;
    const c = await amqp.connect(`amqp://guest:guest@127.0.0.1:${api.broker.amqpPort}`);
    const ch = await c.createChannel();
    await ch.assertQueue("ov-q", { durable: false });
    ch.sendToQueue("ov-q", Buffer.from("a"));
    ch.sendToQueue("ov-q", Buffer.from("b"));
    await ch.get("ov-q", { noAck: false });
    const { body } = await api.get("/overview");
    expect(body.object_totals).toEqual({
      channels: before.object_totals.channels + 1,
      connections: before.object_totals.connections + 1,
      consumers: 0,
      exchanges: 7,
      queues: before.object_totals.queues + 1,
    });
    expect(body.queue_totals).toMatchObject({ messages: 2, messages_ready: 1, messages_unacknowledged: 1 });
    expect(body.churn_rates.connection_created).toBeGreaterThan(before.churn_rates.connection_created);
    await c.close();
  });

  it("with disable_stats gives only the static part, the node and object counts", async () => {
    const { body } = await api.get("/overview?disable_stats=true&enable_queue_totals=true");
    expect(body).toMatchObject({ disable_stats: true, enable_queue_totals: true, node: api.broker.nodeName });
    expect(Object.keys(body.object_totals)).toEqual(["queues", "exchanges", "connections"]);
    expect(body.listeners).toBeUndefined();
    expect(body.message_stats).toBeUndefined();
  });

  it("columns select whole top-level keys", async () => {
    const { body } = await api.get("/overview?columns=queue_totals.messages,node");
    expect(Object.keys(body)).toEqual(["queue_totals", "node"]);
    expect(Object.keys(body.queue_totals)).toContain("messages_ready");
  });

  it("shows a management user their vhosts' objects, only their own connections and no node details", async () => {
    const c = await amqp.connect(`amqp://guest:guest@127.0.0.1:${api.broker.amqpPort}`);
    const admin = (await api.get("/overview")).body;
    const { status, body } = await api.get("/overview", "mgmt:p");
    await c.close();
    expect(status).toBe(200);
    expect(admin.object_totals.connections).toBe(1);
    expect(body.object_totals).toEqual({ channels: 0, connections: 0, exchanges: admin.object_totals.exchanges, queues: admin.object_totals.queues });
    expect(body.message_stats).toEqual({});
    expect(body.node).toBeUndefined();
    expect(body.listeners).toBeUndefined();
  });
});

describe("/api/cluster-name", () => {
  it("defaults to the node name, and PUT changes what connection.start announces", async () => {
    expect((await api.get("/cluster-name")).body).toEqual({ name: api.broker.nodeName });
    expect((await api.send("PUT", "/cluster-name", { name: "ov-cluster" })).status).toBe(204);
    expect((await api.get("/cluster-name")).body).toEqual({ name: "ov-cluster" });
    expect((await api.get("/overview?columns=cluster_name")).body).toEqual({ cluster_name: "ov-cluster" });
    const c = await amqp.connect(`amqp://guest:guest@127.0.0.1:${api.broker.amqpPort}`);
    expect(c.connection.serverProperties.cluster_name).toBe("ov-cluster");
    await c.close();
  });

  it("refuses a body without name (key_missing), a non-string name (500) and non-administrators", async () => {
    expect(await api.send("PUT", "/cluster-name", {})).toMatchObject({ status: 400, body: { error: "bad_request", reason: "[{key_missing,name}]" } });
    expect((await api.send("PUT", "/cluster-name", { name: 5 })).status).toBe(500);
    expect(await api.send("PUT", "/cluster-name", { name: "x" }, { user: "mgmt:p" })).toMatchObject({ status: 401, body: { reason: "Not administrator user" } });
    expect((await api.get("/cluster-name")).body).toEqual({ name: "ov-cluster" });
  });
});
