// GET/POST /api/definitions[/:vhost] as RabbitMQ 3.10.8 serves them: the export's shape and key order, access, the
// import's merge rules, its error reasons (observed on a live 3.10.8), and a refused file changing nothing.
import amqp from "amqplib";
import { describe, expect, it } from "vitest";
import { startBroker } from "../../../src/broker/server.js";
import { badRequest, useManagement } from "./auth-harness.js";
import { amqpLogin, buildTopology, rabbitHash, topologyPart } from "./definitions-fixture.js";

const m = useManagement();
type Defs = Record<string, Record<string, unknown>[]>;
const post = (body: unknown, path = "/definitions") => m.api("POST", path, { body });
const exported = async (path = "/definitions") => (await m.api("GET", path)).json as Defs;
const json = (v: unknown) => JSON.stringify(v);
const codes = (s: string) => [...Buffer.from(s)];
const basic = (auth: string) => Buffer.from(auth).toString("base64");

describe("GET /api/definitions", () => {
  it("exports a fresh node with RabbitMQ's keys, in its order", async () => {
    const d = await exported();
    expect(Object.keys(d)).toEqual(["rabbit_version", "rabbitmq_version", "product_name", "product_version", "users", "vhosts", "permissions", "topic_permissions", "parameters", "global_parameters", "policies", "queues", "exchanges", "bindings"]);
    expect(d).toMatchObject({ rabbit_version: "3.10.8", rabbitmq_version: "3.10.8", vhosts: [{ name: "/" }], topic_permissions: [], parameters: [], policies: [], queues: [], exchanges: [], bindings: [] });
    expect(Object.keys(d.users![0]!)).toEqual(["name", "password_hash", "hashing_algorithm", "tags", "limits"]);
    expect(d.users).toEqual([{ name: "guest", password_hash: expect.any(String), hashing_algorithm: "rabbit_password_hashing_sha256", tags: ["administrator"], limits: {} }]);
    expect(json(d.permissions)).toBe('[{"user":"guest","vhost":"/","configure":".*","write":".*","read":".*"}]');
    expect(d.global_parameters).toEqual([{ name: "internal_cluster_id", value: expect.stringMatching(/^rabbitmq-cluster-id-/) }]);
  });

  it("exports each entry in RabbitMQ's key order, leaving out exclusive queues, amq.* exchanges and default-exchange bindings", async () => {
    await buildTopology((method, path, body) => m.api(method, path, { body }), "t1");
    const conn = await amqp.connect(`amqp://guest:guest@127.0.0.1:${m.broker.amqpPort}/t1-v`);
    const ch = await conn.createChannel();
    await ch.assertQueue("t1-excl", { exclusive: true });
    await ch.bindQueue("t1-excl", "t1-dx", "x");
    const d = topologyPart(await exported(), "t1");
    await conn.close();
    expect(json(d.users!.find((u) => u.name === "t1-app"))).toMatch(
      /^\{"name":"t1-app","password_hash":"[^"]+","hashing_algorithm":"rabbit_password_hashing_sha256","tags":\["management","custom"\],"limits":\{"max-channels":20,"max-connections":10\}\}$/,
    );
    expect(d.vhosts).toEqual([{ name: "t1-v" }]);
    expect(json(d.topic_permissions)).toBe('[{"user":"t1-app","vhost":"t1-v","exchange":"t1-tx","write":"^a\\\\.","read":".*"}]');
    expect(json(d.parameters)).toBe(
      '[{"value":{"pattern":".*","definition":{"max-length":1000},"priority":1,"apply-to":"queues"},"vhost":"t1-v","component":"operator_policy","name":"t1-op"},' +
        '{"value":{"max-connections":20,"max-queues":50},"vhost":"t1-v","component":"vhost-limits","name":"limits"}]',
    );
    expect(json(d.global_parameters)).toBe('[{"name":"t1-g","value":{"n":3,"region":"eu"}}]');
    expect(json(d.policies)).toBe('[{"vhost":"t1-v","name":"t1-pol","pattern":"^t1-q","apply-to":"queues","definition":{"max-length":100,"message-ttl":60000},"priority":2}]');
    expect(json(d.queues)).toBe(
      '[{"name":"t1-q1","vhost":"t1-v","durable":true,"auto_delete":false,"arguments":{"x-dead-letter-exchange":"t1-dx","x-max-length":10,"x-queue-mode":"lazy"}},' +
        '{"name":"t1-q2","vhost":"t1-v","durable":false,"auto_delete":false,"arguments":{}}]',
    );
    expect(d.exchanges!.map((x) => x.name)).toEqual(["t1-dx", "t1-fx", "t1-tx", "t1-hx"]);
    expect(json(d.exchanges![1])).toBe('{"name":"t1-fx","vhost":"t1-v","type":"fanout","durable":true,"auto_delete":false,"internal":false,"arguments":{"alternate-exchange":"t1-dx"}}');
    expect(d.exchanges![2]).toMatchObject({ durable: false, internal: true });
    expect(json(d.bindings)).toBe(
      [
        '[{"source":"amq.direct","vhost":"t1-v","destination":"t1-q2","destination_type":"queue","routing_key":"from-amq","arguments":{}}',
        '{"source":"t1-dx","vhost":"t1-v","destination":"t1-q1","destination_type":"queue","routing_key":"a","arguments":{"n":1,"x-k":"v"}}',
        '{"source":"t1-dx","vhost":"t1-v","destination":"t1-fx","destination_type":"exchange","routing_key":"e2e","arguments":{"z":true}}',
        '{"source":"t1-fx","vhost":"t1-v","destination":"t1-tx","destination_type":"exchange","routing_key":"","arguments":{}}',
        '{"source":"t1-hx","vhost":"t1-v","destination":"t1-q1","destination_type":"queue","routing_key":"","arguments":{"h":"1","x-match":"all"}}',
        '{"source":"t1-tx","vhost":"t1-v","destination":"t1-q2","destination_type":"queue","routing_key":"#.b","arguments":{}}]',
      ].join(","),
    );
  });

  it("exports one vhost without vhost keys (parameters and policies keep theirs); the old alias, downloads and HEAD", async () => {
    const v = await exported("/definitions/t1-v");
    expect(Object.keys(v)).toEqual(["rabbit_version", "parameters", "policies", "queues", "exchanges", "bindings"]);
    expect(v.parameters!.map((p) => p.vhost)).toEqual(["t1-v", "t1-v"]);
    expect(Object.keys(v.policies![0]!)).toEqual(["vhost", "name", "pattern", "apply-to", "definition", "priority"]);
    expect(Object.keys(v.queues![0]!)).toEqual(["name", "durable", "auto_delete", "arguments"]);
    expect(Object.keys(v.exchanges![0]!)).toEqual(["name", "type", "durable", "auto_delete", "internal", "arguments"]);
    expect(Object.keys(v.bindings![0]!)).toEqual(["source", "destination", "destination_type", "routing_key", "arguments"]);
    expect((await m.api("GET", "/definitions/nosuch")).json).toEqual(badRequest("vhost_not_found"));
    expect((await m.api("GET", "/all-configuration")).text).toBe((await m.api("GET", "/definitions")).text);
    const r = await fetch(`http://127.0.0.1:${m.broker.httpPort}/api/definitions/t1-v?download=t1.json`, { headers: { authorization: `Basic ${basic("guest:guest")}` } });
    expect(r.headers.get("content-disposition")).toBe("attachment; filename=t1.json");
    const head = await fetch(`http://127.0.0.1:${m.broker.httpPort}/api/definitions`, { method: "HEAD", headers: { authorization: `Basic ${basic("guest:guest")}` } });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe("");
    expect((await m.api("GET", "/definitions")).text).not.toMatch(/content-disposition/i);
  });
});

