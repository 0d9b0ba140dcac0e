// /api/vhost-limits as RabbitMQ 3.10.8 serves it, and max-queues / max-connections enforced over AMQP with its texts.
import amqp from "amqplib";
import { describe, expect, it } from "vitest";
import { openReply as open } from "./amqp-open.js";
import { badRequest, NOT_FOUND, useManagement } from "./auth-harness.js";

const m = useManagement();
const put = (vhost: string, name: string, body: unknown, contentType?: string | null) =>
  m.api("PUT", `/vhost-limits/${vhost}/${name}`, { body, ...(contentType === undefined ? {} : { contentType }) });
const limitsOf = async (vhost: string) => (await m.api("GET", `/vhost-limits/${vhost}`)).json;
const failed = (text: string) => badRequest(`Validation failed\n\n${text}\n`);
const openReply = (vhost: string) => open(m.broker.amqpPort, vhost);
const url = (vhost: string) => `amqp://guest:guest@127.0.0.1:${m.broker.amqpPort}/${vhost}`;

describe("vhost limits over HTTP", () => {
  it("sets one limit at a time (always 204), newest first, and leaves [] once all are cleared", async () => {
    await m.api("PUT", "/vhosts/lim-a");
    expect(await limitsOf("lim-a")).toEqual([]);
    expect((await put("lim-a", "max-connections", { value: 5 })).status).toBe(204);
    expect((await put("lim-a", "max-queues", { value: 7 })).status).toBe(204);
    expect(JSON.stringify(await limitsOf("lim-a"))).toBe('[{"vhost":"lim-a","value":{"max-queues":7,"max-connections":5}}]');
    await put("lim-a", "max-connections", { value: -1 });
    expect(JSON.stringify(await limitsOf("lim-a"))).toBe('[{"vhost":"lim-a","value":{"max-connections":-1,"max-queues":7}}]');
    expect((await m.api("DELETE", "/vhost-limits/lim-a/max-connections")).status).toBe(204);
    expect((await m.api("DELETE", "/vhost-limits/lim-a/max-queues")).status).toBe(204);
    expect((await m.api("DELETE", "/vhost-limits/lim-a/bogus")).status).toBe(204);
    // one vhost's listing drops the emptied limits; the full listing and the parameter keep them as []
    expect(await limitsOf("lim-a")).toEqual([]);
    expect(((await m.api("GET", "/vhost-limits")).json as unknown[]).find((l) => (l as { vhost: string }).vhost === "lim-a")).toEqual({ vhost: "lim-a", value: [] });
    expect((await m.api("GET", "/parameters/vhost-limits/lim-a/limits")).json).toEqual({ value: [], vhost: "lim-a", component: "vhost-limits", name: "limits" });
  });

  it("refuses what RabbitMQ refuses, unescaped, and changes nothing", async () => {
    await m.api("PUT", "/vhosts/lim-b");
    await put("lim-b", "max-queues", { value: 3 });
    expect((await put("lim-b", "max-bogus", { value: 1 })).json).toEqual(failed('Unrecognised terms [{<<"max-bogus">>,1}] in limits'));
    expect((await put("lim-b", "max-queues", { value: "x" })).json).toEqual(failed('max-queues should be a number, actually was <<"x">>'));
    expect((await put("lim-b", "max-queues", { value: 1.5 })).json).toEqual(failed("max-queues should be a number, actually was 1.5"));
    expect((await put("lim-b", "max-queues", { value: null })).json).toEqual(failed("max-queues should be a number, actually was null"));
    expect((await put("lim-b", "max-queues", { value: [1] })).json).toEqual(failed("max-queues should be a number, actually was [1]"));
    expect((await put("lim-b", "max-queues", {})).json).toEqual(badRequest("[{key_missing,value}]"));
    expect(await put("lim-b", "max-queues", { value: 1 }, null)).toMatchObject({ status: 415, text: "" });
    expect((await put("lim-nosuch", "max-queues", { value: 1 })).json).toEqual({ error: "not_found", reason: "vhost_not_found" });
    expect(await m.api("DELETE", "/vhost-limits/lim-nosuch/max-queues")).toMatchObject({ status: 500, text: "" });
    expect((await m.api("GET", "/vhost-limits/lim-nosuch")).json).toEqual(NOT_FOUND);
    expect(await limitsOf("lim-b")).toEqual([{ vhost: "lim-b", value: { "max-queues": 3 } }]);
    // the whole parameter: replaced at once, and its validation text HTML-escaped on this endpoint
    expect((await m.api("PUT", "/parameters/vhost-limits/lim-b/limits", { body: { value: { "max-queues": "x", "max-connections": "y", zz: 1 } } })).json).toEqual(
      failed(
        "Unrecognised terms [{&lt;&lt;\"zz\"&gt;&gt;,1}] in limits\nmax-queues should be a number, actually was &lt;&lt;\"x\"&gt;&gt;\nmax-connections should be a number, actually was &lt;&lt;\"y\"&gt;&gt;",
      ),
    );
    expect((await m.api("PUT", "/parameters/vhost-limits/lim-b/limits", { body: { value: { "max-connections": 9 } } })).status).toBe(204);
    expect(await limitsOf("lim-b")).toEqual([{ vhost: "lim-b", value: { "max-connections": 9 } }]);
  });

  it("stores a vhost-limits parameter of another name, then fails as RabbitMQ's node does", async () => {
    await m.api("PUT", "/vhosts/lim-c");
    expect(await m.api("PUT", "/parameters/vhost-limits/lim-c/other", { body: { value: { "max-queues": 1 } } })).toMatchObject({ status: 500, text: "" });
    expect((await m.api("GET", "/parameters/vhost-limits/lim-c/other")).json).toMatchObject({ value: { "max-queues": 1 } });
    expect(await limitsOf("lim-c")).toEqual([]);
    expect(await m.api("DELETE", "/parameters/vhost-limits/lim-c/other")).toMatchObject({ status: 500 });
    expect((await m.api("GET", "/parameters/vhost-limits/lim-c/other")).json).toEqual(NOT_FOUND);
  });
});

