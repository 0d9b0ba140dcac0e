// JSON numbers as RabbitMQ 3.10.8's management API keeps them: 1.0 and 1e3 are floats (validated as floats, stored
// and written back as 1.0 and 1.0e3), integer literals are exact at any size. Expected texts were observed on a node.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import amqp from "amqplib";
import { afterAll, describe, expect, it } from "vitest";
import { type RunningBroker, startBroker } from "../../../src/broker/server.js";
import { badRequest, useManagement } from "./auth-harness.js";

const m = useManagement();
/** A PUT/POST of JSON text exactly as written (a JS object would lose 1.0 on the way). */
const send = (method: string, path: string, text: string) => m.api(method, path, { body: text });
const textOf = async (path: string) => (await m.api("GET", path)).text;
const failed = (text: string) => badRequest(`Validation failed\n\n${text}\n`);

describe("stored values keep their numbers", () => {
  it("a global parameter comes back as written: floats in Erlang's form, integers exact", async () => {
    const value = '{"c":1.0,"d":1e3,"f":12345678901234567890,"g":0.1,"h":1.5e-7,"i":-0.0,"n":-12345678901234567890123,"o":100.0,"r":0.000123}';
    expect((await send("PUT", "/global-parameters/jn-g", `{"value":${value}}`)).status).toBe(201);
    const stored = '{"c":1.0,"d":1.0e3,"f":12345678901234567890,"g":0.1,"h":1.5e-7,"i":-0.0,"n":-12345678901234567890123,"o":100.0,"r":1.23e-4}';
    expect(await textOf("/global-parameters/jn-g")).toBe(`{"value":${stored},"name":"jn-g"}`);
    expect(await textOf("/global-parameters")).toContain(`{"name":"jn-g","value":${stored}}`);
    expect(await textOf("/definitions")).toContain(`{"name":"jn-g","value":${stored}}`);
  });

  it("a vhost description may be any value, floats included", async () => {
    expect((await send("PUT", "/vhosts/jn-desc", '{"description":2.50}')).status).toBe(201);
    expect(await textOf("/vhosts/jn-desc")).toContain('"description":2.5,');
  });

  it("a bare number is no body", async () => {
    for (const body of ["1.5", "12345678901234567890", "5"]) {
      expect((await send("PUT", "/vhosts/jn-bare", body)).json).toEqual(badRequest("not_json"));
      expect((await send("PUT", "/queues/%2F/jn-bare", body)).json).toEqual(badRequest("not_json"));
    }
    expect((await send("PUT", "/global-parameters/jn-inf", '{"value":1e400}')).json).toEqual(badRequest("not_json"));
  });
});

describe("policies", () => {
  const put = (name: string, fields: string) => send("PUT", `/policies/%2F/${name}`, `{"pattern":"^jn-none",${fields}}`);

  it("refuses floats where RabbitMQ wants integers, with its texts", async () => {
    expect((await put("jn-p", '"definition":{"max-length":5.0}')).json).toEqual(failed("5.0 is not a valid maximum length"));
    expect((await put("jn-p", '"definition":{"message-ttl":1e3}')).json).toEqual(failed("1.0e3 is not a valid message TTL"));
    expect((await put("jn-p", '"definition":{"message-ttl":-0.0}')).json).toEqual(failed("-0.0 is not a valid message TTL"));
    expect((await put("jn-p", '"definition":{"queue-version":1.0}')).json).toEqual(failed("1.0 is not a valid queue-version value"));
    expect((await put("jn-p", '"definition":{"ha-mode":"exactly","ha-params":2.0}')).json).toEqual(failed('ha-mode="exactly" takes an integer, 2.0 given'));
    expect((await put("jn-p", '"definition":{"x-foo":1.0}')).json).toEqual(failed("[{&lt;&lt;\"x-foo\"&gt;&gt;,1.0}] are not recognised policy settings"));
    expect((await put("jn-p", '"definition":{"stream-max-segment-size-bytes":12345678901234567890}')).json).toEqual(failed("12345678901234567890 is not a valid segment size"));
    expect((await send("PUT", "/operator-policies/%2F/jn-p", '{"pattern":"x","definition":{"max-length":5.0}}')).json).toEqual(failed("5.0 is not a valid maximum length"));
    expect((await m.api("GET", "/policies/%2F/jn-p")).status).toBe(404);
  });

  it("keeps a float priority and a huge integer as given, and still applies the policy", async () => {
    expect((await put("jn-big", '"definition":{"max-length":12345678901234567890},"priority":1.0')).status).toBe(201);
    expect(await textOf("/policies/%2F/jn-big")).toBe('{"vhost":"/","name":"jn-big","pattern":"^jn-none","apply-to":"all","definition":{"max-length":12345678901234567890},"priority":1.0}');
    expect((await put("jn-big", '"definition":{"max-length":12345678901234567890},"priority":1.5')).status).toBe(204);
    expect(await textOf("/policies/%2F/jn-big")).toContain('"priority":1.5}');
    // a queue the policy matches works as one without a limit
    await send("PUT", "/policies/%2F/jn-big", '{"pattern":"^jn-q-big$","definition":{"max-length":12345678901234567890},"priority":1e3}');
    expect((await send("PUT", "/queues/%2F/jn-q-big", "{}")).status).toBe(201);
    const published = await send("POST", "/exchanges/%2F/amq.default/publish", '{"routing_key":"jn-q-big","payload":"x","payload_encoding":"string","properties":{}}');
    expect(published.json).toEqual({ routed: true });
    expect(await textOf("/queues/%2F/jn-q-big")).toContain('"policy":"jn-big"');
  });
});