describe("access", () => {
  it("is for administrators only, in both forms; ?auth= carries the credentials for the web UI's downloads", async () => {
    await m.api("PUT", "/users/pm", { body: { password: "pm", tags: "policymaker,management,monitoring" } });
    await m.api("PUT", "/permissions/t1-v/pm", { body: { configure: ".*", write: ".*", read: ".*" } });
    const refused = { status: 401, json: { error: "not_authorised", reason: "Not administrator user" } };
    for (const [method, path] of [["GET", "/definitions"], ["GET", "/definitions/t1-v"], ["POST", "/definitions"], ["POST", "/definitions/t1-v"]] as const) {
      expect(await m.api(method, path, { auth: "pm:pm", ...(method === "POST" ? { body: {} } : {}) })).toMatchObject(refused);
    }
    expect(await m.api("GET", "/definitions", { auth: null })).toMatchObject({ status: 401, text: "" });
    expect(await m.api("GET", `/definitions/t1-v?auth=${basic("guest:guest")}`, { auth: null })).toMatchObject({ status: 200 });
    expect(await m.api("GET", `/definitions?auth=${basic("guest:bad")}`, { auth: null })).toMatchObject({ status: 401, json: { error: "not_authorized", reason: "Login failed" } });
    expect(await m.api("GET", `/definitions?auth=${basic("pm:pm")}`)).toMatchObject(refused);
  });
});

