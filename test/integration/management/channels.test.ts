// /api/channels: a channel's settings, counts and message_stats as RabbitMQ 3.10.8 shows them.
import { describe, expect, it } from "vitest";
import { FRAME_BODY, FRAME_HEADER } from "../../../src/protocol/index.js";
import { RawClient } from "../broker/raw-client.js";
import { eventually, keysOf, NOT_FOUND, sortedKeys, useMessaging } from "./messaging-harness.js";

const m = useMessaging("ch-v");
type Row = Record<string, unknown>;

const LIST_KEYS = [
  "acks_uncommitted", "confirm", "connection_details", "consumer_count", "global_prefetch_count", "message_stats", "messages_unacknowledged",
  "messages_uncommitted", "messages_unconfirmed", "name", "node", "number", "pending_raft_commands", "prefetch_count", "state", "transactional",
  "user", "user_who_performed_action", "vhost",
];

const channelsOf = async (connection: string): Promise<Row[]> =>
  (await m.api("GET", `/connections/${encodeURIComponent(connection)}/channels`)).json as Row[];

describe("GET /api/channels", () => {
  it("shows prefetch, confirm mode, unacked counts and both message_stats groups", async () => {
    const c = await m.connect({ connectionName: "ch-a" });
    const pub = await c.createConfirmChannel();
    await pub.assertQueue("ch-q");
    pub.sendToQueue("ch-q", Buffer.from("1"));
    pub.sendToQueue("ch-q", Buffer.from("2"));
    await pub.waitForConfirms();
    const sub = await m.channel(c);
    await sub.prefetch(7);
    await sub.prefetch(3, true);
    await sub.consume("ch-q", () => {}, { consumerTag: "ch-ctag" });
    let conn = "";
    await eventually(async () => {
      const row = ((await m.api("GET", "/connections")).json as Row[]).find((x) => x.user_provided_name === "ch-a");
      conn = row!.name as string;
      const [, s] = await channelsOf(conn);
      expect(s).toMatchObject({ messages_unacknowledged: 2 });
    });
    const [p, s] = await channelsOf(conn);
    expect(keysOf(p)).toEqual(LIST_KEYS);
    expect(p).toMatchObject({ name: `${conn} (1)`, number: 1, confirm: true, transactional: false, consumer_count: 0, state: "running", vhost: "ch-v", user: "guest" });
    expect(p!.message_stats).toMatchObject({ publish: 2, confirm: 2, drop_unroutable: 0, return_unroutable: 0 });
    expect(keysOf(p!.message_stats)).toEqual([
      "confirm", "confirm_details", "drop_unroutable", "drop_unroutable_details", "publish", "publish_details", "return_unroutable", "return_unroutable_details",
    ]);
    expect(s).toMatchObject({ prefetch_count: 7, global_prefetch_count: 3, consumer_count: 1, messages_unacknowledged: 2, confirm: false });
    expect(s!.message_stats).toMatchObject({ deliver: 2, deliver_get: 2, ack: 0, get: 0, redeliver: 0 });
    expect(s!.connection_details).toEqual({ name: conn, peer_host: "127.0.0.1", peer_port: expect.any(Number) });
    const one = (await m.api("GET", `/channels/${encodeURIComponent(`${conn} (2)`)}`)).json as Row;
    expect(sortedKeys(one)).toBe(true);
    expect(one).toMatchObject({ deliveries: [], publishes: [], consumer_details: [expect.objectContaining({ consumer_tag: "ch-ctag", queue: { name: "ch-q", vhost: "ch-v" } })] });
    const vhostRows = (await m.api("GET", "/vhosts/ch-v/channels")).json as Row[];
    expect(vhostRows.map((r) => r.name)).toEqual([`${conn} (1)`, `${conn} (2)`]);
    const paged = await m.api("GET", "/channels?page=1&page_size=1&columns=name");
    expect(keysOf(paged.json)).toEqual(["total_count", "item_count", "filtered_count", "page", "page_size", "page_count", "items"]);
    expect((await m.api("GET", "/channels?disable_stats=true")).json).toEqual({ error: "bad_request", reason: "Stats in management UI are disabled on this node" });
    expect((await m.api("GET", "/channels/no-such")).json).toEqual(NOT_FOUND);
    expect((await m.api("GET", "/vhosts/no-such/channels")).json).toEqual(NOT_FOUND);
    await c.close();
  });

  it("counts a transaction's uncommitted publishes", async () => {
    const c = await RawClient.handshake(m.broker.amqpPort);
    c.send(1, "channel.open", { outOfBand: "" });
    await c.expectMethod("channel.open-ok");
    c.send(1, "tx.select", {});
    await c.expectMethod("tx.select-ok");
    for (let i = 0; i < 2; i++) {
      c.send(1, "basic.publish", { ticket: 0, exchange: "", routingKey: "nowhere", mandatory: false, immediate: false });
      const header = Buffer.alloc(14);
      header.writeUInt16BE(60, 0);
      header.writeUInt32BE(1, 8);
      c.sendFrame(FRAME_HEADER, 1, header);
      c.sendFrame(FRAME_BODY, 1, Buffer.from("x"));
    }
    await eventually(async () => {
      const rows = (await m.api("GET", "/channels")).json as Row[];
      expect(rows.find((r) => r.transactional === true)).toMatchObject({ messages_uncommitted: 2, acks_uncommitted: 0, vhost: "/" });
    });
    c.send(1, "tx.commit", {});
    await c.expectMethod("tx.commit-ok");
    await eventually(async () => {
      const rows = (await m.api("GET", "/channels")).json as Row[];
      expect(rows.find((r) => r.transactional === true)).toMatchObject({ messages_uncommitted: 0, message_stats: { publish: 2, drop_unroutable: 2 } });
    });
    c.destroy();
  });
});
