// /api/parameters and /api/global-parameters as RabbitMQ 3.10.8 serves them without plugins.
import { beforeAll, describe, expect, it } from "vitest";
import { badRequest, NOT_FOUND, useManagement } from "./auth-harness.js";

const m = useManagement();
const V = "par-v";
const failed = (text: string) => badRequest(`Validation failed\n\n${text}\n`);
beforeAll(async () => {
  await m.api("PUT", `/vhosts/${V}`);
});

describe("runtime parameters", () => {
  it("knows no plugin components, refuses policies, and validates operator policies and limits as RabbitMQ does", async () => {
    expect((await m.api("PUT", `/parameters/federation-upstream/${V}/u`, { body: { value: { uri: "amqp://" } } })).json).toEqual(
      failed("component federation-upstream not found"),
    );
    expect((await m.api("PUT", `/parameters/policy/${V}/p`, { body: { value: { pattern: "x" } } })).json).toEqual(badRequest("policies may not be set using this method"));
    expect((await m.api("PUT", `/parameters/operator_policy/${V}/op`, { body: { value: { pattern: "^z", definition: { "max-length": 1 } } } })).json).toEqual(
      failed('Key "priority" not found in op'),
    );
    expect((await m.api("PUT", `/parameters/operator_policy/${V}/op`, { body: { value: { pattern: "^z", definition: 5, priority: 0 } } })).json).toEqual(
      failed("parse error while reading policy definition: 5. Validator: operator_policy_validator."),
    );
    expect((await m.api("PUT", `/parameters/vhost-limits/${V}/limits`, { body: { value: { pattern: "^x", definition: { "max-length": 1 } } } })).json).toEqual(
      failed(
        "Unrecognised terms [{&lt;&lt;\"definition\"&gt;&gt;,#{&lt;&lt;\"max-length\"&gt;&gt; =&gt; 1}},\n                    {&lt;&lt;\"pattern\"&gt;&gt;,&lt;&lt;\"^x\"&gt;&gt;}] in limits",
      ),
    );
    expect((await m.api("PUT", `/parameters/vhost-limits/${V}/limits`, { body: { value: "x" } })).json).toEqual(failed("limits not a list &lt;&lt;\"x\"&gt;&gt;"));
    expect((await m.api("PUT", `/parameters/vhost-limits/${V}/limits`, { body: { value: [1, 2] } })).json).toEqual(failed("Unrecognised terms [1,2] in limits"));
    expect((await m.api("PUT", `/parameters/vhost-limits/${V}/limits`, { body: {} })).json).toEqual(badRequest("[{key_missing,value}]"));
    expect((await m.api("PUT", `/parameters/vhost-limits/par-nosuch/limits`, { body: { value: {} } })).json).toEqual({ error: "not_found", reason: "vhost_not_found" });
    expect((await m.api("GET", `/parameters/vhost-limits/${V}`)).json).toEqual([]);
  });

  it("lists operator policies and limits but not policies, sorted by vhost and name; GET /parameters/policy lists policies", async () => {
    expect((await m.api("PUT", `/parameters/vhost-limits/${V}/limits`, { body: { value: { "max-queues": 3, "max-connections": 2 } } })).status).toBe(201);
    expect((await m.api("PUT", `/parameters/operator_policy/${V}/op`, { body: { value: { pattern: "^z", definition: { "max-length": 1 }, priority: 0 } } })).status).toBe(201);
    await m.api("PUT", `/policies/${V}/pol`, { body: { pattern: "^p", definition: { "max-length": 1 } } });
    const limits = { value: { "max-connections": 2, "max-queues": 3 }, vhost: V, component: "vhost-limits", name: "limits" };
    const listed = (await m.api("GET", "/parameters")).json as { vhost: string }[];
    expect(listed.filter((p) => p.vhost === V)).toEqual([limits, { value: { definition: { "max-length": 1 }, pattern: "^z", priority: 0 }, vhost: V, component: "operator_policy", name: "op" }]);
    expect((await m.api("GET", `/parameters/vhost-limits/${V}/limits`)).json).toEqual(limits);
    expect((await m.api("GET", "/parameters/policy")).json).toEqual([
      { value: { pattern: "^p", definition: { "max-length": 1 }, priority: 0, "apply-to": "all" }, vhost: V, component: "policy", name: "pol" },
    ]);
    // a policy is not cleared this way: RabbitMQ's handler crashes and the policy stays
    expect(await m.api("DELETE", `/parameters/policy/${V}/pol`)).toMatchObject({ status: 500, text: "" });
    expect((await m.api("GET", `/policies/${V}/pol`)).status).toBe(200);
    expect((await m.api("DELETE", `/parameters/operator_policy/${V}/op`)).status).toBe(204);
    expect((await m.api("GET", `/operator-policies/${V}/op`)).json).toEqual(NOT_FOUND);
    expect((await m.api("DELETE", `/parameters/operator_policy/${V}/op`)).json).toEqual(NOT_FOUND);
    expect((await m.api("GET", "/parameters/bogus")).json).toEqual([]);
    expect((await m.api("GET", "/parameters/vhost-limits/par-nosuch")).json).toEqual(NOT_FOUND);
  });

  it("is for policymakers only", async () => {
    await m.api("PUT", "/users/par-m", { body: { password: "p", tags: "management" } });
    expect((await m.api("GET", "/parameters", { auth: "par-m:p" })).json).toEqual({ error: "not_authorised", reason: "User not authorised to access object" });
    expect((await m.api("GET", "/global-parameters", { auth: "par-m:p" })).json).toEqual({ error: "not_authorised", reason: "User not authorised to access object" });
  });
});

describe("global parameters", () => {
  it("hold internal_cluster_id in RabbitMQ's format and store any JSON value", async () => {
    const id = (await m.api("GET", "/global-parameters/internal_cluster_id")).json as { name: string; value: string };
    expect(id.name).toBe("internal_cluster_id");
    expect(id.value).toMatch(/^rabbitmq-cluster-id-[A-Za-z0-9_-]{22}$/);
    expect((await m.api("PUT", "/global-parameters/g-a", { body: { value: { b: 1, a: { d: 1, c: [1, "x"] } } } })).status).toBe(201);
    expect(JSON.stringify((await m.api("GET", "/global-parameters/g-a")).json)).toBe('{"value":{"a":{"c":[1,"x"],"d":1},"b":1},"name":"g-a"}');
    expect((await m.api("PUT", "/global-parameters/g-a", { body: { value: {}, name: "other" } })).status).toBe(204);
    expect((await m.api("GET", "/global-parameters/g-a")).json).toEqual({ value: [], name: "g-a" });
    expect((await m.api("PUT", "/global-parameters/g-a", { body: {} })).json).toEqual(badRequest("[{key_missing,value}]"));
    expect(((await m.api("GET", "/global-parameters")).json as { name: string }[]).map((p) => p.name)).toEqual(["g-a", "internal_cluster_id"]);
    expect((await m.api("DELETE", "/global-parameters/g-a")).status).toBe(204);
    expect((await m.api("DELETE", "/global-parameters/g-a")).json).toEqual(NOT_FOUND);
    expect((await m.api("GET", "/global-parameters/other")).json).toEqual(NOT_FOUND);
  });
});