describe("POST /api/definitions", () => {
  it("imports another node's export: the same definitions read back, and its users log in with their own passwords", async () => {
    const source = await exported();
    const other = await startBroker({ amqpPort: 0, httpPort: 0 });
    try {
      const at = (method: string, path: string, body?: unknown, auth = "guest:guest") =>
        fetch(`http://127.0.0.1:${other.httpPort}/api${path}`, {
          method,
          headers: { authorization: `Basic ${basic(auth)}`, "content-type": "application/json" },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        });
      expect((await at("POST", "/definitions", source)).status).toBe(204);
      const copy = (await (await at("GET", "/definitions")).json()) as Defs;
      expect(topologyPart(copy, "t1")).toEqual(topologyPart(source, "t1"));
      // RabbitMQ's import takes global parameters as they come, the cluster id included
      expect(copy.global_parameters).toEqual(source.global_parameters);
      for (const [user, password] of [["t1-app", "app-secret"], ["t1-s512", "p512"], ["t1-md5", "pmd5"]] as const) {
        expect(await amqpLogin(other.amqpPort, user, password, "t1-v")).toBe(true);
        expect(await amqpLogin(other.amqpPort, user, "wrong", "t1-v")).toBe(false);
      }
      expect((await at("GET", "/whoami", undefined, "t1-app:app-secret")).status).toBe(200);
      expect((await at("GET", "/whoami", undefined, "t1-s512:p512")).status).toBe(200);
    } finally {
      await other.close();
    }
  });

  it("takes users with hashes of each module, a password, tags as text or a list, the legacy administrator flag, and merges limits", async () => {
    const users = [
      { name: "u-256", password_hash: rabbitHash("sha256", "p256"), hashing_algorithm: "rabbit_password_hashing_sha256", tags: ["management"] },
      { name: "u-512", password_hash: rabbitHash("sha512", "p512"), hashing_algorithm: "rabbit_password_hashing_sha512", tags: "management, monitoring" },
      { name: "u-plain", password: "pplain", tags: "management", limits: { "max-connections": 3 } },
      { name: "u-admin", password: "padmin", administrator: "true" },
      { name: "u-none", tags: "" },
    ];
    // a pre-3.6 file without hashing_algorithm means MD5
    expect((await post({ rabbit_version: "3.5.7", users: [...users, { name: "u-md5", password_hash: rabbitHash("md5", "pmd5"), tags: "management" }] })).status).toBe(204);
    for (const [u, p] of [["u-256", "p256"], ["u-512", "p512"], ["u-plain", "pplain"], ["u-md5", "pmd5"], ["u-admin", "padmin"]]) {
      expect((await m.api("GET", "/whoami", { auth: `${u}:${p}` })).status, u).toBe(200);
    }
    expect((await m.api("GET", "/users/u-512")).json).toMatchObject({ tags: ["management", "monitoring"], hashing_algorithm: "rabbit_password_hashing_sha512" });
    expect((await m.api("GET", "/users/u-md5")).json).toMatchObject({ hashing_algorithm: "rabbit_password_hashing_md5" });
    expect((await m.api("GET", "/users/u-admin")).json).toMatchObject({ tags: ["administrator"] });
    expect((await m.api("GET", "/users/u-none")).json).toMatchObject({ tags: [], password_hash: expect.stringMatching(/.+/) });
    // limits merge; an entry with no password clears it (back to the default module) and leaves the limits alone
    await post({ users: [{ name: "u-plain", password: "pplain2", tags: [], limits: { "max-channels": 4 } }] });
    expect((await m.api("GET", "/users/u-plain")).json).toMatchObject({ tags: [], limits: { "max-channels": 4, "max-connections": 3 } });
    await post({ users: [{ name: "u-512", tags: "management", limits: { "max-channels": 9 } }] });
    expect((await m.api("GET", "/users/u-512")).json).toMatchObject({ password_hash: "", hashing_algorithm: "rabbit_password_hashing_sha256", limits: {} });
    expect((await m.api("GET", "/whoami", { auth: "u-512:p512" })).status).toBe(401);
  });

  it("creates vhosts from entries or their metadata, replaces an existing one's description and tags, and gives the importer access", async () => {
    await post({ vhosts: [{ name: "iv-a", description: "top", tags: "a, b", metadata: { description: "md", tags: ["m"], default_queue_type: "quorum" } }, { name: "iv-b", metadata: { description: "md", tags: ["m"] }, tracing: true }] });
    expect((await m.api("GET", "/vhosts/iv-a?disable_stats=true")).json).toMatchObject({ description: "top", tags: ["a", "b"], default_queue_type: "quorum", tracing: false });
    expect((await m.api("GET", "/vhosts/iv-b?disable_stats=true")).json).toMatchObject({ description: "md", tags: ["m"], tracing: true });
    expect((await m.api("GET", "/permissions/iv-a/guest")).status).toBe(200);
    await post({ vhosts: [{ name: "iv-b" }] });
    expect((await m.api("GET", "/vhosts/iv-b?disable_stats=true")).json).toMatchObject({ description: "", tags: [], tracing: true });
  });

  it("keeps existing queues, exchanges and bindings as they are, skips amq.* and dangling bindings, and overwrites policies and parameters", async () => {
    const before = await exported("/definitions/t1-v");
    const file = {
      queues: [
        { name: "t1-q1", durable: false, auto_delete: true, arguments: { "x-max-length": 1 } },
        { name: "amq.mine", durable: true, auto_delete: false, arguments: {} },
        { name: "t1-q3", durable: true, auto_delete: false, arguments: [], extra: "ignored" },
        "not an object",
      ],
      exchanges: [{ name: "t1-dx", type: "fanout", durable: false, auto_delete: true }, { name: "amq.mine", type: "direct", durable: true, auto_delete: false }, { name: "", type: "direct", durable: true, auto_delete: false }],
      bindings: [
        { source: "t1-dx", destination: "nosuch", destination_type: "queue", routing_key: "k", arguments: {} },
        { source: "nosuch", destination: "t1-q3", destination_type: "queue", routing_key: "k" },
        { source: "t1-dx", destination: "t1-q3", destination_type: "bogus", routing_key: "k" },
        { source: "t1-dx", destination: "t1-q3", destination_type: "queue", routing_key: "new" },
      ],
      policies: [{ name: "t1-pol", pattern: "^t1-q", definition: { "max-length": 7 } }],
      parameters: [{ component: "vhost-limits", name: "limits", value: { "max-queues": 60 } }],
      users: "ignored by the per-vhost form",
    };
    expect((await post(file, "/definitions/t1-v")).status).toBe(204);
    const after = await exported("/definitions/t1-v");
    expect(after.queues!.map((q) => q.name)).toEqual(["t1-q1", "t1-q2", "t1-q3"]);
    expect(after.queues![0]).toEqual(before.queues![0]);
    expect(after.exchanges).toEqual(before.exchanges);
    expect(after.bindings).toEqual([...before.bindings!, { source: "t1-dx", destination: "t1-q3", destination_type: "queue", routing_key: "new", arguments: {} }].sort((a, b) => (json([a.source, a.routing_key]) < json([b.source, b.routing_key]) ? -1 : 1)));
    expect(after.policies).toEqual([{ vhost: "t1-v", name: "t1-pol", pattern: "^t1-q", "apply-to": "all", definition: { "max-length": 7 }, priority: 0 }]);
    expect(after.parameters!.find((p) => p.component === "vhost-limits")!.value).toEqual({ "max-queues": 60 });
  });

  it("takes JSON or a form upload's file field (303 to its redirect), and refuses other content as RabbitMQ does", async () => {
    const url = `http://127.0.0.1:${m.broker.httpPort}/api/definitions`;
    const authorization = `Basic ${basic("guest:guest")}`;
    const form = (fields: Record<string, string>) => {
      const f = new FormData();
      for (const [k, v] of Object.entries(fields)) {
        if (k === "file") f.append(k, new Blob([v], { type: "application/json" }), "defs.json");
        else f.append(k, v);
      }
      return fetch(url, { method: "POST", headers: { authorization }, body: f, redirect: "manual" });
    };
    expect((await form({ file: json({ global_parameters: [{ name: "mp-1", value: 1 }] }) })).status).toBe(204);
    const redirected = await form({ file: json({ global_parameters: [{ name: "mp-2", value: 2 }] }), redirect: "/#/" });
    expect([redirected.status, redirected.headers.get("location")]).toEqual([303, "/#/"]);
    expect((await m.api("GET", "/global-parameters/mp-2")).json).toEqual({ value: 2, name: "mp-2" });
    expect(await (await form({ other: "{}" })).json()).toEqual(badRequest("failed_to_parse_json"));
    const garbage = await fetch(url, { method: "POST", headers: { authorization, "content-type": "multipart/form-data; boundary=zz" }, body: "garbage" });
    expect([garbage.status, await garbage.text()]).toEqual([400, ""]);
    expect(await m.api("POST", "/definitions", { body: "{}", contentType: "text/plain" })).toMatchObject({ status: 415, text: "" });
    expect(await m.api("POST", "/definitions", { body: "", contentType: "application/json" })).toMatchObject({ status: 204 });
    expect((await post("{bad")).json).toEqual(badRequest("failed_to_parse_json"));
    expect((await post([])).json).toEqual(badRequest("failed_to_parse_json"));
    expect((await post("{bad", "/definitions/nosuch")).json).toEqual(badRequest("failed_to_parse_json"));
    expect(await post({}, "/definitions/nosuch")).toMatchObject({ status: 404, json: { error: "not_found", reason: "vhost_not_found" } });
    expect((await post({ global_parameters: [] }, "/all-configuration")).status).toBe(204);
  });
});

