import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/** RabbitMQ's default hashing module since 3.6, and the one new passwords get. */
export const DEFAULT_HASHING_ALGORITHM = "rabbit_password_hashing_sha256";

/** RabbitMQ's hashing modules and the digest each applies to salt ++ password. */
const DIGESTS: Readonly<Record<string, string>> = {
  rabbit_password_hashing_sha256: "sha256",
  rabbit_password_hashing_sha512: "sha512",
  rabbit_password_hashing_md5: "md5",
};

const SALT_BYTES = 4;

/** Whether warren can check passwords hashed with this module (others are stored but never match). */
export const isKnownHashingAlgorithm = (algorithm: string): boolean => Object.hasOwn(DIGESTS, algorithm);

function saltedDigest(digest: string, salt: Buffer, password: string): Buffer {
  return createHash(digest).update(salt).update(password, "utf8").digest();
}

/** RabbitMQ's stored form: base64(4-byte random salt ++ digest(salt ++ utf8 password)). */
export function hashPassword(password: string, algorithm = DEFAULT_HASHING_ALGORITHM): string {
  const digest = DIGESTS[algorithm];
  if (digest === undefined) throw new Error(`unknown hashing algorithm ${algorithm}`);
  const salt = randomBytes(SALT_BYTES);
  return Buffer.concat([salt, saltedDigest(digest, salt, password)]).toString("base64");
}

/** Whether the password matches a stored hash; "" (no password) and unknown algorithms never match. Constant time in the digest. */
export function verifyPassword(passwordHash: string, algorithm: string, password: string): boolean {
  const digest = DIGESTS[algorithm];
  if (digest === undefined || password === "") return false;
  const stored = Buffer.from(passwordHash, "base64");
  if (stored.length < SALT_BYTES) return false;
  const expected = saltedDigest(digest, stored.subarray(0, SALT_BYTES), password);
  const actual = stored.subarray(SALT_BYTES);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/**
 * Decodes base64 as strictly as Erlang's base64:decode: whitespace is skipped, the rest must be the
 * standard alphabet in whole 4-character groups with at most two '=' at the very end. undefined when invalid.
 */
export function decodeStrictBase64(text: string): Buffer | undefined {
  const compact = text.replace(/[\t\n\r ]/g, "");
  if (compact.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(compact)) return undefined;
  return Buffer.from(compact, "base64");
}
