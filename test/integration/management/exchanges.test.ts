// /api/exchanges and /publish against RabbitMQ 3.10.8's observed shapes, codes and texts.
import { describe, expect, it } from "vitest";
import { badRequest, eventually, keysOf, NOT_FOUND, useMessaging } from "./messaging-harness.js";

const m = useMessaging("x-v");
const X = (name: string, tail = ""): string => `/exchanges/${m.v}/${encodeURIComponent(name)}${tail}`;
const publish = (exchange: string, body: Record<string, unknown>) => m.api("POST", X(exchange, "/publish"), { body });
const msg = (routing_key: string, extra: Record<string, unknown> = {}) => ({ properties: {}, routing_key, payload: "p", payload_encoding: "string", ...extra });

describe("GET /api/exchanges", () => {
  it("lists the built-in exchanges (the default one named \"\") with RabbitMQ's fields, sorted", async () => {
    const list = (await m.api("GET", `/exchanges/${m.v}`)).json as Record<string, unknown>[];
    expect(list.map((x) => x.name)).toEqual(["", "amq.direct", "amq.fanout", "amq.headers", "amq.match", "amq.rabbitmq.trace", "amq.topic"]);
    expect(list[5]).toEqual({ arguments: {}, auto_delete: false, durable: true, internal: true, name: "amq.rabbitmq.trace", type: "topic", user_who_performed_action: "rmq-internal", vhost: "x-v" });
  });

  it("shows one exchange (amq.default is the default exchange) with incoming and outgoing; 404 otherwise", async () => {
    const d = await m.api("GET", X("amq.default"));
    expect(d.json).toEqual({ arguments: {}, auto_delete: false, durable: true, incoming: [], internal: false, name: "", outgoing: [], type: "direct", user_who_performed_action: "rmq-internal", vhost: "x-v" });
    expect((await m.api("GET", X("amq.topic", "?columns=type,name"))).json).toEqual({ name: "amq.topic", type: "topic" });
    expect((await m.api("GET", X("no-such"))).json).toEqual(NOT_FOUND);
    expect((await m.api("GET", "/exchanges/no-such-vhost")).json).toEqual(NOT_FOUND);
  });
});

describe("PUT /api/exchanges/v/x", () => {
  it("creates (201; type defaults to direct, durable to false), updates (204), and records the declaring user", async () => {
    expect((await m.api("PUT", X("put-a"))).status).toBe(201);
    expect((await m.api("PUT", X("put-b"), { body: { durable: true } })).status).toBe(201);
    expect((await m.api("PUT", X("put-c"), { body: { type: "topic", internal: true, auto_delete: true, arguments: { "alternate-exchange": "ae" } } })).status).toBe(201);
    expect((await m.api("PUT", X("put-c"), { body: { type: "topic", internal: true, auto_delete: true, arguments: { "alternate-exchange": "ae" } } })).status).toBe(204);
    expect((await m.api("GET", X("put-a", "?columns=type,durable,user_who_performed_action"))).json).toEqual({ durable: false, type: "direct", user_who_performed_action: "guest" });
    expect((await m.api("GET", X("put-c"))).json).toMatchObject({ arguments: { "alternate-exchange": "ae" }, auto_delete: true, internal: true, type: "topic" });
  });

  it("refuses with RabbitMQ's texts: inequivalent, unknown type, amq.*, the default exchange", async () => {
    expect((await m.api("PUT", X("put-c"), { body: { type: "direct" } })).json).toEqual(
      badRequest("inequivalent arg 'type' for exchange 'put-c' in vhost 'x-v': received 'direct' but current is 'topic'"),
    );
    expect((await m.api("PUT", X("put-d"), { body: { type: "nosuch" } })).json).toEqual(badRequest("unknown exchange type 'nosuch'"));
    expect((await m.api("PUT", X("put-d"), { body: { type: "fanout", internal: "nope" } })).json).toEqual(badRequest(["not_boolean", "nope"]));
    expect((await m.api("PUT", X("amq.direct"), { body: { type: "direct" } })).json).toEqual(
      badRequest("inequivalent arg 'durable' for exchange 'amq.direct' in vhost 'x-v': received 'false' but current is 'true'"),
    );
    for (const name of ["amq.mine", "amq.default"]) {
      expect(await m.api("PUT", X(name), { body: { type: "direct" } })).toMatchObject({ status: 401, json: { error: "not_authorised", reason: "Access refused." } });
    }
    expect(await m.api("PUT", "/exchanges/no-such-vhost/x", { body: {} })).toMatchObject({ status: 404, json: { error: "not_found", reason: "vhost_not_found" } });
  });
});

