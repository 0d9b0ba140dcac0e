// /api/permissions and the per-vhost and per-user listings, with the error bodies RabbitMQ 3.10.8 gives.
import { describe, expect, it } from "vitest";
import { badRequest, NOT_FOUND, useManagement } from "./auth-harness.js";

const m = useManagement();
const codes = (s: string) => [...Buffer.from(s)];
const FULL = { configure: ".*", write: ".*", read: ".*" };

describe("permissions", () => {
  it("lists guest's first-start permission, user before vhost", async () => {
    const r = await m.api("GET", "/permissions");
    expect(r.json).toEqual([{ user: "guest", vhost: "/", configure: ".*", write: ".*", read: ".*" }]);
    expect(Object.keys((r.json as object[])[0]!)).toEqual(["user", "vhost", "configure", "write", "read"]);
  });

  it("creates with 201, updates with 204 and reads one back", async () => {
    await m.api("PUT", "/users/p-a", { body: { password: "p", tags: "" } });
    expect((await m.api("PUT", "/permissions/%2F/p-a", { body: { configure: "^c", write: "^w", read: "^r" } })).status).toBe(201);
    expect((await m.api("PUT", "/permissions/%2F/p-a", { body: { configure: "^c", write: "^w", read: "^r2", extra: 1 } })).status).toBe(204);
    expect(await m.api("GET", "/permissions/%2F/p-a")).toMatchObject({ status: 200, json: { user: "p-a", vhost: "/", configure: "^c", write: "^w", read: "^r2" } });
    expect((await m.api("GET", "/users/p-a/permissions")).json).toEqual([{ user: "p-a", vhost: "/", configure: "^c", write: "^w", read: "^r2" }]);
    // the per-vhost listing puts vhost first
    const perVhost = (await m.api("GET", "/vhosts/%2F/permissions")).json as object[];
    expect(perVhost).toEqual([
      { vhost: "/", user: "guest", configure: ".*", write: ".*", read: ".*" },
      { vhost: "/", user: "p-a", configure: "^c", write: "^w", read: "^r2" },
    ]);
    expect(Object.keys(perVhost[0]!)).toEqual(["vhost", "user", "configure", "write", "read"]);
  });

  it("needs all three keys, an existing user and vhost, and valid regexes; a refused PUT changes nothing", async () => {
    await m.api("PUT", "/users/p-b", { body: { password: "p", tags: "" } });
    await m.api("PUT", "/permissions/%2F/p-b", { body: FULL });
    const bad = async (body: unknown) => (await m.api("PUT", "/permissions/%2F/p-b", { body })).json;
    expect(await bad({ configure: "a", write: "b" })).toEqual(badRequest("[{key_missing,read}]"));
    expect(await bad({})).toEqual(badRequest("[{key_missing,configure},{key_missing,write},{key_missing,read}]"));
    expect(await bad({ configure: "(", write: "", read: "" })).toEqual(badRequest(["invalid_regexp", codes("("), [codes("missing )"), 1]]));
    expect(await bad({ configure: "a", write: "[", read: "*" })).toEqual(
      badRequest(["invalid_regexp", codes("["), [codes("missing terminating ] for character class"), 1]]),
    );
    expect(await bad({ configure: 5, write: "", read: "" })).toMatchObject({ error: "bad_request" });
    expect((await m.api("PUT", "/permissions/%2F/p-nosuch", { body: FULL })).json).toEqual(badRequest("vhost_or_user_not_found"));
    expect((await m.api("PUT", "/permissions/nosuchvh/p-b", { body: {} })).json).toEqual(badRequest("vhost_or_user_not_found"));
    expect((await m.api("GET", "/permissions/%2F/p-b")).json).toMatchObject(FULL);
    expect((await m.api("GET", "/permissions/%2F/p-nosuch")).json).toEqual(NOT_FOUND);
  });

  it("deletes with 204, then 404", async () => {
    await m.api("PUT", "/users/p-c", { body: { password: "p", tags: "" } });
    await m.api("PUT", "/permissions/%2F/p-c", { body: FULL });
    expect((await m.api("DELETE", "/permissions/%2F/p-c")).status).toBe(204);
    expect(await m.api("DELETE", "/permissions/%2F/p-c")).toMatchObject({ status: 404, json: NOT_FOUND });
    expect((await m.api("GET", "/users/p-c/permissions")).json).toEqual([]);
  });

  it("answers 404 for an unknown user or vhost listing, and 401 to non-administrators", async () => {
    expect((await m.api("GET", "/users/p-nosuch/permissions")).json).toEqual(NOT_FOUND);
    expect((await m.api("GET", "/vhosts/nosuchvh/permissions")).json).toEqual(NOT_FOUND);
    await m.api("PUT", "/users/p-mon", { body: { password: "p", tags: "monitoring" } });
    expect(await m.api("GET", "/permissions", { auth: "p-mon:p" })).toMatchObject({ status: 401, json: { error: "not_authorised", reason: "Not administrator user" } });
  });
});