describe("limits", () => {
  it("vhost limits refuse floats as RabbitMQ words it, and keep integers exact", async () => {
    await m.api("PUT", "/vhosts/jn-lim");
    expect((await send("PUT", "/vhost-limits/jn-lim/max-queues", '{"value":2.0}')).json).toEqual(failed("max-queues should be a number, actually was 2.0"));
    expect((await send("PUT", "/vhost-limits/jn-lim/max-connections", '{"value":1e3}')).json).toEqual(failed("max-connections should be a number, actually was 1.0e3"));
    expect((await send("PUT", "/vhost-limits/jn-lim/max-queues", '{"value":12345678901234567890}')).status).toBe(204);
    expect(await textOf("/vhost-limits/jn-lim")).toBe('[{"vhost":"jn-lim","value":{"max-queues":12345678901234567890}}]');
    expect((await send("PUT", "/queues/jn-lim/jn-q", "{}")).status).toBe(201);
  });

  it("user limits refuse floats and keep integers exact", async () => {
    const put = (value: string) => send("PUT", "/user-limits/guest/max-channels", `{"value":${value}}`);
    expect((await put("2.0")).json).toEqual(badRequest("max-channels should be a number, actually was 2.0"));
    expect((await put("1.5")).json).toEqual(badRequest("max-channels should be a number, actually was 1.5"));
    expect((await put("12345678901234567890")).status).toBe(204);
    expect(await textOf("/user-limits/guest")).toBe('[{"user":"guest","value":{"max-channels":12345678901234567890}}]');
    expect(await textOf("/users/guest")).toContain('"limits":{"max-channels":12345678901234567890}');
    // so large a limit limits nothing
    const c = await amqp.connect(`amqp://guest:guest@127.0.0.1:${m.broker.amqpPort}`);
    await (await c.createChannel()).close();
    await c.close();
    expect((await m.api("DELETE", "/user-limits/guest/max-channels")).status).toBe(204);
  });
});

describe("AMQP values", () => {
  it("queue arguments: a float is a double, an integer a long, written back as given", async () => {
    const args = '{"x-a":1.0,"x-b":1e3,"x-c":12345678901234567890,"x-d":1.5,"x-e":9223372036854775807,"x-f":[1.0,2],"x-g":{"k":2.0},"x-h":-0.0}';
    expect((await send("PUT", "/queues/%2F/jn-args", `{"durable":false,"arguments":${args}}`)).status).toBe(201);
    const shown = '{"x-a":1.0,"x-b":1.0e3,"x-c":12345678901234567890,"x-d":1.5,"x-e":9223372036854775807,"x-f":[1.0,2],"x-g":{"k":2.0},"x-h":-0.0}';
    expect(await textOf("/queues/%2F/jn-args")).toContain(`"arguments":${shown}`);
    expect(await textOf("/definitions")).toContain(`"name":"jn-args","vhost":"/","durable":false,"auto_delete":false,"arguments":${shown}}`);
  });

  it("a float where a queue wants an integer is RabbitMQ's invalid arg", async () => {
    const r = await send("PUT", "/queues/%2F/jn-bad", '{"arguments":{"x-max-length":5.0}}');
    expect(r.json).toEqual(badRequest("invalid arg 'x-max-length' for queue 'jn-bad' in vhost '/': \"expected integer, got double\""));
  });

  it("binding arguments hash as the node hashes them (doubles differ from longs)", async () => {
    await send("PUT", "/exchanges/%2F/jn-x", '{"type":"direct"}');
    await send("POST", "/bindings/%2F/e/jn-x/q/jn-args", '{"routing_key":"k","arguments":{"a":1.0,"b":3}}');
    expect(await textOf("/bindings/%2F/e/jn-x/q/jn-args")).toBe(
      '[{"source":"jn-x","vhost":"/","destination":"jn-args","destination_type":"queue","routing_key":"k","arguments":{"a":1.0,"b":3},"properties_key":"k~nJsuaw"}]',
    );
  });

  it("published headers keep their types; integer properties refuse floats", async () => {
    const publish = (props: string) => send("POST", "/exchanges/%2F/amq.default/publish", `{"routing_key":"jn-args","payload":"x","payload_encoding":"string","properties":${props}}`);
    expect((await publish('{"headers":{"a":1.0,"b":1e3,"c":9223372036854775807,"d":0.1}}')).json).toEqual({ routed: true });
    expect((await publish('{"timestamp":12345678901234567890}')).json).toEqual({ routed: true });
    for (const p of ["priority", "delivery_mode", "timestamp"]) expect((await publish(`{"${p}":1.0}`)).json).toEqual(badRequest(["not_int", p]));
    expect((await publish('{"expiration":1.0}')).json).toEqual(badRequest(["not_string", "expiration"]));
    // a float count is truncated, as parse_int does
    const got = await send("POST", "/queues/%2F/jn-args/get", '{"count":1.9,"ackmode":"ack_requeue_false","encoding":"auto"}');
    expect(got.text).toContain('"properties":{"headers":{"a":1.0,"b":1.0e3,"c":9223372036854775807,"d":0.1}}');
    expect((got.json as unknown[]).length).toBe(1);
    expect((await send("POST", "/queues/%2F/jn-args/get", '{"count":1,"ackmode":"ack_requeue_false","encoding":"auto"}')).text).toContain('"properties":{"timestamp":12345678901234567890}');
  });
});

