// /api/consumers: every consumer with its channel, as RabbitMQ 3.10.8 shows them.
import { describe, expect, it } from "vitest";
import { eventually, keysOf, NOT_FOUND, useMessaging } from "./messaging-harness.js";

const m = useMessaging("co-v");

describe("GET /api/consumers", () => {
  it("lists consumers with arguments, prefetch and channel details, per vhost or all", async () => {
    const c = await m.connect();
    const ch = await m.channel(c);
    await ch.prefetch(5);
    await ch.assertQueue("co-q");
    const { queue } = await ch.assertQueue("", { exclusive: true });
    await ch.consume("co-q", () => {}, { consumerTag: "co-ctag", arguments: { "x-priority": 3 } });
    await ch.consume(queue, () => {}, { noAck: true, exclusive: true, consumerTag: "co-excl" });
    let list: Record<string, unknown>[] = [];
    await eventually(async () => {
      list = (await m.api("GET", "/consumers/co-v")).json as Record<string, unknown>[];
      expect(list).toHaveLength(2);
    });
    // RabbitMQ's order: consumers without arguments first
    expect(list.map((x) => x.consumer_tag)).toEqual(["co-excl", "co-ctag"]);
    const [excl, plain] = list;
    expect(keysOf(plain)).toEqual(["arguments", "ack_required", "active", "activity_status", "channel_details", "consumer_tag", "exclusive", "prefetch_count", "queue"]);
    expect(plain).toMatchObject({ arguments: { "x-priority": 3 }, ack_required: true, active: true, activity_status: "up", exclusive: false, prefetch_count: 5, queue: { name: "co-q", vhost: "co-v" } });
    expect(excl).toMatchObject({ arguments: {}, ack_required: false, exclusive: true });
    const cd = plain!.channel_details as Record<string, unknown>;
    expect(keysOf(cd)).toEqual(["connection_name", "name", "node", "number", "peer_host", "peer_port", "user"]);
    expect(cd).toMatchObject({ name: `${cd.connection_name} (1)`, number: 1, peer_host: "127.0.0.1", user: "guest" });
    expect((await m.api("GET", "/consumers")).json).toEqual(expect.arrayContaining(list));
    expect((await m.api("GET", "/consumers/no-such")).json).toEqual(NOT_FOUND);
    // a user without the monitoring tag sees only their own consumers
    await m.api("PUT", "/users/co-u", { body: { password: "pw", tags: "management" } });
    expect((await m.api("GET", "/consumers", { auth: "co-u:pw" })).json).toEqual([]);
    await ch.cancel("co-ctag");
    await eventually(async () => expect((await m.api("GET", "/consumers/co-v")).json).toHaveLength(1));
    await c.close();
  });
});
