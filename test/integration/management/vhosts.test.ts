// /api/vhosts as RabbitMQ 3.10.8 serves it (shapes, codes and texts observed on a live node), and vhost deletion over AMQP.
import amqp from "amqplib";
import { describe, expect, it } from "vitest";
import { openReply } from "./amqp-open.js";
import { badRequest, NOT_FOUND, useManagement } from "./auth-harness.js";

const m = useManagement();
const nodeName = async (): Promise<string> => Object.keys(((await m.api("GET", "/vhosts/%2F")).json as { cluster_state: Record<string, string> }).cluster_state)[0]!;
const getVhost = async (name: string) => (await m.api("GET", `/vhosts/${encodeURIComponent(name)}?disable_stats=true`)).json as Record<string, unknown>;

describe("PUT /api/vhosts/:vhost", () => {
  it("creates (201) with RabbitMQ's shape and grants the creator .* .* .*", async () => {
    const r = await m.api("PUT", "/vhosts/v-a", { body: { description: "d1", tags: "a, b,,c" } });
    expect(r.status).toBe(201);
    expect(await getVhost("v-a")).toEqual({
      name: "v-a",
      description: "d1",
      tags: ["a", "b", "", "c"],
      default_queue_type: "undefined",
      metadata: { description: "d1", tags: ["a", "b", "", "c"] },
      tracing: false,
      cluster_state: { [await nodeName()]: "running" },
    });
    expect((await m.api("GET", "/permissions/v-a/guest")).json).toEqual({ user: "guest", vhost: "v-a", configure: ".*", write: ".*", read: ".*" });
  });

  it("replaces description and tags on update (204), keeps tracing when omitted, and takes defaultqueuetype only at creation", async () => {
    await m.api("PUT", "/vhosts/v-b", { body: { description: "x", tags: [" t1 ", "t2"], defaultqueuetype: "quorum" } });
    expect(await getVhost("v-b")).toMatchObject({ tags: ["t1", "t2"], default_queue_type: "quorum", metadata: { default_queue_type: "quorum", description: "x", tags: ["t1", "t2"] } });
    expect((await m.api("PUT", "/vhosts/v-b", { body: { tracing: true } })).status).toBe(204);
    expect(await getVhost("v-b")).toMatchObject({ description: "", tags: [], tracing: true, default_queue_type: "quorum" });
    await m.api("PUT", "/vhosts/v-b", { body: { description: 5, defaultqueuetype: "stream" } });
    expect(await getVhost("v-b")).toMatchObject({ description: 5, tracing: true, default_queue_type: "quorum" });
    await m.api("PUT", "/vhosts/v-b", { body: { tracing: "false", tags: null } });
    expect(await getVhost("v-b")).toMatchObject({ description: "", tags: [], tracing: false });
  });

  it("refuses bad bodies as RabbitMQ does and changes nothing", async () => {
    await m.api("PUT", "/vhosts/v-c", { body: { description: "keep", tags: "k" } });
    const before = await getVhost("v-c");
    expect((await m.api("PUT", "/vhosts/v-c", { body: { tracing: "yes" } })).json).toEqual(badRequest(["not_boolean", "yes"]));
    expect((await m.api("PUT", "/vhosts/v-c", { body: { tracing: 1 } })).json).toEqual(badRequest(["not_boolean", 1]));
    expect(await m.api("PUT", "/vhosts/v-c", { body: { tags: 5 } })).toMatchObject({ status: 500, text: "" });
    expect((await m.api("PUT", "/vhosts/v-c", { body: "nope" })).json).toEqual(badRequest("not_json"));
    expect(await getVhost("v-c")).toEqual(before);
    expect((await m.api("PUT", "/vhosts/v-nope", { body: { tracing: "yes" } })).status).toBe(400);
    expect((await m.api("GET", "/vhosts/v-nope")).json).toEqual(NOT_FOUND);
  });
});