describe("definitions", () => {
  it("an import validates floats as the API does and stores numbers as given", async () => {
    const policy = '{"vhost":"/","name":"jn-dp","pattern":"^jn-none","definition":{"max-length":5.0}}';
    expect((await send("POST", "/definitions", `{"policies":[${policy}]}`)).json).toEqual(badRequest("Validation failed\n\n5.0 is not a valid maximum length\n (//jn-dp)"));
    const limits = '{"vhost":"/","component":"vhost-limits","name":"limits","value":{"max-queues":2.0}}';
    expect((await send("POST", "/definitions", `{"parameters":[${limits}]}`)).json).toEqual(
      badRequest("Validation failed\n\nmax-queues should be a number, actually was 2.0\n (//vhost-limits/limits)"),
    );
    const file = '{"global_parameters":[{"name":"jn-dg","value":{"a":1.0,"b":12345678901234567890}}],"policies":[{"vhost":"/","name":"jn-dp","pattern":"^jn-none","definition":{"max-length":12345678901234567890},"priority":1.5}]}';
    expect((await send("POST", "/definitions", file)).status).toBe(204);
    expect(await textOf("/global-parameters/jn-dg")).toBe('{"value":{"a":1.0,"b":12345678901234567890},"name":"jn-dg"}');
    expect(await textOf("/policies/%2F/jn-dp")).toBe('{"vhost":"/","name":"jn-dp","pattern":"^jn-none","apply-to":"all","definition":{"max-length":12345678901234567890},"priority":1.5}');
  });
});

describe("a restart", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "warren-json-numbers-"));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it("keeps floats and exact integers in stored definitions", async () => {
    const auth = { authorization: `Basic ${Buffer.from("guest:guest").toString("base64")}`, "content-type": "application/json" };
    const call = async (b: RunningBroker, method: string, path: string, body?: string) =>
      (await fetch(`http://127.0.0.1:${b.httpPort!}/api${path}`, { method, headers: auth, ...(body === undefined ? {} : { body }) })).text();
    const first = await startBroker({ amqpPort: 0, httpPort: 0, dataDir });
    await call(first, "PUT", "/global-parameters/jn-kept", '{"value":[1.0,1e3,12345678901234567890,0.1]}');
    await call(first, "PUT", "/user-limits/guest/max-connections", '{"value":12345678901234567890}');
    await first.close();
    const second = await startBroker({ amqpPort: 0, httpPort: 0, dataDir });
    try {
      expect(await call(second, "GET", "/global-parameters/jn-kept")).toBe('{"value":[1.0,1.0e3,12345678901234567890,0.1],"name":"jn-kept"}');
      expect(await call(second, "GET", "/user-limits/guest")).toBe('[{"user":"guest","value":{"max-connections":12345678901234567890}}]');
    } finally {
      await second.close();
    }
  });
});

describe("type errors", () => {
  it("call a float a number, as the client wrote one", async () => {
    const r = await send("PUT", "/permissions/%2F/guest", '{"configure":1.5,"write":".*","read":".*"}');
    expect(r.json).toEqual(badRequest("configure: Invalid input: expected string, received number"));
    const d = await send("POST", "/definitions", '{"queues":[{"name":"jn-dq","vhost":"/","durable":1.0,"auto_delete":false}]}');
    expect(d.json).toEqual(badRequest("queues.0.durable: Invalid input: expected boolean, received number"));
  });
});
