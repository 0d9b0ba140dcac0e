// /api/users, bulk-delete, whoami, /api/auth and the login attempt counters, checked against what RabbitMQ 3.10.8 answers.
import amqp from "amqplib";
import { describe, expect, it } from "vitest";
import { verifyPassword } from "../../../src/broker/auth/password-hash.js";
import { badRequest, NOT_FOUND, useManagement } from "./auth-harness.js";

const m = useManagement();
/** "secret", hashed by a real RabbitMQ 3.10.8 (rabbitmqctl add_user h1-x secret). */
const RABBIT_HASH = "KlnQgXdwOe7N9R7WgEbhK5J1o/WwtLceqNB1461ydpAmI04S";

const user = async (name: string) => (await m.api("GET", `/users/${name}`)).json as Record<string, unknown>;

describe("GET /api/users", () => {
  it("lists the first-start guest with a salted SHA-256 hash of its password, in RabbitMQ's key order", async () => {
    const r = await m.api("GET", "/users");
    expect(r.status).toBe(200);
    const [guest] = r.json as Record<string, unknown>[];
    expect(Object.keys(guest!)).toEqual(["name", "password_hash", "hashing_algorithm", "tags", "limits"]);
    expect(guest).toMatchObject({ name: "guest", hashing_algorithm: "rabbit_password_hashing_sha256", tags: ["administrator"], limits: {} });
    expect(Buffer.from(guest!.password_hash as string, "base64")).toHaveLength(36);
    expect(verifyPassword(guest!.password_hash as string, "rabbit_password_hashing_sha256", "guest")).toBe(true);
  });

  it("sorts by name and honours columns, ignoring paging as RabbitMQ does for users", async () => {
    await m.api("PUT", "/users/u-b", { body: { password: "p", tags: "" } });
    await m.api("PUT", "/users/u-a", { body: { password: "p", tags: "" } });
    const r = await m.api("GET", "/users?columns=name&page=1&page_size=1");
    expect(r.json).toEqual([{ name: "guest" }, { name: "u-a" }, { name: "u-b" }]);
    const noPerms = await m.api("GET", "/users/without-permissions?columns=name");
    expect(noPerms.json).toEqual([{ name: "u-a" }, { name: "u-b" }]);
  });
});

