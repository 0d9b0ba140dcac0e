// /api/queues/v/q/{contents,get,actions,bindings}: purge, message fetch, sync actions and a queue's bindings.
import { describe, expect, it } from "vitest";
import { badRequest, eventually, keysOf, NOT_FOUND, useMessaging } from "./messaging-harness.js";

const m = useMessaging("qa-v");
const Q = (name: string, tail = ""): string => `/queues/${m.v}/${encodeURIComponent(name)}${tail}`;
const publish = (queue: string, payload: string, properties: Record<string, unknown> = {}, encoding = "string") =>
  m.api("POST", `/exchanges/${m.v}/amq.default/publish`, { body: { properties, routing_key: queue, payload, payload_encoding: encoding } });
const get = (queue: string, body: Record<string, unknown>) => m.api("POST", Q(queue, "/get"), { body });

describe("POST /api/queues/v/q/get", () => {
  it("returns messages in RabbitMQ's shape: string or base64 payloads, [] for no properties, the count left", async () => {
    await m.api("PUT", Q("get-a"));
    expect((await publish("get-a", "hello")).json).toEqual({ routed: true });
    const props = { delivery_mode: 2, headers: { b: "x", a: 1, c: [1, 2], d: { e: true }, f: 1.5 }, content_type: "text/plain", priority: 3, timestamp: 1700000000, message_id: "m1", user_id: "guest" };
    expect((await publish("get-a", "AP8B", props, "base64")).json).toEqual({ routed: true });
    const got = (await get("get-a", { count: 5, ackmode: "ack_requeue_true", encoding: "auto" })).json as Record<string, unknown>[];
    expect(got).toHaveLength(2);
    expect(got[0]).toEqual({ payload_bytes: 5, redelivered: false, exchange: "", routing_key: "get-a", message_count: 1, properties: [], payload: "hello", payload_encoding: "string" });
    expect(keysOf(got[0])).toEqual(["payload_bytes", "redelivered", "exchange", "routing_key", "message_count", "properties", "payload", "payload_encoding"]);
    expect(got[1]).toMatchObject({ payload_bytes: 3, message_count: 0, payload: "AP8B", payload_encoding: "base64" });
    // properties in reverse record order, headers as plain JSON with sorted keys
    expect(keysOf(got[1]!.properties)).toEqual(["user_id", "timestamp", "message_id", "priority", "delivery_mode", "headers", "content_type"]);
    expect(keysOf((got[1]!.properties as Record<string, unknown>).headers)).toEqual(["a", "b", "c", "d", "f"]);
    // ack_requeue_true: they went back, now redelivered; base64 and truncate apply to what is shown
    const again = (await get("get-a", { count: 1, ackmode: "reject_requeue_true", encoding: "base64", truncate: 2 })).json as Record<string, unknown>[];
    expect(again).toEqual([expect.objectContaining({ redelivered: true, payload_bytes: 5, payload: Buffer.from("he").toString("base64"), payload_encoding: "base64" })]);
    // a negative count takes everything; ack_requeue_false removes what it takes
    expect((await get("get-a", { count: -1, ackmode: "ack_requeue_false", encoding: "auto" })).json).toHaveLength(2);
    expect((await get("get-a", { count: 5, ackmode: "ack_requeue_false", encoding: "auto" })).json).toEqual([]);
    const stats = (await m.api("GET", Q("get-a", "?columns=message_stats.get,message_stats.get_no_ack,message_stats.redeliver,message_stats.publish"))).json;
    expect(stats).toEqual({ message_stats: { get: 3, get_no_ack: 2, publish: 2, redeliver: 3 } });
  });

  it("refuses bad requests as RabbitMQ does", async () => {
    await m.api("PUT", Q("get-b"));
    expect((await get("get-b", { count: 1, ackmode: "ack_requeue_true" })).json).toEqual(badRequest("[{key_missing,encoding}]"));
    expect((await get("get-b", { count: "x", ackmode: "ack_requeue_true", encoding: "auto" })).json).toEqual(badRequest(["not_integer", "x"]));
    expect((await get("get-b", { count: 1, ackmode: "ack_requeue_true", encoding: "hex" })).json).toEqual(badRequest("Unsupported encoding. Please use auto or base64."));
    const bogus = await get("get-b", { count: 1, ackmode: "bogus", encoding: "auto" });
    expect([bogus.status, bogus.text]).toEqual([500, ""]);
    expect((await get("get-b", { count: 0, ackmode: "bogus", encoding: "auto" })).json).toEqual([]);
    expect(await get("no-such", { count: 1, ackmode: "ack_requeue_true", encoding: "auto" })).toMatchObject({
      status: 404,
      json: { error: "not_found", reason: "NOT_FOUND - no queue 'no-such' in vhost 'qa-v'" },
    });
  });

  it("reject_requeue_false drops what it takes", async () => {
    await m.api("PUT", Q("get-c"));
    await publish("get-c", "x");
    expect((await get("get-c", { count: 1, ackmode: "reject_requeue_false", encoding: "auto" })).json).toHaveLength(1);
    expect((await m.api("GET", Q("get-c", "?columns=messages"))).json).toEqual({ messages: 0 });
  });
});

