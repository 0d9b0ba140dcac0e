// Login attempt counters: per protocol always, per source only when tracking is on (RabbitMQ's track_auth_attempt_source).
import { describe, expect, it } from "vitest";
import { AuthAttempts } from "../../../src/broker/auth/auth-attempts.js";

describe("AuthAttempts", () => {
  it("counts per protocol, http listed first, and keeps no sources by default", () => {
    const a = new AuthAttempts();
    expect(a.totals()).toEqual([]);
    a.record("amqp091", "127.0.0.1", "guest", true);
    a.record("http", "127.0.0.1", "guest", false);
    a.record("http", "127.0.0.1", "guest", true);
    expect(a.totals()).toEqual([
      { protocol: "http", auth_attempts: 2, auth_attempts_failed: 1, auth_attempts_succeeded: 1 },
      { protocol: "amqp091", auth_attempts: 1, auth_attempts_failed: 0, auth_attempts_succeeded: 1 },
    ]);
    expect(a.sources()).toEqual([]);
    a.reset();
    expect(a.totals()).toEqual([]);
  });

  it("tracks sources when asked, with IPv4-mapped addresses printed as IPv4 and anonymous failures skipped", () => {
    const a = new AuthAttempts(true);
    a.record("amqp091", "::ffff:10.0.0.5", "bob", false);
    a.record("amqp091", "::ffff:10.0.0.5", "bob", true);
    a.record("amqp091", undefined, "", false);
    expect(a.sources()).toEqual([
      { remote_address: "10.0.0.5", username: "bob", protocol: "amqp091", auth_attempts: 2, auth_attempts_failed: 1, auth_attempts_succeeded: 1 },
    ]);
    expect(a.totals()[0]!.auth_attempts).toBe(3);
  });
});
