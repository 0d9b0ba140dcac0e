// /api/user-limits and their enforcement on AMQP (max-connections, max-channels), as RabbitMQ 3.10.8 words them.
import amqp from "amqplib";
import { describe, expect, it } from "vitest";
import { badRequest, NOT_FOUND, useManagement } from "./auth-harness.js";

const m = useManagement();
const put = (user: string, name: string, body: unknown, contentType?: string) => m.api("PUT", `/user-limits/${user}/${name}`, { body, ...(contentType === undefined ? {} : { contentType }) });

async function newUser(name: string): Promise<void> {
  await m.api("PUT", `/users/${name}`, { body: { password: "p", tags: "management" } });
  await m.api("PUT", `/permissions/%2F/${name}`, { body: { configure: ".*", write: ".*", read: ".*" } });
}

describe("user limits over HTTP", () => {
  it("sets (always 204), lists with sorted keys, shows them on the user, and clears", async () => {
    await newUser("l-a");
    expect((await m.api("GET", "/user-limits/l-a")).json).toEqual([]);
    expect((await put("l-a", "max-connections", { value: 5 })).status).toBe(204);
    expect((await put("l-a", "max-channels", { value: 10 })).status).toBe(204);
    expect((await put("l-a", "max-connections", { value: -5, extra: 1 })).status).toBe(204);
    const expected = [{ user: "l-a", value: { "max-channels": 10, "max-connections": -5 } }];
    expect((await m.api("GET", "/user-limits")).json).toEqual(expected);
    expect((await m.api("GET", "/user-limits/l-a")).json).toEqual(expected);
    expect(JSON.stringify((await m.api("GET", "/users/l-a")).json)).toContain('"limits":{"max-channels":10,"max-connections":-5}');
    // management users read them; changing them needs administrator
    expect((await m.api("GET", "/user-limits", { auth: "l-a:p" })).json).toEqual(expected);
    expect((await m.api("PUT", "/user-limits/l-a/max-channels", { auth: "l-a:p", body: { value: 1 } })).json).toEqual({ error: "not_authorised", reason: "Not administrator user" });
    expect((await m.api("DELETE", "/user-limits/l-a/max-connections")).status).toBe(204);
    expect((await m.api("DELETE", "/user-limits/l-a/max-connections")).status).toBe(204);
    expect((await m.api("DELETE", "/user-limits/l-a/bogus")).status).toBe(204);
    expect((await m.api("GET", "/user-limits/l-a")).json).toEqual([{ user: "l-a", value: { "max-channels": 10 } }]);
  });

  it("refuses what RabbitMQ refuses, in its words, and changes nothing", async () => {
    await newUser("l-b");
    await put("l-b", "max-channels", { value: 3 });
    expect(await put("l-b", "max-channels", { value: 1 }, "text/plain")).toMatchObject({ status: 415, text: "" });
    expect((await put("l-b", "max-channels", {})).json).toEqual(badRequest("[{key_missing,value}]"));
    expect((await put("l-b", "max-queues", { value: 10 })).json).toEqual(badRequest('Unrecognised terms [{<<"max-queues">>,10}] in user-limits'));
    expect((await put("l-b", "max-channels", { value: "x" })).json).toEqual(badRequest('max-channels should be a number, actually was <<"x">>'));
    expect((await put("l-b", "max-channels", { value: 1.5 })).json).toEqual(badRequest("max-channels should be a number, actually was 1.5"));
    expect((await put("l-b", "max-channels", '{"value":2.0}')).json).toEqual(badRequest("max-channels should be a number, actually was 2.0"));
    expect((await put("l-b", "max-channels", '{"value":1e3}')).json).toEqual(badRequest("max-channels should be a number, actually was 1.0e3"));
    expect((await put("l-b", "max-channels", { value: { a: 1 } })).json).toEqual(badRequest('max-channels should be a number, actually was #{<<"a">> => 1}'));
    expect((await put("l-b", "max-channels", { value: null })).json).toEqual(badRequest("max-channels should be a number, actually was null"));
    expect((await put("l-nosuch", "max-channels", { value: 1 })).json).toEqual(badRequest(["no_such_user", "l-nosuch"]));
    expect((await m.api("GET", "/user-limits/l-b")).json).toEqual([{ user: "l-b", value: { "max-channels": 3 } }]);
    expect((await m.api("GET", "/user-limits/l-nosuch")).json).toEqual(NOT_FOUND);
  });
});

describe("user limits on AMQP", () => {
  const url = (u: string) => `amqp://${u}:p@127.0.0.1:${m.broker.amqpPort}`;

  it("max-connections refuses the connection over the limit with 530", async () => {
    await newUser("l-c");
    await put("l-c", "max-connections", { value: 1 });
    const first = await amqp.connect(url("l-c"));
    await expect(amqp.connect(url("l-c"))).rejects.toThrow();
    await first.close();
    // the refusal text needs a client that shows it; RawClient-level checks live in access-control.test.ts
    await put("l-c", "max-connections", { value: 0 });
    await expect(amqp.connect(url("l-c"))).rejects.toThrow();
    await put("l-c", "max-connections", { value: -1 });
    await (await amqp.connect(url("l-c"))).close();
  });

  it("max-channels counts the user's channels over all connections and closes the connection with 530", async () => {
    await newUser("l-d");
    await put("l-d", "max-channels", { value: 2 });
    const a = await amqp.connect(url("l-d"));
    const b = await amqp.connect(url("l-d"));
    await a.createChannel();
    await b.createChannel();
    const closed = new Promise<string>((resolve) => a.on("close", (e: unknown) => resolve(String(e))));
    a.on("error", () => {});
    await expect(a.createChannel()).rejects.toThrow();
    expect(await closed).toContain("NOT_ALLOWED - number of channels opened for user 'l-d' has reached the maximum allowed user limit of (2)");
    await b.close();
  });
});
