// /api/policies and /api/operator-policies as RabbitMQ 3.10.8 serves them, and policies taking effect at once over AMQP.
import amqp, { type Channel, type ChannelModel } from "amqplib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { badRequest, NOT_FOUND, useManagement } from "./auth-harness.js";

const m = useManagement();
const V = "pol-v";
const putPolicy = (name: string, body: unknown, kind = "policies") => m.api("PUT", `/${kind}/${V}/${name}`, { body });
const failed = (text: string) => badRequest(`Validation failed\n\n${text}\n`);
const esc = (s: string) => s.replace(/</g, "&lt;").replace(/>/g, "&gt;");

let conn: ChannelModel;
let ch: Channel;
beforeAll(async () => {
  await m.api("PUT", `/vhosts/${V}`);
  conn = await amqp.connect(`amqp://guest:guest@127.0.0.1:${m.broker.amqpPort}/${V}`);
  ch = await conn.createChannel();
});
afterAll(() => conn.close());

describe("policies over HTTP", () => {
  it("creates (201) with defaults, replaces (204), reads one and lists by priority", async () => {
    expect((await putPolicy("p-a", { pattern: "^a", definition: { "max-length": 1 } })).status).toBe(201);
    expect((await m.api("GET", `/policies/${V}/p-a`)).json).toEqual({ vhost: V, name: "p-a", pattern: "^a", "apply-to": "all", definition: { "max-length": 1 }, priority: 0 });
    expect((await putPolicy("p-a", { pattern: "^a", definition: { "message-ttl": 5, "max-length": 2 }, priority: 5, "apply-to": "queues" })).status).toBe(204);
    expect(JSON.stringify((await m.api("GET", `/policies/${V}/p-a`)).json)).toBe(
      `{"vhost":"${V}","name":"p-a","pattern":"^a","apply-to":"queues","definition":{"max-length":2,"message-ttl":5},"priority":5}`,
    );
    await putPolicy("p-b", { pattern: "^b", definition: { "max-length": 1 }, priority: -3 });
    expect(((await m.api("GET", `/policies/${V}`)).json as { name: string }[]).map((p) => p.name)).toEqual(["p-b", "p-a"]);
    expect(((await m.api("GET", "/policies")).json as { name: string }[]).map((p) => p.name)).toEqual(["p-b", "p-a"]);
    expect((await m.api("DELETE", `/policies/${V}/p-b`)).status).toBe(204);
    expect((await m.api("DELETE", `/policies/${V}/p-b`)).json).toEqual(NOT_FOUND);
    expect((await m.api("GET", `/policies/${V}/p-b`)).json).toEqual(NOT_FOUND);
    await m.api("DELETE", `/policies/${V}/p-a`);
  });

  it("refuses invalid policies with RabbitMQ's (HTML-escaped) texts and changes nothing", async () => {
    await putPolicy("p-v", { pattern: "^v", definition: { "max-length": 1 } });
    const cases: [unknown, unknown][] = [
      [{ definition: { "max-length": 1 } }, badRequest("[{key_missing,pattern}]")],
      [{}, badRequest("[{key_missing,pattern},{key_missing,definition}]")],
      [{ pattern: "^v", definition: { "bogus-key": 1 } }, failed(esc('[{<<"bogus-key">>,1}] are not recognised policy settings'))],
      [{ pattern: "^v", definition: {} }, failed("no policy provided")],
      [{ pattern: "^v", definition: { "max-length": "x" } }, failed(esc('<<"x">> is not a valid maximum length'))],
      [{ pattern: "^v", definition: { "max-length": "x", "message-ttl": -1 } }, failed(esc('<<"x">> is not a valid maximum length'))],
      [{ pattern: "(", definition: { "max-length": 1 } }, failed('pattern should be regular expression but is invalid: {"missing )",1}')],
      [{ pattern: 5, definition: { "max-length": 1 } }, failed("pattern should be a binary but was 5")],
      [{ pattern: "^v", definition: { "max-length": 1 }, "apply-to": "streams" }, failed("apply-to 'streams' unrecognised; should be 'queues', 'exchanges' or 'all'")],
      [{ pattern: "^v", definition: { "max-length": 1 }, priority: "5" }, failed(esc('priority should be a number, actually was <<"5">>'))],
      [{ pattern: "^v", definition: { "ha-mode": "exactly" } }, failed('ha-mode="exactly" takes an integer, none given')],
      [{ pattern: "^v", definition: { "queue-master-locator": "bogus", "max-length": -1 } }, failed(esc('<<"bogus">> invalid queue-master-locator value'))],
      [
        { pattern: 5, definition: { bogus: 1 }, priority: "x", "apply-to": "nope" },
        failed(
          esc(
            '[{<<"bogus">>,1}] are not recognised policy settings\napply-to \'nope\' unrecognised; should be \'queues\', \'exchanges\' or \'all\'\npattern should be a binary but was 5\npriority should be a number, actually was <<"x">>',
          ),
        ),
      ],
      [
        { pattern: "^v", definition: { b: 1, a: { x: [1, 2] }, c: "hello", d: [104, 105], e: null, f: true, g: 1.5 } },
        failed(
          esc('[{<<"a">>,#{<<"x">> => [1,2]}},\n {<<"b">>,1},\n {<<"c">>,<<"hello">>},\n {<<"d">>,"hi"},\n {<<"e">>,null},\n {<<"f">>,true},\n {<<"g">>,1.5}] are not recognised policy settings'),
        ),
      ],
    ];
    for (const [body, reply] of cases) expect((await putPolicy("p-v", body)).json, JSON.stringify(body)).toEqual(reply);
    expect(await putPolicy("p-v", { pattern: "^v", definition: [] })).toMatchObject({ status: 500, text: "" });
    expect((await m.api("GET", `/policies/${V}/p-v`)).json).toMatchObject({ pattern: "^v", definition: { "max-length": 1 }, priority: 0 });
    expect((await m.api("PUT", "/policies/pol-nosuch/p", { body: { pattern: "x", definition: {} } })).json).toEqual({ error: "not_found", reason: "vhost_not_found" });
    expect((await m.api("GET", "/policies/pol-nosuch")).json).toEqual(NOT_FOUND);
    await m.api("DELETE", `/policies/${V}/p-v`);
  });

  it("lets only policymakers with access to the vhost touch one policy", async () => {
    await m.api("PUT", "/users/pol-m", { body: { password: "p", tags: "management" } });
    await m.api("PUT", `/permissions/${V}/pol-m`, { body: { configure: ".*", write: ".*", read: ".*" } });
    await m.api("PUT", "/users/pol-pm", { body: { password: "p", tags: "policymaker" } });
    await putPolicy("p-auth", { pattern: "^zz", definition: { "max-length": 1 } });
    expect((await m.api("GET", `/policies/${V}/p-auth`, { auth: "pol-m:p" })).json).toEqual({ error: "not_authorised", reason: "User not authorised to access object" });
    expect((await m.api("GET", `/policies/${V}`, { auth: "pol-pm:p" })).json).toEqual({ error: "not_authorised", reason: "User not authorised to access virtual host" });
    expect(((await m.api("GET", "/policies", { auth: "pol-m:p" })).json as unknown[]).length).toBeGreaterThan(0);
    expect((await m.api("GET", "/policies", { auth: "pol-pm:p" })).json).toEqual([]);
    await m.api("PUT", `/permissions/${V}/pol-pm`, { body: { configure: ".*", write: ".*", read: ".*" } });
    expect((await m.api("GET", `/policies/${V}/p-auth`, { auth: "pol-pm:p" })).status).toBe(200);
    await m.api("DELETE", `/policies/${V}/p-auth`);
  });
});

