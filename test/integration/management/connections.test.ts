// /api/connections: listing, showing and closing client connections, as RabbitMQ 3.10.8 shows them.
import type { ChannelModel } from "amqplib";
import { describe, expect, it } from "vitest";
import { eventually, keysOf, NOT_FOUND, sortedKeys, useMessaging } from "./messaging-harness.js";

const m = useMessaging("c-v");

const LIST_KEYS = [
  "auth_mechanism", "channel_max", "channels", "client_properties", "connected_at", "frame_max", "host", "name", "node", "peer_cert_issuer",
  "peer_cert_subject", "peer_cert_validity", "peer_host", "peer_port", "port", "protocol", "recv_cnt", "recv_oct", "recv_oct_details", "send_cnt",
  "send_oct", "send_oct_details", "send_pend", "ssl", "ssl_cipher", "ssl_hash", "ssl_key_exchange", "ssl_protocol", "state", "timeout", "type",
  "user", "user_provided_name", "user_who_performed_action", "vhost",
];

type Row = Record<string, unknown>;
const byProvidedName = async (name: string): Promise<Row> => {
  let found: Row | undefined;
  await eventually(async () => {
    found = ((await m.api("GET", "/connections")).json as Row[]).find((c) => c.user_provided_name === name);
    expect(found).toBeDefined();
  });
  return found!;
};
const closedWith = (c: ChannelModel): Promise<string> => new Promise((resolve) => c.on("close", (e: Error | undefined) => resolve(String(e?.message))));

describe("GET /api/connections", () => {
  it("lists a connection with RabbitMQ's fields, its name, client properties as JSON and traffic counters", async () => {
    const started = Date.now();
    const c = await m.connect({ connectionName: "c-list" });
    await m.channel(c);
    const row = await byProvidedName("c-list");
    expect(keysOf(row)).toEqual(LIST_KEYS);
    const peerPort = row.peer_port as number;
    expect(row).toMatchObject({
      name: `127.0.0.1:${peerPort} -> 127.0.0.1:${m.broker.amqpPort}`,
      auth_mechanism: "PLAIN",
      channel_max: 2047,
      frame_max: 131072,
      timeout: 60,
      channels: 1,
      protocol: "AMQP 0-9-1",
      type: "network",
      state: "running",
      ssl: false,
      ssl_protocol: null,
      peer_host: "127.0.0.1",
      host: "127.0.0.1",
      port: m.broker.amqpPort,
      user: "guest",
      vhost: "c-v",
      user_who_performed_action: "guest",
    });
    expect(row.client_properties).toMatchObject({ product: "amqplib", connection_name: "c-list", capabilities: { publisher_confirms: true } });
    expect(sortedKeys(row.client_properties)).toBe(true);
    expect(row.connected_at as number).toBeGreaterThanOrEqual(started - 1000);
    expect(row.recv_oct as number).toBeGreaterThan(0);
    expect(row.send_oct as number).toBeGreaterThan(0);
    expect(row.recv_cnt as number).toBeGreaterThan(0);
    expect((row.recv_oct_details as { rate: number }).rate).toBeGreaterThan(0);
    const vhostList = (await m.api("GET", "/vhosts/c-v/connections")).json as Row[];
    expect(vhostList.map((x) => x.name)).toContain(row.name);
    expect((await m.api("GET", "/vhosts/no-such/connections")).json).toEqual(NOT_FOUND);
    const paged = await m.api("GET", "/connections?page=1&columns=name");
    expect(keysOf(paged.json)).toEqual(["total_count", "item_count", "filtered_count", "page", "page_size", "page_count", "items"]);
    const tracked = (await m.api("GET", "/connections?disable_stats=true")).json as Row[];
    expect(tracked.find((x) => x.name === row.name)).toEqual({ name: row.name, vhost: "c-v", user: "guest", node: row.node });
    await c.close();
  });

  it("shows one connection in RabbitMQ's key order, TLS fields blank; 404 once gone", async () => {
    const c = await m.connect({ connectionName: "c-one" });
    const row = await byProvidedName("c-one");
    const path = `/connections/${encodeURIComponent(row.name as string)}`;
    const one = (await m.api("GET", path)).json as Row;
    expect(keysOf(one).slice(0, 6)).toEqual(["recv_oct", "client_properties", "channel_max", "peer_host", "user_provided_name", "auth_mechanism"]);
    expect(one).toMatchObject({ name: row.name, ssl_protocol: "", peer_cert_issuer: "", ssl: false });
    expect((await m.api("GET", `${path}?disable_stats=true`)).json).toEqual({ name: row.name });
    await c.close();
    await eventually(async () => expect((await m.api("GET", path)).json).toEqual(NOT_FOUND));
  });
});

describe("DELETE /api/connections", () => {
  it("closes a connection with 320 CONNECTION_FORCED and the X-Reason text", async () => {
    const c = await m.connect({ connectionName: "c-close" });
    const closed = closedWith(c);
    const row = await byProvidedName("c-close");
    const path = `/connections/${encodeURIComponent(row.name as string)}`;
    const r = await fetch(`http://127.0.0.1:${m.broker.httpPort}/api${path}`, {
      method: "DELETE",
      headers: { authorization: `Basic ${Buffer.from("guest:guest").toString("base64")}`, "x-reason": "maintenance now" },
    });
    expect(r.status).toBe(204);
    expect(await closed).toContain("CONNECTION_FORCED - maintenance now");
    await eventually(async () => expect((await m.api("DELETE", path)).json).toEqual(NOT_FOUND));
  });

  it("lists and closes a user's connections (204 also for an unknown user)", async () => {
    await m.api("PUT", "/users/c-user", { body: { password: "pw", tags: "management" } });
    await m.api("PUT", "/permissions/c-v/c-user", { body: { configure: ".*", write: ".*", read: ".*" } });
    const c = await m.connect({ user: "c-user:pw", connectionName: "c-by-user" });
    const closed = closedWith(c);
    const row = await byProvidedName("c-by-user");
    expect((await m.api("GET", "/connections/username/c-user")).json).toEqual([{ name: row.name, vhost: "c-v", user: "c-user", node: row.node }]);
    // a user without the monitoring tag sees only their own connections
    const mine = (await m.api("GET", "/connections", { auth: "c-user:pw" })).json as Row[];
    expect(mine.map((x) => x.user)).toEqual(["c-user"]);
    expect((await m.api("GET", `/connections/${encodeURIComponent(row.name as string)}`, { auth: "c-user:pw" })).status).toBe(200);
    expect((await m.api("DELETE", "/connections/username/no-such-user")).status).toBe(204);
    expect((await m.api("DELETE", "/connections/username/c-user")).status).toBe(204);
    expect(await closed).toContain("CONNECTION_FORCED - Closed via management plugin");
  });

  it("answers another user's connection with 401", async () => {
    await m.api("PUT", "/users/c-other", { body: { password: "pw", tags: "management" } });
    const c = await m.connect({ connectionName: "c-guest" });
    const row = await byProvidedName("c-guest");
    expect(await m.api("GET", `/connections/${encodeURIComponent(row.name as string)}`, { auth: "c-other:pw" })).toMatchObject({
      status: 401,
      json: { error: "not_authorised", reason: "User not authorised to access object" },
    });
    await c.close();
  });
});