const policyText = (where: string) => `Validation failed\n\n[{&lt;&lt;"bogus-key"&gt;&gt;,1}] are not recognised policy settings\n (${where})`;
const missingParen = [codes("missing )"), 1];

describe("refused imports", () => {
  const q = (name: string, extra: Record<string, unknown> = {}) => ({ name, vhost: "t1-v", durable: true, auto_delete: false, arguments: {}, ...extra });
  const cases: [string, unknown, unknown][] = [
    ["a user without a name", { users: [{ password: "x", tags: "" }] }, ["badkey", "name"]],
    ["a user without tags", { users: [{ name: "e" }] }, "tags_not_present"],
    ["a hash that is not base64", { users: [{ name: "e", password_hash: "!!!", tags: "" }] }, ["not_base64", "!!!"]],
    ["a password and a hash", { users: [{ name: "e", password: "x", password_hash: "abcd", tags: "" }] }, "both_password_and_password_hash_are_provided"],
    ["an unknown user limit", { users: [{ name: "e", password: "x", tags: "", limits: { bogus: 1 } }] }, 'Validation failed\n\nUnrecognised terms [{<<"bogus">>,1}] in user-limits\n'],
    ["permissions of a missing user", { permissions: [{ user: "nosuch", vhost: "t1-v", configure: "", write: "", read: "" }] }, ["no_such_user", "nosuch"]],
    ["permissions on a missing vhost", { permissions: [{ user: "guest", vhost: "nosuch", configure: "", write: "", read: "" }] }, ["no_such_vhost", "nosuch"]],
    ["an invalid permission regex", { permissions: [{ user: "guest", vhost: "t1-v", configure: "(", write: "", read: "" }] }, ["invalid_regexp", [40], missingParen]],
    ["an invalid topic permission regex", { topic_permissions: [{ user: "guest", vhost: "t1-v", exchange: "x", write: "(", read: "" }] }, ["invalid_regexp", "(", missingParen]],
    ["an unknown policy key", { policies: [{ vhost: "t1-v", name: "bad", pattern: "^x", definition: { "bogus-key": 1 } }] }, policyText("t1-v/bad")],
    ["a policy without a name", { policies: [{ vhost: "t1-v", pattern: "^x", definition: { "max-length": 1 } }] }, "policy in virtual host 't1-v' has undefined name"],
    ["a policy without a vhost", { policies: [{ name: "p", pattern: "^x", definition: { "max-length": 1 } }] }, ["no_such_vhost", "undefined"]],
    ["an unknown parameter component", { parameters: [{ vhost: "t1-v", component: "federation-upstream", name: "u", value: {} }] }, "Validation failed\n\ncomponent federation-upstream not found\n (t1-v/federation-upstream/u)"],
    ["a policy as a parameter", { parameters: [{ vhost: "t1-v", component: "policy", name: "p", value: {} }] }, "policies may not be set using this method (t1-v/policy/p)"],
    ["a bad vhost limit", { parameters: [{ vhost: "t1-v", component: "vhost-limits", name: "limits", value: { "max-queues": "x" } }] }, 'Validation failed\n\nmax-queues should be a number, actually was &lt;&lt;"x"&gt;&gt;\n (t1-v/vhost-limits/limits)'],
    ["an unknown exchange type", { exchanges: [{ name: "e", vhost: "t1-v", type: "nosuch", durable: true, auto_delete: false }] }, ["amqp_error", "command_invalid", codes("unknown exchange type 'nosuch'"), "none"]],
    ["an exchange in a missing vhost", { exchanges: [{ name: "e", vhost: "nosuch", type: "direct", durable: true, auto_delete: false }] }, ["no_such_vhost", "nosuch"]],
    ["a bad queue argument", { queues: [q("e", { arguments: { "x-max-priority": "a" } })] }, ["amqp_error", "precondition_failed", codes(`invalid arg 'x-max-priority' for queue 'e' in vhost 't1-v': "expected integer, got longstr"`), "none"]],
    ["a queue type warren lacks", { queues: [q("e", { arguments: { "x-queue-type": "quorum" } })] }, ["amqp_error", "precondition_failed", codes(`invalid arg 'x-queue-type' for queue 'e' in vhost 't1-v': "unsupported queue type 'quorum'"`), "none"]],
    ["a queue without durable", { queues: [{ name: "e", vhost: "t1-v" }] }, "queues.0.durable: Invalid input: expected boolean, received undefined"],
    ["a category that is not a list", { users: 5 }, "users: Invalid input: expected array, received number"],
  ];

  it.each(cases)("refuses %s with RabbitMQ's reason", async (_what, file, reason) => {
    expect(await post(file)).toMatchObject({ status: 400, json: badRequest(reason) });
  });

  it("words the per-vhost form's reasons as rabbit_definitions:format/1 does", async () => {
    const at = (file: unknown) => post(file, "/definitions/t1-v");
    expect((await at({ policies: [{ name: "bad", pattern: "^x", definition: { "bogus-key": 1 } }] })).json).toEqual(
      badRequest('<<"Validation failed\\n\\n[{&lt;&lt;\\"bogus-key\\"&gt;&gt;,1}] are not recognised policy settings\\n (t1-v/bad)">>'),
    );
    expect((await at({ policies: [{ pattern: "^x", definition: { "max-length": 1 } }] })).json).toEqual(badRequest(`"policy in virtual host 't1-v' has undefined name"`));
    expect((await at({ queues: [{ name: "e", durable: true, auto_delete: false, arguments: { "x-max-priority": "a" } }] })).json).toEqual(
      badRequest(`precondition_failed: invalid arg 'x-max-priority' for queue 'e' in vhost 't1-v': "expected integer, got longstr"`),
    );
    expect((await at({ exchanges: [{ name: "e", type: "nosuch", durable: true, auto_delete: false }] })).json).toEqual(badRequest("command_invalid: unknown exchange type 'nosuch'"));
  });

  it("checks max-queues up front, counting the file's queues that do not exist yet, but not against a limit the file sets", async () => {
    await m.api("PUT", "/vhosts/lim-v");
    await m.api("PUT", "/vhost-limits/lim-v/max-queues", { body: { value: 2 } });
    await m.api("PUT", "/queues/lim-v/old", { body: { durable: true } });
    const queues = ["old", "n1", "n2"].map((name) => ({ name, vhost: "lim-v", durable: true, auto_delete: false }));
    const text = 'Adding 2 queue(s) to virtual host "lim-v" would exceed the limit of 2 queue(s).\n\nThis virtual host currently has 1 queue(s) defined.\n\nImport aborted!';
    expect((await post({ queues })).json).toEqual(badRequest(["vhost_limit_exceeded", codes(text)]));
    expect((await post({ queues }, "/definitions/lim-v")).json).toEqual(badRequest(text));
    // RabbitMQ checks the limit in force before the import, so a file may lower it below what it creates
    const limits = { vhost: "lim-v", component: "vhost-limits", name: "limits", value: { "max-queues": 0 } };
    expect((await post({ queues: queues.slice(0, 2), parameters: [limits] })).status).toBe(204);
    expect(((await exported("/definitions/lim-v")).queues ?? []).map((q) => q.name).sort()).toEqual(["n1", "old"]);
    expect((await m.api("GET", "/vhost-limits/lim-v")).json).toEqual([{ vhost: "lim-v", value: { "max-queues": 0 } }]);
  });

  it("changes nothing when any entry is refused, however late in the file", async () => {
    const before = await m.api("GET", "/definitions");
    const good = {
      users: [{ name: "late-u", password: "p", tags: "" }],
      vhosts: [{ name: "late-v" }],
      permissions: [{ user: "late-u", vhost: "late-v", configure: ".*", write: ".*", read: ".*" }],
      exchanges: [{ name: "late-x", vhost: "late-v", type: "topic", durable: true, auto_delete: false }],
      global_parameters: [{ name: "late-g", value: 1 }],
      policies: [{ vhost: "late-v", name: "late-p", pattern: ".*", definition: { "max-length": 1 } }],
      queues: [{ name: "late-q", vhost: "late-v", durable: true, auto_delete: false }],
    };
    const badBinding = { ...good, bindings: [{ vhost: "late-v", source: "late-x", destination: "late-q", destination_type: "queue", arguments: {} }] };
    expect((await post(badBinding)).status).toBe(400);
    expect((await post({ ...good, queues: [...good.queues, { name: "late-q2", vhost: "nosuch", durable: true, auto_delete: false }] })).json).toEqual(badRequest(["no_such_vhost", "nosuch"]));
    expect((await post({ ...good, bindings: [{ vhost: "late-v", source: "late-x", destination: "late-q", destination_type: "queue", routing_key: "k", arguments: { a: null } }] })).json).toEqual(badRequest("null_not_allowed"));
    expect((await post({ queues: [{ name: "t1-q9", durable: true, auto_delete: false }], policies: [{ name: "x", pattern: "(", definition: { "max-length": 1 } }] }, "/definitions/t1-v")).status).toBe(400);
    expect((await m.api("GET", "/definitions")).text).toBe(before.text);
    // and the same file without the mistake goes in whole
    expect((await post({ ...good, bindings: [{ vhost: "late-v", source: "late-x", destination: "late-q", destination_type: "queue", routing_key: "k" }] })).status).toBe(204);
    expect(topologyPart(await exported(), "late")).toMatchObject({ users: [{ name: "late-u" }], vhosts: [{ name: "late-v" }], queues: [{ name: "late-q" }], bindings: [{ source: "late-x", routing_key: "k" }] });
  });
});
