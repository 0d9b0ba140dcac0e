// /api/queues against RabbitMQ 3.10.8's observed shapes, codes and texts, with amqplib creating the state.
import { describe, expect, it } from "vitest";
import { badRequest, eventually, keysOf, NOT_FOUND, sortedKeys, useMessaging } from "./messaging-harness.js";

const m = useMessaging("q-v");
const Q = (name: string, query = ""): string => `/queues/${m.v}/${encodeURIComponent(name)}${query}`;

/** The list form's keys for a classic queue with traffic, in RabbitMQ's order (the Erlang process metrics left out). */
const LIST_KEYS = [
  "arguments", "auto_delete", "backing_queue_status", "consumer_capacity", "consumer_utilisation", "consumers", "durable",
  "effective_policy_definition", "exclusive", "exclusive_consumer_tag", "head_message_timestamp", "memory", "message_bytes",
  "message_bytes_paged_out", "message_bytes_persistent", "message_bytes_ram", "message_bytes_ready", "message_bytes_unacknowledged",
  "message_stats", "messages", "messages_details", "messages_paged_out", "messages_persistent", "messages_ram", "messages_ready",
  "messages_ready_details", "messages_ready_ram", "messages_unacknowledged", "messages_unacknowledged_details",
  "messages_unacknowledged_ram", "name", "node", "operator_policy", "policy", "recoverable_slaves", "single_active_consumer_tag",
  "state", "type", "vhost",
];

describe("PUT /api/queues/v/q", () => {
  it("creates (201), then updates (204); durable and auto_delete default to false", async () => {
    expect((await m.api("PUT", Q("put-a"))).status).toBe(201);
    expect((await m.api("PUT", Q("put-a"), { body: {} })).status).toBe(204);
    const q = await m.api("GET", Q("put-a", "?columns=durable,auto_delete,exclusive,arguments"));
    expect(q.json).toEqual({ arguments: {}, auto_delete: false, durable: false, exclusive: false });
    expect(keysOf(q.json)).toEqual(["arguments", "auto_delete", "durable", "exclusive"]);
  });

  it("refuses an inequivalent redeclare with RabbitMQ's texts", async () => {
    expect((await m.api("PUT", Q("put-b"), { body: { durable: true } })).status).toBe(201);
    expect((await m.api("PUT", Q("put-b"), { body: { durable: false } })).json).toEqual(
      badRequest("inequivalent arg 'durable' for queue 'put-b' in vhost 'q-v': received 'false' but current is 'true'"),
    );
    expect((await m.api("PUT", Q("put-b"), { body: { durable: true, arguments: { "x-max-length": 5 } } })).json).toEqual(
      badRequest("inequivalent arg 'x-max-length' for queue 'put-b' in vhost 'q-v': received the value '5' of type 'long' but current is none"),
    );
    // x-queue-type classic is what a queue without the argument is
    expect((await m.api("PUT", Q("put-b"), { body: { durable: true, arguments: { "x-queue-type": "classic" } } })).status).toBe(204);
    expect((await m.api("PUT", Q("put-b"), { body: { durable: "true" } })).status).toBe(204);
  });

  it("validates the body as RabbitMQ does", async () => {
    expect((await m.api("PUT", Q("put-c"), { body: { durable: "yes" } })).json).toEqual(badRequest(["not_boolean", "yes"]));
    expect((await m.api("PUT", Q("put-c"), { body: { durable: 1 } })).json).toEqual(badRequest(["not_boolean", 1]));
    expect((await m.api("PUT", Q("put-c"), { body: { arguments: { "x-max-length": "five" } } })).json).toEqual(
      badRequest("invalid arg 'x-max-length' for queue 'put-c' in vhost 'q-v': \"expected integer, got longstr\""),
    );
    expect((await m.api("PUT", Q("put-c"), { body: { arguments: { "x-foo": null } } })).json).toEqual(badRequest("null_not_allowed"));
    expect((await m.api("PUT", Q("put-c"), { body: "not json" })).json).toEqual(badRequest("not_json"));
    expect((await m.api("PUT", Q("put-c"), { body: "[1]" })).json).toEqual(badRequest("not_json"));
    expect((await m.api("PUT", Q("put-c"), { body: '"str"' })).json).toEqual(
      badRequest("invalid payload: the request body JSON-decoded to a string. Is the input doubly-JSON-encoded?"),
    );
    const crash = await m.api("PUT", Q("put-c"), { body: { arguments: "x" } });
    expect([crash.status, crash.text]).toEqual([500, ""]);
    expect((await m.api("GET", Q("put-c"))).status).toBe(404);
  });

  it("reserves amq.* (401), needs the vhost (404 vhost_not_found), and honours passive", async () => {
    expect(await m.api("PUT", Q("amq.mine"), { body: {} })).toMatchObject({ status: 401, json: { error: "not_authorised", reason: "Access refused." } });
    expect(await m.api("PUT", "/queues/no-such-vhost/x", { body: {} })).toMatchObject({ status: 404, json: { error: "not_found", reason: "vhost_not_found" } });
    expect(await m.api("PUT", Q("put-none"), { body: { passive: true } })).toMatchObject({ status: 404, json: { error: "not_found", reason: "no queue 'put-none' in vhost 'q-v'" } });
    expect((await m.api("PUT", Q("put-a"), { body: { passive: true } })).status).toBe(204);
  });

  it("refuses quorum and stream queues: warren has classic queues only", async () => {
    expect((await m.api("PUT", Q("put-qq"), { body: { durable: true, arguments: { "x-queue-type": "quorum" } } })).json).toEqual(
      badRequest("invalid arg 'x-queue-type' for queue 'put-qq' in vhost 'q-v': \"unsupported queue type 'quorum'\""),
    );
    expect((await m.api("PUT", Q("put-qq"))).status).toBe(201);
    expect((await m.api("GET", Q("put-qq", "?columns=type"))).json).toEqual({ type: "classic" });
  });

  it("declares exclusive=true without an owner and never durable, as the API's direct channel does", async () => {
    expect((await m.api("PUT", Q("put-x"), { body: { exclusive: true, durable: true } })).status).toBe(201);
    expect((await m.api("GET", Q("put-x", "?columns=durable,exclusive"))).json).toEqual({ durable: false, exclusive: false });
  });
});

