// UserStore logins: password checks, blank passwords, and RabbitMQ's loopback_users rule.
import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { isLoopbackAddress, UserStore } from "../../../src/broker/auth/users.js";
import { Broker } from "../../../src/broker/broker.js";
import { authenticate } from "../../../src/broker/management/auth.js";

describe("UserStore", () => {
  it("starts with guest/guest, an administrator", () => {
    const s = new UserStore();
    expect(s.names()).toEqual(["guest"]);
    expect(s.authenticate("guest", "guest", "127.0.0.1")).toEqual({ name: "guest", tags: ["administrator"] });
    expect(s.authenticate("guest", "wrong", "127.0.0.1")).toBeUndefined();
    expect(s.authenticate("nobody", "guest", "127.0.0.1")).toBeUndefined();
  });

  it("refuses guest from a non-loopback address, saying why", () => {
    const s = new UserStore();
    expect(s.login("guest", "guest", "10.1.2.3")).toEqual({ ok: false, reason: "loopback" });
    expect(s.login("guest", "guest", "::ffff:192.168.0.7")).toEqual({ ok: false, reason: "loopback" });
    expect(s.login("guest", "guest", undefined)).toEqual({ ok: false, reason: "loopback" });
    expect(s.login("guest", "wrong", "10.1.2.3")).toEqual({ ok: false, reason: "refused" });
    for (const local of ["127.0.0.1", "127.8.9.10", "::1", "::ffff:127.0.0.1"]) expect(s.login("guest", "guest", local).ok).toBe(true);
  });

  it("lets other users in from anywhere, and the loopback list is configurable", () => {
    const s = new UserStore([{ name: "guest", password: "guest" }, { name: "app", password: "pw", loopbackOnly: true }], { loopbackUsers: [] });
    expect(s.authenticate("guest", "guest", "10.0.0.1")).toEqual({ name: "guest", tags: [] });
    expect(s.login("app", "pw", "10.0.0.1")).toEqual({ ok: false, reason: "loopback" });
    const open = new UserStore([{ name: "guest", password: "guest", loopbackOnly: false }]);
    expect(open.authenticate("guest", "guest", "10.0.0.1")).toBeDefined();
  });

  it("refuses a blank password and a cleared one", () => {
    const s = new UserStore([{ name: "u", password: "" }]);
    expect(s.authenticate("u", "", "127.0.0.1")).toBeUndefined();
    s.put({ name: "u", passwordHash: "", hashingAlgorithm: "rabbit_password_hashing_sha256", tags: [] });
    expect(s.authenticate("u", "anything", "127.0.0.1")).toBeUndefined();
  });

  it("knows loopback addresses as rabbit_net:is_loopback does", () => {
    expect(isLoopbackAddress("127.0.0.1")).toBe(true);
    expect(isLoopbackAddress("::1")).toBe(true);
    expect(isLoopbackAddress("128.0.0.1")).toBe(false);
    expect(isLoopbackAddress("::2")).toBe(false);
  });
});

describe("management API login", () => {
  const request = (auth: string, remoteAddress: string) =>
    ({ headers: { authorization: `Basic ${Buffer.from(auth).toString("base64")}` }, socket: { remoteAddress } }) as unknown as IncomingMessage;

  it("refuses guest from a non-loopback peer with RabbitMQ's reason, and counts the attempt as failed", () => {
    const broker = new Broker(new UserStore());
    expect(() => authenticate(broker, request("guest:guest", "10.0.0.1"), "management")).toThrow(
      expect.objectContaining({ status: 401, error: "not_authorised", reason: "User can only log in via localhost" }),
    );
    expect(authenticate(broker, request("guest:guest", "::ffff:127.0.0.1"), "management")).toEqual({ name: "guest", tags: ["administrator"] });
    expect(broker.authAttempts.totals()).toEqual([{ protocol: "http", auth_attempts: 2, auth_attempts_failed: 1, auth_attempts_succeeded: 1 }]);
  });
});