describe("DELETE /api/exchanges/v/x", () => {
  it("deletes (204), keeps amq.* and the default (401), honours if-unused, 404 when missing", async () => {
    await m.api("PUT", X("del-a"));
    await m.api("PUT", X("del-b"), { body: { type: "fanout" } });
    await m.api("PUT", `/queues/${m.v}/del-q`);
    expect((await m.api("POST", `/bindings/${m.v}/e/del-b/q/del-q`, { body: {} })).status).toBe(201);
    expect((await m.api("DELETE", X("del-b", "?if-unused=true"))).json).toEqual(badRequest("exchange 'del-b' in vhost 'x-v' in use"));
    expect((await m.api("DELETE", X("del-a", "?if-unused=true"))).status).toBe(204);
    expect((await m.api("DELETE", X("del-a"))).json).toEqual(NOT_FOUND);
    for (const name of ["amq.direct", "amq.default"]) expect((await m.api("DELETE", X(name))).status).toBe(401);
  });

  it("lists bindings with the exchange as source or destination (none for a missing exchange)", async () => {
    await m.api("PUT", X("src"), { body: { type: "topic" } });
    await m.api("PUT", X("dst"), { body: { type: "fanout" } });
    await m.api("POST", `/bindings/${m.v}/e/src/e/dst`, { body: { routing_key: "k.*" } });
    const e2e = { source: "src", vhost: "x-v", destination: "dst", destination_type: "exchange", routing_key: "k.*", arguments: {}, properties_key: "k.%2A" };
    expect((await m.api("GET", X("src", "/bindings/source"))).json).toEqual([e2e]);
    expect((await m.api("GET", X("dst", "/bindings/destination"))).json).toEqual([e2e]);
    expect((await m.api("GET", X("no-such", "/bindings/destination"))).json).toEqual([]);
    expect((await m.api("GET", X("amq.default", "/bindings/source"))).json).toContainEqual(
      { source: "", vhost: "x-v", destination: "del-q", destination_type: "queue", routing_key: "del-q", arguments: {}, properties_key: "del-q" },
    );
  });
});