describe("PUT /api/users/:user", () => {
  it("needs tags, and a refused body changes nothing", async () => {
    expect(await m.api("PUT", "/users/u-notags", { body: { password: "p" } })).toMatchObject({ status: 400, json: badRequest("tags_not_present") });
    expect(await m.api("PUT", "/users/u-notags")).toMatchObject({ status: 400, json: badRequest("tags_not_present") });
    expect(await m.api("PUT", "/users/u-notags", { body: [1] })).toMatchObject({ status: 400, json: badRequest("not_json") });
    expect(await m.api("PUT", "/users/u-notags", { body: { password: 5, tags: "" } })).toMatchObject({ status: 400 });
    expect((await m.api("GET", "/users/u-notags")).status).toBe(404);
  });

  it("creates with 201, updates with 204, and parses tags as RabbitMQ does", async () => {
    expect((await m.api("PUT", "/users/u-tags", { body: { password: "p", tags: "management, monitoring" } })).status).toBe(201);
    expect((await user("u-tags")).tags).toEqual(["management", "monitoring"]);
    expect((await m.api("PUT", "/users/u-tags", { body: { password: "p", tags: "a,,b, ,c" } })).status).toBe(204);
    expect((await user("u-tags")).tags).toEqual(["a", "b", "", "c"]);
    await m.api("PUT", "/users/u-tags", { body: { password: "p", tags: [1, "a"] } });
    expect((await user("u-tags")).tags).toEqual(["1", "a"]);
    await m.api("PUT", "/users/u-tags", { body: { password: "p", administrator: "true" } });
    expect((await user("u-tags")).tags).toEqual(["administrator"]);
    expect(await m.api("PUT", "/users/u-tags", { body: { password: "p", administrator: "x" } })).toMatchObject({ json: badRequest(["not_boolean", "x"]) });
  });

  it("clears the password when the body has none", async () => {
    await m.api("PUT", "/users/u-clear", { body: { password: "p", tags: "management" } });
    expect((await m.api("GET", "/whoami", { auth: "u-clear:p" })).status).toBe(200);
    await m.api("PUT", "/users/u-clear", { body: { tags: "management" } });
    expect(await user("u-clear")).toMatchObject({ password_hash: "", hashing_algorithm: "rabbit_password_hashing_sha256" });
    expect(await m.api("GET", "/whoami", { auth: "u-clear:p" })).toMatchObject({ status: 401, json: { error: "not_authorized", reason: "Login failed" } });
  });

  it("accepts a hash made by RabbitMQ, over HTTP and AMQP", async () => {
    await m.api("PUT", "/users/u-hash", { body: { password_hash: RABBIT_HASH, tags: "management" } });
    await m.api("PUT", "/permissions/%2F/u-hash", { body: { configure: ".*", write: ".*", read: ".*" } });
    expect(await user("u-hash")).toMatchObject({ password_hash: RABBIT_HASH, hashing_algorithm: "rabbit_password_hashing_sha256" });
    expect(await m.api("GET", "/whoami", { auth: "u-hash:secret" })).toMatchObject({ status: 200, json: { name: "u-hash", tags: ["management"] } });
    const c = await amqp.connect(`amqp://u-hash:secret@127.0.0.1:${m.broker.amqpPort}`);
    await c.close();
    await expect(amqp.connect(`amqp://u-hash:wrong@127.0.0.1:${m.broker.amqpPort}`)).rejects.toThrow(/ACCESS_REFUSED - Login was refused using authentication mechanism PLAIN/);
  });

  it("stores other hashing algorithms as given (a password then resets it to SHA-256)", async () => {
    await m.api("PUT", "/users/u-algo", { body: { password_hash: "ab==", hashing_algorithm: "bogus", tags: "" } });
    expect(await user("u-algo")).toMatchObject({ password_hash: "aQ==", hashing_algorithm: "bogus" });
    await m.api("PUT", "/users/u-algo", { body: { password: "p", hashing_algorithm: "rabbit_password_hashing_md5", tags: "" } });
    expect((await user("u-algo")).hashing_algorithm).toBe("rabbit_password_hashing_sha256");
  });

  it("refuses bad base64 and a password with a hash, leaving the user as it was", async () => {
    await m.api("PUT", "/users/u-bad", { body: { password: "p", tags: "management" } });
    const before = await user("u-bad");
    expect(await m.api("PUT", "/users/u-bad", { body: { password_hash: "abc", tags: "" } })).toMatchObject({ status: 400, json: badRequest(["not_base64", "abc"]) });
    expect(await m.api("PUT", "/users/u-bad", { body: { password: "p", password_hash: RABBIT_HASH, tags: "" } })).toMatchObject({
      status: 400,
      json: badRequest("both_password_and_password_hash_are_provided"),
    });
    expect(await user("u-bad")).toEqual(before);
  });
});

describe("DELETE /api/users/:user and bulk-delete", () => {
  it("drops the user's permissions, topic permissions and limits and closes their connections", async () => {
    await m.api("PUT", "/users/u-del", { body: { password: "p", tags: "" } });
    await m.api("PUT", "/permissions/%2F/u-del", { body: { configure: ".*", write: ".*", read: ".*" } });
    await m.api("PUT", "/topic-permissions/%2F/u-del", { body: { exchange: "amq.topic", write: ".*", read: ".*" } });
    await m.api("PUT", "/user-limits/u-del/max-channels", { body: { value: 5 } });
    const c = await amqp.connect(`amqp://u-del:p@127.0.0.1:${m.broker.amqpPort}`);
    c.on("error", () => {});
    const closed = new Promise<string>((resolve) => c.on("close", (e: unknown) => resolve(String(e))));
    expect((await m.api("DELETE", "/users/u-del")).status).toBe(204);
    expect(await closed).toMatch(/320 \(CONNECTION-FORCED\) with message "CONNECTION_FORCED - user 'u-del' is deleted"/);
    expect((await m.api("GET", "/users/u-del")).json).toEqual(NOT_FOUND);
    const perms = (await m.api("GET", "/permissions")).json as { user: string }[];
    expect(perms.map((p) => p.user)).not.toContain("u-del");
    expect((await m.api("GET", "/topic-permissions")).json).toEqual([]);
    expect((await m.api("GET", "/user-limits")).json).toEqual([]);
    expect(await m.api("DELETE", "/users/u-del")).toMatchObject({ status: 404, json: NOT_FOUND });
  });

  it("deletes in order and stops at the first unknown user, keeping the earlier deletions", async () => {
    for (const u of ["u-bd1", "u-bd2"]) await m.api("PUT", `/users/${u}`, { body: { password: "p", tags: "" } });
    const r = await m.api("POST", "/users/bulk-delete", { body: { users: ["u-bd1", "u-nosuch", "u-bd2"] } });
    expect(r).toMatchObject({ status: 400, json: badRequest(["no_such_user", "u-nosuch"]) });
    expect((await m.api("GET", "/users/u-bd1")).status).toBe(404);
    expect((await m.api("GET", "/users/u-bd2")).status).toBe(200);
    expect((await m.api("POST", "/users/bulk-delete", { body: { users: ["u-bd2"] } })).status).toBe(204);
    expect(await m.api("POST", "/users/bulk-delete", { body: {} })).toMatchObject({ status: 400, json: badRequest("[{key_missing,users}]") });
    // the fixed path wins over /users/:user, so other methods are a 405 with an empty body
    expect(await m.api("GET", "/users/bulk-delete")).toMatchObject({ status: 405, text: "" });
  });
});