describe("vhost limits on AMQP", () => {
  it("max-queues refuses new queues with 406 but lets existing ones be redeclared", async () => {
    await m.api("PUT", "/vhosts/lim-q");
    await put("lim-q", "max-queues", { value: 1 });
    const c = await amqp.connect(url("lim-q"));
    c.on("error", () => {});
    const ch = await c.createChannel();
    ch.on("error", () => {});
    await ch.assertQueue("q1");
    await ch.assertQueue("q1");
    await expect(ch.assertQueue("q2")).rejects.toThrow("406 (PRECONDITION-FAILED) with message \"PRECONDITION_FAILED - cannot declare queue 'q2': queue limit in vhost 'lim-q' (1) is reached\"");
    const ch2 = await c.createChannel();
    ch2.on("error", () => {});
    await put("lim-q", "max-queues", { value: 0 });
    await expect(ch2.assertQueue("q1")).resolves.toMatchObject({ queue: "q1" });
    await put("lim-q", "max-queues", { value: -1 });
    await expect(ch2.assertQueue("q2")).resolves.toMatchObject({ queue: "q2" });
    await c.close();
  });

  it("max-connections refuses connection.open over the limit with 530, before the permission check", async () => {
    await m.api("PUT", "/vhosts/lim-conn");
    await put("lim-conn", "max-connections", { value: 1 });
    const first = await amqp.connect(url("lim-conn"));
    expect(await openReply("lim-conn")).toMatchObject({
      name: "connection.close",
      args: { replyCode: 530, replyText: "NOT_ALLOWED - access to vhost 'lim-conn' refused for user 'guest': connection limit (1) is reached", classId: 10, methodId: 40 },
    });
    await first.close();
    await put("lim-conn", "max-connections", { value: 0 });
    await m.api("DELETE", "/permissions/lim-conn/guest");
    expect(await openReply("lim-conn")).toMatchObject({ args: { replyText: "NOT_ALLOWED - access to vhost 'lim-conn' refused for user 'guest': connection limit (0) is reached" } });
    await m.api("DELETE", "/vhost-limits/lim-conn/max-connections");
    expect(await openReply("lim-conn")).toMatchObject({ args: { replyText: "NOT_ALLOWED - access to vhost 'lim-conn' refused for user 'guest'" } });
  });
});
