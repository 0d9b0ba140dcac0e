// RabbitMQ's password hash format: base64(4-byte salt ++ digest(salt ++ utf8 password)).
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { decodeStrictBase64, hashPassword, isKnownHashingAlgorithm, verifyPassword } from "../../../src/broker/auth/password-hash.js";

const SHA256 = "rabbit_password_hashing_sha256";
/** Made by RabbitMQ 3.10.8: `rabbitmqctl add_user h1-x secret`, then GET /api/users/h1-x. */
const RABBIT_SECRET = "KlnQgXdwOe7N9R7WgEbhK5J1o/WwtLceqNB1461ydpAmI04S";

/** The format written out independently of the code under test, for the algorithms RabbitMQ only uses when configured to. */
const make = (digest: string, salt: Buffer, password: string) =>
  Buffer.concat([salt, createHash(digest).update(Buffer.concat([salt, Buffer.from(password, "utf8")])).digest()]).toString("base64");

describe("verifyPassword", () => {
  it("accepts a hash RabbitMQ made, and only for its password", () => {
    expect(verifyPassword(RABBIT_SECRET, SHA256, "secret")).toBe(true);
    expect(verifyPassword(RABBIT_SECRET, SHA256, "Secret")).toBe(false);
    expect(verifyPassword(RABBIT_SECRET, "rabbit_password_hashing_md5", "secret")).toBe(false);
  });

  it("verifies sha512 and md5 hashes exported from other nodes", () => {
    const salt = Buffer.from([0xde, 0xad, 0xbe, 0xef]);
    expect(verifyPassword(make("sha512", salt, "pässword"), "rabbit_password_hashing_sha512", "pässword")).toBe(true);
    expect(verifyPassword(make("md5", salt, "pw"), "rabbit_password_hashing_md5", "pw")).toBe(true);
    expect(verifyPassword(make("md5", salt, "pw"), "rabbit_password_hashing_md5", "pw2")).toBe(false);
  });

  it("never matches a cleared password, a blank password, a short hash or an unknown algorithm", () => {
    expect(verifyPassword("", SHA256, "")).toBe(false);
    expect(verifyPassword(hashPassword(""), SHA256, "")).toBe(false);
    expect(verifyPassword("aQ==", SHA256, "x")).toBe(false);
    expect(verifyPassword(RABBIT_SECRET, "bogus", "secret")).toBe(false);
    expect(isKnownHashingAlgorithm("bogus")).toBe(false);
  });
});

describe("hashPassword", () => {
  it("writes a fresh 4-byte salt and a SHA-256 digest by default", () => {
    const a = hashPassword("pw");
    const b = hashPassword("pw");
    expect(a).not.toBe(b);
    const raw = Buffer.from(a, "base64");
    expect(raw).toHaveLength(36);
    expect(a).toBe(make("sha256", raw.subarray(0, 4), "pw"));
    expect(verifyPassword(hashPassword("pw", "rabbit_password_hashing_sha512"), "rabbit_password_hashing_sha512", "pw")).toBe(true);
  });
});

describe("decodeStrictBase64", () => {
  // what RabbitMQ 3.10.8 accepted and refused (["not_base64", ...]) as password_hash
  it.each([
    ["ab==", "aQ=="],
    ["", ""],
    ["YWJj ZGVm", "YWJjZGVm"],
    ["YW Jj", "YWJj"],
  ])("accepts %j (stored as %j)", (input, stored) => {
    expect(decodeStrictBase64(input)?.toString("base64")).toBe(stored);
  });

  it.each(["abc", "a", "ab=c", "-_==", "YWJjZA", "YWJjZA=", "A==="])("refuses %j", (input) => {
    expect(decodeStrictBase64(input)).toBeUndefined();
  });
});