describe("DELETE /api/queues/v/q/contents", () => {
  it("purges (204); GET is 405 and a missing queue 404", async () => {
    await m.api("PUT", Q("purge-a"));
    await publish("purge-a", "x");
    await publish("purge-a", "y");
    expect((await m.api("DELETE", Q("purge-a", "/contents"))).status).toBe(204);
    expect((await m.api("GET", Q("purge-a", "?columns=messages"))).json).toEqual({ messages: 0 });
    const wrong = await m.api("GET", Q("purge-a", "/contents"));
    expect([wrong.status, wrong.text]).toEqual([405, ""]);
    expect((await m.api("DELETE", Q("no-such", "/contents"))).json).toEqual(NOT_FOUND);
  });
});

describe("POST /api/queues/v/q/actions", () => {
  it("accepts sync and cancel_sync (204), refuses others, answers only text/html, needs an administrator", async () => {
    await m.api("PUT", Q("act-a"));
    expect((await m.api("POST", Q("act-a", "/actions"), { body: { action: "sync" } })).status).toBe(204);
    expect((await m.api("POST", Q("act-a", "/actions"), { body: { action: "cancel_sync" } })).status).toBe(204);
    expect((await m.api("POST", Q("act-a", "/actions"), { body: { action: "bogus" } })).json).toEqual(badRequest(["unknown", "bogus"]));
    expect((await m.api("POST", Q("act-a", "/actions"), { body: {} })).json).toEqual(badRequest("[{key_missing,action}]"));
    const r = await fetch(`http://127.0.0.1:${m.broker.httpPort}/api${Q("act-a", "/actions")}`, {
      method: "POST",
      headers: { authorization: `Basic ${Buffer.from("guest:guest").toString("base64")}`, accept: "application/json" },
      body: JSON.stringify({ action: "sync" }),
    });
    expect(r.status).toBe(406);
    const missing = await m.api("POST", Q("no-such", "/actions"), { body: { action: "sync" } });
    expect([missing.status, missing.text]).toEqual([500, ""]);
    await m.api("PUT", "/users/qa-mon", { body: { password: "pw", tags: "monitoring" } });
    expect((await m.api("POST", Q("act-a", "/actions"), { body: { action: "sync" }, auth: "qa-mon:pw" })).json).toEqual({ error: "not_authorised", reason: "Not administrator user" });
  });
});

describe("GET /api/queues/v/q/bindings", () => {
  it("lists the implicit default-exchange binding first, then the declared ones", async () => {
    const c = await m.connect();
    const ch = await m.channel(c);
    await ch.assertQueue("bind-q");
    await ch.bindQueue("bind-q", "amq.topic", "a.#");
    await eventually(async () => expect((await m.api("GET", Q("bind-q", "/bindings"))).json).toHaveLength(2));
    expect((await m.api("GET", Q("bind-q", "/bindings"))).json).toEqual([
      { source: "", vhost: "qa-v", destination: "bind-q", destination_type: "queue", routing_key: "bind-q", arguments: {}, properties_key: "bind-q" },
      { source: "amq.topic", vhost: "qa-v", destination: "bind-q", destination_type: "queue", routing_key: "a.#", arguments: {}, properties_key: "a.%23" },
    ]);
    await c.close();
  });
});