describe("access levels", () => {
  it("gives RabbitMQ's 401s: login failed, not a management user, not an administrator", async () => {
    await m.api("PUT", "/users/u-mgmt", { body: { password: "p", tags: "management" } });
    await m.api("PUT", "/users/u-none", { body: { password: "p", tags: "" } });
    expect(await m.api("GET", "/users", { auth: "u-mgmt:wrong" })).toMatchObject({ status: 401, json: { error: "not_authorized", reason: "Login failed" } });
    expect(await m.api("GET", "/whoami", { auth: "u-none:p" })).toMatchObject({ status: 401, json: { error: "not_authorised", reason: "Not management user" } });
    expect(await m.api("GET", "/users", { auth: "u-mgmt:p" })).toMatchObject({ status: 401, json: { error: "not_authorised", reason: "Not administrator user" } });
    expect(await m.api("GET", "/whoami", { auth: "u-mgmt:p" })).toMatchObject({ status: 200, json: { name: "u-mgmt", tags: ["management"] } });
    expect(await m.api("GET", "/users", { auth: null })).toMatchObject({ status: 401, text: "" });
  });
});

describe("/api/auth and login attempts", () => {
  const node = () => encodeURIComponent(m.broker.nodeName);

  it("serves the OAuth settings to anyone, whatever the credentials", async () => {
    const expected = { enable_uaa: false, uaa_client_id: "", uaa_location: "" };
    expect(await m.api("GET", "/auth", { auth: null })).toMatchObject({ status: 200, json: expected });
    expect(await m.api("GET", "/auth", { auth: "nobody:wrong" })).toMatchObject({ status: 200, json: expected });
  });

  it("counts http and amqp091 attempts, successes and failures, and resets them", async () => {
    expect((await m.api("DELETE", `/auth/attempts/${node()}`)).status).toBe(204);
    await m.api("GET", "/whoami", { auth: "guest:wrong" });
    await m.api("GET", "/users", { auth: "u-mgmt:p" });
    await (await amqp.connect(`amqp://guest:guest@127.0.0.1:${m.broker.amqpPort}`)).close();
    await amqp.connect(`amqp://guest:nope@127.0.0.1:${m.broker.amqpPort}`).catch(() => {});
    const r = await m.api("GET", `/auth/attempts/${node()}`);
    // this GET itself is the third http attempt, and a success
    expect(r.json).toEqual([
      { protocol: "http", auth_attempts: 3, auth_attempts_failed: 2, auth_attempts_succeeded: 1 },
      { protocol: "amqp091", auth_attempts: 2, auth_attempts_failed: 1, auth_attempts_succeeded: 1 },
    ]);
    expect((await m.api("GET", `/auth/attempts/${node()}/source`)).json).toEqual([]);
    expect((await m.api("GET", "/auth/attempts/rabbit@nosuch")).json).toEqual(NOT_FOUND);
    expect(await m.api("GET", `/auth/attempts/${node()}`, { auth: "u-mgmt:p" })).toMatchObject({ status: 401, json: { reason: "Not monitor user" } });
  });
});
