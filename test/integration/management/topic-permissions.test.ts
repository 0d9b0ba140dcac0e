// /api/topic-permissions: one entry per exchange, 201 only for a (vhost, user) pair's first entry, per-exchange delete.
import { describe, expect, it } from "vitest";
import { badRequest, NOT_FOUND, useManagement } from "./auth-harness.js";

const m = useManagement();
const codes = (s: string) => [...Buffer.from(s)];

describe("topic permissions", () => {
  it("creates the pair's first entry with 201 and later ones (new exchanges too) with 204", async () => {
    await m.api("PUT", "/users/t-a", { body: { password: "p", tags: "" } });
    expect((await m.api("GET", "/topic-permissions/%2F/t-a")).json).toEqual(NOT_FOUND);
    expect((await m.api("PUT", "/topic-permissions/%2F/t-a", { body: { exchange: "t-x", write: "^a", read: "b" } })).status).toBe(201);
    expect((await m.api("PUT", "/topic-permissions/%2F/t-a", { body: { exchange: "amq.topic", write: "^{username}-w", read: "^{vhost}" } })).status).toBe(204);
    expect((await m.api("PUT", "/topic-permissions/%2F/t-a", { body: { exchange: "amq.direct", write: "x", read: "y" } })).status).toBe(204);
    const all = [
      { user: "t-a", vhost: "/", exchange: "amq.direct", write: "x", read: "y" },
      { user: "t-a", vhost: "/", exchange: "amq.topic", write: "^{username}-w", read: "^{vhost}" },
      { user: "t-a", vhost: "/", exchange: "t-x", write: "^a", read: "b" },
    ];
    expect((await m.api("GET", "/topic-permissions")).json).toEqual(all);
    expect((await m.api("GET", "/users/t-a/topic-permissions")).json).toEqual(all);
    expect((await m.api("GET", "/topic-permissions/%2F/t-a")).json).toEqual(all);
    // the exchange segment does not narrow a GET on the live node either
    expect((await m.api("GET", "/topic-permissions/%2F/t-a/t-x")).json).toEqual(all);
    const perVhost = (await m.api("GET", "/vhosts/%2F/topic-permissions")).json as object[];
    expect(Object.keys(perVhost[0]!)).toEqual(["vhost", "user", "exchange", "write", "read"]);
  });

  it("refuses bad bodies with RabbitMQ's reasons (the topic pattern is given as text) and changes nothing", async () => {
    await m.api("PUT", "/users/t-b", { body: { password: "p", tags: "" } });
    const put = async (body: unknown, who = "t-b") => (await m.api("PUT", `/topic-permissions/%2F/${who}`, { body })).json;
    expect(await put({ exchange: "amq.topic", write: "^a" })).toEqual(badRequest("[{key_missing,read}]"));
    expect(await put({})).toEqual(badRequest("[{key_missing,exchange},{key_missing,write},{key_missing,read}]"));
    expect(await put({ exchange: "amq.topic", write: "(", read: "[" })).toEqual(badRequest(["invalid_regexp", "(", [codes("missing )"), 1]]));
    expect(await put({ exchange: "amq.topic", write: "", read: "[" })).toEqual(
      badRequest(["invalid_regexp", "[", [codes("missing terminating ] for character class"), 1]]),
    );
    expect(await put({ exchange: "amq.topic", write: "", read: "" }, "t-nosuch")).toEqual(badRequest("vhost_or_user_not_found"));
    expect((await m.api("GET", "/topic-permissions/%2F/t-b")).json).toEqual(NOT_FOUND);
  });

  it("deletes one exchange's entry (204 even when that one is gone) or all of them", async () => {
    await m.api("PUT", "/users/t-c", { body: { password: "p", tags: "" } });
    for (const exchange of ["x1", "x2"]) await m.api("PUT", "/topic-permissions/%2F/t-c", { body: { exchange, write: "", read: "" } });
    expect((await m.api("DELETE", "/topic-permissions/%2F/t-c/x1")).status).toBe(204);
    expect((await m.api("DELETE", "/topic-permissions/%2F/t-c/x1")).status).toBe(204);
    expect(((await m.api("GET", "/topic-permissions/%2F/t-c")).json as { exchange: string }[]).map((e) => e.exchange)).toEqual(["x2"]);
    expect((await m.api("DELETE", "/topic-permissions/%2F/t-c")).status).toBe(204);
    expect((await m.api("DELETE", "/topic-permissions/%2F/t-c")).json).toEqual(NOT_FOUND);
    expect((await m.api("DELETE", "/topic-permissions/%2F/t-c/x2")).json).toEqual(NOT_FOUND);
    // after all entries went, the next PUT is a creation again
    expect((await m.api("PUT", "/topic-permissions/%2F/t-c", { body: { exchange: "x3", write: "", read: "" } })).status).toBe(201);
  });

  it("answers 404 for unknown users and vhosts in listings", async () => {
    expect((await m.api("GET", "/users/t-nosuch/topic-permissions")).json).toEqual(NOT_FOUND);
    expect((await m.api("GET", "/vhosts/nosuchvh/topic-permissions")).json).toEqual(NOT_FOUND);
    expect((await m.api("GET", "/users/guest/topic-permissions")).json).toEqual([]);
  });
});