describe("GET /api/vhosts", () => {
  it("lists sorted by name, pages on request, and shows management users only their vhosts", async () => {
    await m.api("PUT", "/vhosts/v-list1");
    await m.api("PUT", "/vhosts/v-list2");
    const names = ((await m.api("GET", "/vhosts?columns=name")).json as { name: string }[]).map((v) => v.name);
    expect(names).toEqual([...names].sort());
    expect(names).toContain("/");
    const page = (await m.api("GET", "/vhosts?page=1&page_size=1&name=v-list")).json;
    expect(page).toMatchObject({ filtered_count: 2, item_count: 1, page: 1, page_count: 2, page_size: 1, items: [{ name: "v-list1" }] });
    await m.api("PUT", "/users/v-mgmt", { body: { password: "p", tags: "management" } });
    await m.api("PUT", "/permissions/v-list2/v-mgmt", { body: { configure: ".*", write: ".*", read: ".*" } });
    expect(((await m.api("GET", "/vhosts", { auth: "v-mgmt:p" })).json as { name: string }[]).map((v) => v.name)).toEqual(["v-list2"]);
    expect((await m.api("GET", "/vhosts/v-list2", { auth: "v-mgmt:p" })).json).toEqual({ error: "not_authorised", reason: "Not administrator user" });
  });

  it("shows live message totals once the vhost has queues", async () => {
    await m.api("PUT", "/vhosts/v-stats");
    expect((await m.api("GET", "/vhosts/v-stats")).json).not.toHaveProperty("messages");
    const c = await amqp.connect(`amqp://guest:guest@127.0.0.1:${m.broker.amqpPort}/v-stats`);
    const ch = await c.createChannel();
    await ch.assertQueue("q");
    ch.sendToQueue("q", Buffer.from("x"));
    await ch.assertQueue("q");
    expect((await m.api("GET", "/vhosts/v-stats")).json).toMatchObject({ messages: 1, messages_ready: 1, messages_unacknowledged: 0 });
    expect((await m.api("GET", "/vhosts/v-stats?disable_stats=true")).json).not.toHaveProperty("messages");
    await c.close();
  });
});

describe("DELETE /api/vhosts/:vhost", () => {
  it("closes the vhost's connections with 320, drops its queues and permissions, then 404s", async () => {
    await m.api("PUT", "/vhosts/v-del");
    const c = await amqp.connect(`amqp://guest:guest@127.0.0.1:${m.broker.amqpPort}/v-del`);
    c.on("error", () => {});
    const closed = new Promise<string>((resolve) => c.on("close", (e: unknown) => resolve(String(e))));
    await (await c.createChannel()).assertQueue("q");
    expect((await m.api("DELETE", "/vhosts/v-del")).status).toBe(204);
    expect(await closed).toContain("CONNECTION_FORCED - vhost 'v-del' is deleted");
    expect((await m.api("GET", "/vhosts/v-del")).json).toEqual(NOT_FOUND);
    expect((await m.api("GET", "/permissions/v-del/guest")).json).toEqual(NOT_FOUND);
    expect((await m.api("DELETE", "/vhosts/v-del")).json).toEqual(NOT_FOUND);
    // recreated, it starts empty
    await m.api("PUT", "/vhosts/v-del");
    const c2 = await amqp.connect(`amqp://guest:guest@127.0.0.1:${m.broker.amqpPort}/v-del`);
    const ch = await c2.createChannel();
    ch.on("error", () => {});
    await expect(ch.checkQueue("q")).rejects.toThrow(/NOT_FOUND - no queue 'q' in vhost 'v-del'/);
    await c2.close().catch(() => {});
  });

  it("connection.open to a missing vhost is 530 as RabbitMQ words it", async () => {
    const reply = await openReply(m.broker.amqpPort, "v-missing");
    expect(reply).toMatchObject({ name: "connection.close", args: { replyCode: 530, replyText: "NOT_ALLOWED - vhost v-missing not found", classId: 10, methodId: 40 } });
  });
});

describe("POST /api/vhosts/:vhost/start/:node", () => {
  it("answers 204 on this node, 400 for another node or a missing vhost, 406 to an Accept without text/html", async () => {
    const node = await nodeName();
    expect((await m.api("POST", `/vhosts/%2F/start/${node}`)).status).toBe(204);
    expect((await m.api("POST", "/vhosts/%2F/start/rabbit@nosuch")).json).toEqual(badRequest("Request to node rabbit@nosuch failed with nodedown"));
    expect((await m.api("POST", `/vhosts/v-none/start/${node}`)).json).toEqual(badRequest(`Request to node ${node} failed with {no_such_vhost,<<"v-none">>}`));
    const r = await fetch(`http://127.0.0.1:${m.broker.httpPort}/api/vhosts/%2F/start/${node}`, {
      method: "POST",
      headers: { authorization: `Basic ${Buffer.from("guest:guest").toString("base64")}`, accept: "application/json" },
    });
    expect(r.status).toBe(406);
  });
});