describe("operator policies over HTTP", () => {
  it("accept only the limit keys, with unescaped texts, and need an administrator for one", async () => {
    expect((await putPolicy("op-a", { pattern: "^op", definition: { "max-length": 5 } }, "operator-policies")).status).toBe(201);
    expect((await m.api("GET", `/operator-policies/${V}/op-a`)).json).toEqual({ vhost: V, name: "op-a", pattern: "^op", "apply-to": "all", definition: { "max-length": 5 }, priority: 0 });
    expect((await putPolicy("op-a", { pattern: "^op", definition: { "alternate-exchange": "x" } }, "operator-policies")).json).toEqual(
      failed('[{<<"alternate-exchange">>,<<"x">>}] are not recognised policy settings'),
    );
    expect((await putPolicy("op-a", { pattern: "^op", definition: { "max-length": -1 } }, "operator-policies")).json).toEqual(failed("-1 is not a valid maximum length"));
    await m.api("PUT", "/users/op-m", { body: { password: "p", tags: "policymaker" } });
    expect((await m.api("GET", `/operator-policies/${V}/op-a`, { auth: "op-m:p" })).json).toEqual({ error: "not_authorised", reason: "Not administrator user" });
    // stored as a runtime parameter, which the parameters listing shows (policies it does not)
    const params = (await m.api("GET", "/parameters")).json as { component: string; name: string; value: unknown }[];
    expect(params.find((p) => p.name === "op-a")).toEqual({ value: { pattern: "^op", definition: { "max-length": 5 }, priority: 0, "apply-to": "all" }, vhost: V, component: "operator_policy", name: "op-a" });
    expect((await m.api("DELETE", `/operator-policies/${V}/op-a`)).status).toBe(204);
  });
});