describe("GET /api/queues", () => {
  it("lists live counts and RabbitMQ's classic-queue fields, sorted by name", async () => {
    const c = await m.connect();
    const ch = await m.channel(c);
    await ch.assertQueue("list-b", { durable: true, arguments: { "x-max-length": 10 } });
    await ch.assertQueue("list-a", { durable: false });
    ch.sendToQueue("list-b", Buffer.from("hello"), { deliveryMode: 2 });
    ch.sendToQueue("list-b", Buffer.from([0xff, 0x00, 0x01]));
    await eventually(async () => expect((await m.api("GET", Q("list-b", "?columns=messages"))).json).toEqual({ messages: 2 }));
    const list = (await m.api("GET", `/queues/${m.v}`)).json as Record<string, unknown>[];
    const names = list.map((q) => q.name);
    expect(names).toEqual([...names].sort());
    const b = list.find((q) => q.name === "list-b")!;
    expect(keysOf(b).filter((k) => k !== "idle_since")).toEqual(LIST_KEYS);
    expect(b).toMatchObject({
      arguments: { "x-max-length": 10 },
      durable: true,
      messages: 2,
      messages_ready: 2,
      messages_unacknowledged: 0,
      message_bytes: 8,
      message_bytes_ready: 8,
      consumers: 0,
      consumer_utilisation: 0,
      policy: null,
      operator_policy: null,
      exclusive_consumer_tag: null,
      single_active_consumer_tag: null,
      state: "running",
      type: "classic",
      vhost: "q-v",
      message_stats: { publish: 2 },
      backing_queue_status: { len: 2, mode: "default", q4: 2, delta: ["delta", "undefined", 0, 0, "undefined"] },
    });
    expect((b.message_stats as { publish_details: { rate: number } }).publish_details.rate).toBeGreaterThan(0);
    expect(keysOf(b.message_stats)).toEqual(["publish", "publish_details"]);
    // a queue nothing happened to has no message_stats at all
    expect(list.find((q) => q.name === "list-a")).not.toHaveProperty("message_stats");
    await c.close();
  });

  it("disable_stats gives the record, enable_queue_totals adds live counts", async () => {
    const rows = (await m.api("GET", `/queues/${m.v}?disable_stats=true`)).json as Record<string, unknown>[];
    expect(rows.find((q) => q.name === "list-b")).toEqual({
      arguments: { "x-max-length": 10 }, auto_delete: false, durable: true, exclusive: false, name: "list-b", node: expect.any(String), state: "live", type: "classic", vhost: "q-v",
    });
    const totals = (await m.api("GET", `/queues/${m.v}?disable_stats=true&enable_queue_totals=true`)).json as Record<string, unknown>[];
    const b = totals.find((q) => q.name === "list-b")!;
    expect(keysOf(b)).toEqual(["arguments", "auto_delete", "durable", "exclusive", "messages", "messages_ready", "messages_unacknowledged", "name", "node", "state", "type", "vhost"]);
    expect(b).toMatchObject({ messages: 2, messages_ready: 2, messages_unacknowledged: 0, state: "running" });
  });

  it("pages with RabbitMQ's envelope and refuses bad pages", async () => {
    const page = await m.api("GET", `/queues/${m.v}?page=1&page_size=2&columns=name`);
    expect(keysOf(page.json)).toEqual(["filtered_count", "item_count", "items", "page", "page_count", "page_size", "total_count"]);
    expect(page.json).toMatchObject({ item_count: 2, page: 1, page_size: 2 });
    expect((await m.api("GET", `/queues/${m.v}?page=99&page_size=2`)).json).toMatchObject({ error: "page_out_of_range" });
  });

  it("shows one queue with consumers, owner and unacked messages; 404 for a missing one", async () => {
    const c = await m.connect();
    const ch = await m.channel(c);
    const { queue } = await ch.assertQueue("", { exclusive: true });
    await ch.prefetch(5);
    ch.sendToQueue(queue, Buffer.from("m1"));
    await ch.consume(queue, () => {}, { consumerTag: "one-ctag", exclusive: true, arguments: { "x-priority": 3 } });
    const path = Q(queue);
    await eventually(async () => expect((await m.api("GET", `${path}?columns=messages_unacknowledged`)).json).toEqual({ messages_unacknowledged: 1 }));
    const q = (await m.api("GET", path)).json as Record<string, unknown>;
    expect(keysOf(q).slice(0, 2)).toEqual(["garbage_collection", "consumer_details"]);
    expect(sortedKeys(Object.fromEntries(Object.entries(q).slice(2)))).toBe(true);
    expect(q).toMatchObject({
      durable: false,
      exclusive: true,
      exclusive_consumer_tag: "one-ctag",
      consumers: 1,
      messages: 1,
      messages_unacknowledged: 1,
      message_bytes_unacknowledged: 2,
      incoming: [],
      deliveries: [],
      consumer_utilisation: 1,
      message_stats: { deliver: 1, deliver_get: 1, ack: 0, redeliver: 0, publish: 1 },
    });
    const owner = q.owner_pid_details as Record<string, unknown>;
    expect(owner.name).toMatch(/^127\.0\.0\.1:\d+ -> 127\.0\.0\.1:\d+$/);
    expect(keysOf(owner)).toEqual(["name", "peer_host", "peer_port"]);
    const [cd] = q.consumer_details as Record<string, unknown>[];
    expect(keysOf(cd)).toEqual(["arguments", "channel_details", "ack_required", "active", "activity_status", "consumer_tag", "exclusive", "prefetch_count", "queue"]);
    expect(cd).toMatchObject({ arguments: { "x-priority": 3 }, ack_required: true, consumer_tag: "one-ctag", prefetch_count: 5, queue: { name: queue, vhost: "q-v" } });
    expect((cd!.channel_details as Record<string, unknown>).name).toBe(`${owner.name} (1)`);
    expect((await m.api("GET", Q("no-such-queue"))).json).toEqual(NOT_FOUND);
    await c.close();
  });
});

