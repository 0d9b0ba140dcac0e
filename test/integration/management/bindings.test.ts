// /api/bindings: listing, creating (201 + Location), showing and deleting by properties_key. The keys below are
// the ones a RabbitMQ 3.10.8 node gave for the same bindings.
import { describe, expect, it } from "vitest";
import { field, type FieldValue } from "../../../src/protocol/index.js";
import { propertiesKey } from "../../../src/broker/management/binding-key.js";
import { eventually, NOT_FOUND, useMessaging } from "./messaging-harness.js";

const m = useMessaging("b-v");
const B = (tail: string): string => `/bindings/${m.v}${tail}`;
const table = (...entries: [string, FieldValue][]) => new Map(entries);
const byte = (value: number): FieldValue => ({ type: "b", value });

describe("properties_key", () => {
  it("is the quoted routing key, plus ~ and erlang:phash2 of the sorted arguments, as RabbitMQ computes it", () => {
    expect(propertiesKey("", new Map())).toBe("~");
    expect(propertiesKey("a.#", new Map())).toBe("a.%23");
    expect(propertiesKey("has space/and~tilde#", new Map())).toBe("has+space%2Fand%7Etilde%23");
    expect(propertiesKey("", table(["foo", field.longstr("bar")]))).toBe("~lwiNYA");
    // amqplib sends small integers as signed bytes; JSON integers are longs
    expect(propertiesKey("b", table(["n", byte(1)], ["foo", field.longstr("bar")]))).toBe("b~3aUi_g");
    expect(propertiesKey("r", table(["n", field.long(1)], ["foo", field.longstr("bar")]))).toBe("r~jBdbVw");
    expect(propertiesKey("rev", table(["n", byte(1)], ["foo", field.longstr("bar")], ["dup", field.longstr("x")]))).toBe("rev~zfMOaQ");
    expect(propertiesKey("r3", table(["f", field.double(1.5)]))).toBe("r3~fF0G0A");
    expect(propertiesKey("r3", table(["t", field.bool(true)]))).toBe("r3~TLB3xQ");
    expect(propertiesKey("r3", table(["a", field.array([field.long(1), field.longstr("x")])]))).toBe("r3~a2p-qw");
    expect(propertiesKey("r3", table(["m", field.table(table(["k", field.longstr("v")]))]))).toBe("r3~fhmoWg");
    expect(propertiesKey("r3", table(["big", field.long(5000000000)]))).toBe("r3~s9ws6A");
    expect(propertiesKey("r3", table(["neg", field.long(-7)]))).toBe("r3~JASXWw");
    expect(propertiesKey("r3", table(["s", field.longstr("x")]))).toBe("r3~e4oexQ");
  });
});