const depth = async (q: string): Promise<number> => (await ch.checkQueue(q)).messageCount;
const fill = async (q: string, n: number): Promise<void> => {
  for (let i = 0; i < n; i++) ch.sendToQueue(q, Buffer.from(String(i)));
  await ch.checkQueue(q);
};

describe("policies take effect at once", () => {
  it("an alternate-exchange policy reroutes an existing exchange's unroutable messages, until it is removed", async () => {
    await ch.assertExchange("ae-src", "direct", { durable: false });
    await ch.assertExchange("ae-dst", "fanout", { durable: false });
    await ch.assertQueue("ae-caught");
    await ch.bindQueue("ae-caught", "ae-dst", "");
    ch.publish("ae-src", "nowhere", Buffer.from("before"));
    expect(await depth("ae-caught")).toBe(0);
    expect((await putPolicy("p-ae", { pattern: "^ae-src$", definition: { "alternate-exchange": "ae-dst" }, "apply-to": "exchanges" })).status).toBe(201);
    ch.publish("ae-src", "nowhere", Buffer.from("during"));
    expect(await depth("ae-caught")).toBe(1);
    // the default exchange never uses an alternate exchange, even when a policy names one
    await putPolicy("p-ae-all", { pattern: "^$", definition: { "alternate-exchange": "ae-dst" }, "apply-to": "exchanges" });
    ch.publish("", "no-such-queue", Buffer.from("x"));
    expect(await depth("ae-caught")).toBe(1);
    await m.api("DELETE", `/policies/${V}/p-ae`);
    ch.publish("ae-src", "nowhere", Buffer.from("after"));
    expect(await depth("ae-caught")).toBe(1);
    await m.api("DELETE", `/policies/${V}/p-ae-all`);
  });

  it("a max-length policy trims existing queues and limits new ones; the higher priority wins; an operator policy's smaller limit wins", async () => {
    await ch.assertQueue("ml-old");
    await fill("ml-old", 5);
    await putPolicy("p-ml", { pattern: "^ml-", definition: { "max-length": 2 }, "apply-to": "queues" });
    expect(await depth("ml-old")).toBe(2);
    await ch.assertQueue("ml-new");
    await fill("ml-new", 5);
    expect(await depth("ml-new")).toBe(2);
    await putPolicy("p-ml-hi", { pattern: "^ml-new$", definition: { "max-length": 3 }, priority: 10 });
    await fill("ml-new", 5);
    expect(await depth("ml-new")).toBe(3);
    await putPolicy("op-ml", { pattern: "^ml-new$", definition: { "max-length": 1 } }, "operator-policies");
    expect(await depth("ml-new")).toBe(1);
    // the queues API shows them at once (no stats lag)
    expect((await m.api("GET", `/queues/${V}/ml-new`)).json).toMatchObject({ policy: "p-ml-hi", operator_policy: "op-ml", effective_policy_definition: { "max-length": 1 } });
    expect((await m.api("GET", `/queues/${V}/ml-old`)).json).toMatchObject({ policy: "p-ml", operator_policy: null });
    // a policy for exchanges does not apply to queues
    await putPolicy("p-ml-hi", { pattern: "^ml-new$", definition: { "max-length": 3 }, priority: 10, "apply-to": "exchanges" });
    await m.api("DELETE", `/operator-policies/${V}/op-ml`);
    await fill("ml-new", 5);
    expect(await depth("ml-new")).toBe(2);
    await m.api("DELETE", `/policies/${V}/p-ml`);
    await m.api("DELETE", `/policies/${V}/p-ml-hi`);
    await fill("ml-new", 5);
    expect(await depth("ml-new")).toBe(7);
    expect((await m.api("GET", `/queues/${V}/ml-new`)).json).toMatchObject({ policy: null, operator_policy: null });
  });
});