describe("DELETE /api/queues/v/q", () => {
  it("deletes (204), refuses if-empty and if-unused with RabbitMQ's texts, 404 when missing", async () => {
    const c = await m.connect();
    const ch = await m.channel(c);
    await ch.assertQueue("del-a");
    ch.sendToQueue("del-a", Buffer.from("x"));
    await ch.consume("del-a", () => {}, { noAck: true, consumerTag: "t" });
    await ch.assertQueue("del-b");
    ch.sendToQueue("del-b", Buffer.from("x"));
    await eventually(async () => expect((await m.api("GET", Q("del-b", "?columns=messages"))).json).toEqual({ messages: 1 }));
    expect((await m.api("DELETE", Q("del-a", "?if-unused=true"))).json).toEqual(badRequest("queue 'del-a' in vhost 'q-v' in use"));
    expect((await m.api("DELETE", Q("del-b", "?if-empty=true"))).json).toEqual(badRequest("queue 'del-b' in vhost 'q-v' not empty"));
    expect((await m.api("DELETE", Q("del-b"))).status).toBe(204);
    expect((await m.api("DELETE", Q("del-b"))).json).toEqual(NOT_FOUND);
    await c.close();
  });

  it("will not touch another connection's exclusive queue", async () => {
    const c = await m.connect();
    const ch = await m.channel(c);
    const { queue } = await ch.assertQueue("", { exclusive: true });
    const locked = `cannot obtain exclusive access to locked queue '${queue}' in vhost 'q-v'. It could be originally declared on another connection or the exclusive property value does not match that of the original declaration.`;
    expect((await m.api("DELETE", Q(queue))).json).toEqual(badRequest(locked));
    expect((await m.api("DELETE", `${Q(queue)}/contents`)).json).toEqual(badRequest(locked));
    await c.close();
  });
});