describe("POST /api/bindings/v/e/x/{q,e}/d", () => {
  it("creates bindings (201) with RabbitMQ's relative, double-encoded Location", async () => {
    await m.api("PUT", `/exchanges/${m.v}/bx`, { body: { type: "topic" } });
    await m.api("PUT", `/exchanges/${m.v}/bx2`, { body: { type: "fanout" } });
    await m.api("PUT", `/queues/${m.v}/bq`);
    const post = (tail: string, body?: unknown) => m.api("POST", B(tail), body === undefined ? {} : { body });
    const loc = async (tail: string, body?: unknown) => {
      const r = await fetch(`http://127.0.0.1:${m.broker.httpPort}/api${B(tail)}`, {
        method: "POST",
        headers: { authorization: `Basic ${Buffer.from("guest:guest").toString("base64")}` },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return [r.status, r.headers.get("location")];
    };
    expect(await loc("/e/bx/q/bq")).toEqual([201, "bq/~"]);
    expect(await loc("/e/bx/q/bq", { routing_key: "a.#" })).toEqual([201, "bq/a.%2523"]);
    expect(await loc("/e/bx/q/bq", { routing_key: "k", arguments: { n: 1, foo: "bar" } })).toEqual([201, "bq/k~jBdbVw"]);
    expect(await loc("/e/bx/e/bx2", { routing_key: "c.*" })).toEqual([201, "bx2/c.%252A"]);
    expect((await post("/e/bx/q/bq", { routing_key: "x", arguments: { a: null } })).status).toBe(500);
    expect((await post("/e/no-x/q/no-q", {})).json).toEqual({ error: "not_found", reason: "no exchange 'no-x' in vhost 'b-v'" });
    expect((await post("/e/bx/q/no-q", {})).json).toEqual({ error: "not_found", reason: "no queue 'no-q' in vhost 'b-v'" });
    expect((await post("/e/amq.default/q/bq", {})).json).toEqual({ error: "not_authorised", reason: "Access refused." });
    expect((await m.api("POST", "/bindings/no-such-vhost/e/x/q/y", { body: {} })).json).toEqual({ error: "not_found", reason: "vhost_not_found" });
  });

  it("lists bindings between two objects, and shows or deletes one by its properties_key", async () => {
    const all = (await m.api("GET", B("/e/bx/q/bq"))).json as Record<string, unknown>[];
    expect(all.map((b) => b.properties_key)).toEqual(["~", "a.%23", "k~jBdbVw"]);
    expect(all[2]).toEqual({ source: "bx", vhost: "b-v", destination: "bq", destination_type: "queue", routing_key: "k", arguments: { foo: "bar", n: 1 }, properties_key: "k~jBdbVw" });
    expect((await m.api("GET", B("/e/bx/q/bq/k~jBdbVw"))).json).toEqual(all[2]);
    expect((await m.api("GET", B("/e/bx/q/bq/a.%2523"))).json).toMatchObject({ routing_key: "a.#" });
    for (const props of ["zz~jBdbVw", "k~nohash", "a~b~c"]) expect((await m.api("GET", B(`/e/bx/q/bq/${props}`))).json).toEqual(NOT_FOUND);
    expect((await m.api("GET", B("/e/amq.default/q/bq/bq"))).json).toMatchObject({ source: "", routing_key: "bq" });
    expect((await m.api("DELETE", B("/e/amq.default/q/bq/bq"))).status).toBe(401);
    expect((await m.api("DELETE", B("/e/bx/q/bq/~"))).status).toBe(204);
    expect((await m.api("DELETE", B("/e/bx/q/bq/~"))).json).toEqual(NOT_FOUND);
    expect((await m.api("DELETE", B("/e/bx/e/bx2/c.%252A"))).status).toBe(204);
    expect((await m.api("GET", B("/e/bx/e/bx2"))).json).toEqual([]);
    expect((await m.api("PUT", B("/e/bx/q/bq/k"))).status).toBe(405);
  });
});

describe("GET /api/bindings", () => {
  it("lists implicit and declared bindings in RabbitMQ's order; AMQP bindings with reordered arguments are one binding", async () => {
    const c = await m.connect();
    const ch = await m.channel(c);
    await ch.bindQueue("bq", "bx", "rev", { n: 1, foo: "bar" });
    await ch.bindQueue("bq", "bx", "rev", { foo: "bar", n: 1 });
    await eventually(async () => expect((await m.api("GET", B("/e/bx/q/bq"))).json).toHaveLength(3));
    const list = (await m.api("GET", B(""))).json as Record<string, unknown>[];
    expect(list.map((b) => [b.source, b.destination, b.properties_key])).toEqual([
      ["", "bq", "bq"],
      ["bx", "bq", "a.%23"],
      ["bx", "bq", "k~jBdbVw"],
      ["bx", "bq", "rev~3aUi_g"],
    ]);
    expect((await m.api("GET", "/bindings/no-such-vhost")).json).toEqual(NOT_FOUND);
    expect(((await m.api("GET", "/bindings")).json as unknown[]).length).toBeGreaterThanOrEqual(4);
    await c.close();
  });

  it("refuses a user without access to the vhost", async () => {
    await m.api("PUT", "/users/b-u", { body: { password: "pw", tags: "management" } });
    expect(await m.api("GET", B(""), { auth: "b-u:pw" })).toMatchObject({ status: 401, json: { error: "not_authorised", reason: "User not authorised to access virtual host" } });
    expect((await m.api("GET", "/bindings", { auth: "b-u:pw" })).json).toEqual([]);
  });
});
