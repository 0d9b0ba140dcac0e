// TopicPermissionStore: variable expansion, "" meaning only the empty key, no entry meaning no restriction.
import { describe, expect, it } from "vitest";
import { expandTopicVariables, TopicPermissionStore } from "../../../src/broker/auth/topic-permissions.js";
import { InvalidRegexError } from "../../../src/broker/auth/regex.js";

const vars = { username: "alice", vhost: "prod", client_id: "c1" };

describe("TopicPermissionStore", () => {
  it("expands {username}, {vhost} and {client_id} verbatim before matching", () => {
    expect(expandTopicVariables("^{username}\\.{vhost}\\.{client_id}\\.{other}", vars)).toBe("^alice\\.prod\\.c1\\.{other}");
    const s = new TopicPermissionStore();
    s.set("prod", "alice", { exchange: "amq.topic", write: "^{username}\\.", read: "^{client_id}$" });
    expect(s.check("prod", "alice", "amq.topic", "write", "alice.x", vars)).toBe(true);
    expect(s.check("prod", "alice", "amq.topic", "write", "bob.x", vars)).toBe(false);
    expect(s.check("prod", "alice", "amq.topic", "read", "c1", vars)).toBe(true);
    expect(s.check("prod", "alice", "amq.topic", "read", "c1", { ...vars, client_id: "c2" })).toBe(false);
  });

  it("treats an empty pattern as ^$ and an exchange without an entry as unrestricted", () => {
    const s = new TopicPermissionStore();
    s.set("/", "u", { exchange: "x", write: "", read: "" });
    expect(s.check("/", "u", "x", "write", "", vars)).toBe(true);
    expect(s.check("/", "u", "x", "write", "a", vars)).toBe(false);
    expect(s.check("/", "u", "other", "write", "a", vars)).toBe(true);
  });

  it("says 'new' only for a pair's first entry, and validates before changing anything", () => {
    const s = new TopicPermissionStore();
    expect(s.set("/", "u", { exchange: "a", write: "", read: "" })).toBe(true);
    expect(s.set("/", "u", { exchange: "b", write: "", read: "" })).toBe(false);
    expect(() => s.set("/", "u", { exchange: "c", write: "", read: "(" })).toThrow(InvalidRegexError);
    expect(s.get("/", "u").map((r) => r.exchange)).toEqual(["a", "b"]);
    expect(s.deleteExchange("/", "u", "a")).toBe(true);
    expect(s.deleteExchange("/", "u", "a")).toBe(true);
    s.dropUser("u");
    expect(s.deleteExchange("/", "u", "b")).toBe(false);
    expect(s.set("/", "u", { exchange: "b", write: "", read: "" })).toBe(true);
  });
});