describe("POST /api/exchanges/v/x/publish", () => {
  it("routes and says so, with properties, headers and base64 payloads; counts publish_in and publish_out", async () => {
    await m.api("PUT", X("pub"), { body: { type: "fanout" } });
    for (const q of ["pub-1", "pub-2"]) {
      await m.api("PUT", `/queues/${m.v}/${q}`);
      await m.api("POST", `/bindings/${m.v}/e/pub/q/${q}`, { body: {} });
    }
    expect((await publish("pub", msg("any", { properties: { delivery_mode: 2, headers: { h: [1, "x"] }, priority: 1 }, payload: "AP8=", payload_encoding: "base64" }))).json).toEqual({ routed: true });
    expect((await publish("amq.default", msg("nowhere"))).json).toEqual({ routed: false });
    const got = (await m.api("POST", `/queues/${m.v}/pub-1/get`, { body: { count: 1, ackmode: "ack_requeue_false", encoding: "auto" } })).json as Record<string, unknown>[];
    expect(got[0]).toMatchObject({ exchange: "pub", routing_key: "any", payload: "AP8=", payload_encoding: "base64", properties: { priority: 1, delivery_mode: 2, headers: { h: [1, "x"] } } });
    const stats = (await m.api("GET", X("pub"))).json as { message_stats: Record<string, unknown> };
    expect(keysOf(stats.message_stats)).toEqual(["publish_in", "publish_in_details", "publish_out", "publish_out_details"]);
    expect(stats.message_stats).toMatchObject({ publish_in: 1, publish_out: 2 });
    await eventually(async () => expect(((await m.api("GET", X("amq.default"))).json as Record<string, unknown>).message_stats).toEqual({ publish_in: 1, publish_in_details: { rate: expect.any(Number) } }));
  });

  it("refuses as RabbitMQ does: missing keys, encodings, property types, channel errors", async () => {
    expect((await publish("amq.default", { routing_key: "x" })).json).toEqual(
      badRequest("[{key_missing,properties},\n {key_missing,payload},\n {key_missing,payload_encoding}]"),
    );
    expect((await publish("amq.default", { properties: {}, routing_key: "x", payload: "p" })).json).toEqual(badRequest("[{key_missing,payload_encoding}]"));
    expect((await publish("amq.default", msg("x", { payload_encoding: "hex" }))).json).toEqual(badRequest(["unsupported_encoding", "hex"]));
    expect((await publish("amq.default", msg("x", { payload: "!!!", payload_encoding: "base64" }))).json).toEqual(badRequest(["not_base64", "!!!"]));
    expect((await publish("amq.default", msg("x", { payload: 5 }))).json).toEqual(badRequest("payload_not_string"));
    expect((await publish("amq.default", msg("x", { properties: { delivery_mode: "2" } }))).json).toEqual(badRequest(["not_int", "delivery_mode"]));
    expect((await publish("amq.default", msg("x", { properties: { content_type: 5 } }))).json).toEqual(badRequest(["not_string", "content_type"]));
    expect((await publish("no-such", msg("x"))).json).toEqual(badRequest("404 NOT_FOUND - no exchange 'no-such' in vhost 'x-v'"));
    expect((await publish("amq.rabbitmq.trace", msg("x"))).json).toEqual(badRequest("403 ACCESS_REFUSED - cannot publish to internal exchange 'amq.rabbitmq.trace' in vhost 'x-v'"));
    expect((await publish("amq.default", msg("x", { properties: { user_id: "bob" } }))).json).toEqual(
      badRequest("406 PRECONDITION_FAILED - user_id property set to 'bob' but authenticated user was 'guest'"),
    );
    expect((await publish("amq.default", msg("x", { properties: { expiration: "abc" } }))).json).toEqual(badRequest("406 PRECONDITION_FAILED - invalid expiration 'abc': no_integer"));
    const crash = await publish("amq.default", msg("x", { properties: [] }));
    expect([crash.status, crash.text]).toEqual([500, ""]);
    const wrong = await m.api("GET", X("amq.default", "/publish"));
    expect([wrong.status, wrong.text]).toEqual([405, ""]);
  });

  it("reaches AMQP consumers", async () => {
    const c = await m.connect();
    const ch = await m.channel(c);
    await ch.assertQueue("pub-amqp");
    const got = new Promise<{ body: string; type: string | undefined }>((resolve) => {
      void ch.consume("pub-amqp", (d) => d && resolve({ body: d.content.toString(), type: d.properties.contentType as string | undefined }), { noAck: true });
    });
    await eventually(async () => expect((await m.api("GET", `/queues/${m.v}/pub-amqp?columns=consumers`)).json).toEqual({ consumers: 1 }));
    expect((await publish("amq.default", msg("pub-amqp", { payload: "hi", properties: { content_type: "text/plain" } }))).json).toEqual({ routed: true });
    expect(await got).toEqual({ body: "hi", type: "text/plain" });
    await c.close();
  });
});
