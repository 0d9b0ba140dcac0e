// Password-based encryption compatible with RabbitMQ's encrypted config values ({encrypted, <<Base64>>}):
// base64(salt(16) ++ iv ++ cipher(pad(term_to_binary(Value)))), key = PBKDF2-HMAC(passphrase, salt, iterations).
import type crypto from "node:crypto";
import { lazyBuiltin } from "../../lazy-builtin.js";

// crypto is only needed by encode/decode
const cryptoModule = lazyBuiltin<typeof crypto>("node:crypto");
import { nodeCipher, nodeHash } from "../monitoring/_pbe.js";

/** What rabbitmqctl 3.10.8 uses when --cipher/--hash/--iterations are absent. */
export const DEFAULT_CIPHER = "aes_128_cbc";
export const DEFAULT_HASH = "sha256";
export const DEFAULT_ITERATIONS = 1;

// Node's OpenSSL lacks the legacy algorithms (DES, Blowfish, RC2, RC4, MD4) that Erlang's crypto has.
export const supportsCipher = (name: string): boolean => nodeCipher(name) !== undefined;
export const supportsHash = (name: string): boolean => nodeHash(name) !== undefined;

export interface PbeOptions { cipher: string; hash: string; iterations: number }

interface Prepared { openssl: string; key: Buffer; ivLength: number; block: number }

function prepare(o: PbeOptions, passphrase: string, salt: Buffer): Prepared {
  const openssl = nodeCipher(o.cipher)!;
  const info = cryptoModule().getCipherInfo(openssl)!;
  // Erlang's cipher_info block sizes equal OpenSSL's; stream ciphers report none, which Erlang calls 1
  const key = cryptoModule().pbkdf2Sync(Buffer.from(passphrase, "utf8"), salt, o.iterations, info.keyLength, nodeHash(o.hash)!);
  return { openssl, key, ivLength: info.ivLength ?? 0, block: info.blockSize ?? 1 };
}

/** Encrypts the external term format bytes of a value; returns the base64 text. */
export function encrypt(o: PbeOptions, passphrase: string, clear: Buffer): string {
  const salt = cryptoModule().randomBytes(16);
  const p = prepare(o, passphrase, salt);
  const iv = cryptoModule().randomBytes(p.ivLength);
  const n = p.block - (clear.length % p.block);
  const c = cryptoModule().createCipheriv(p.openssl, p.key, p.ivLength === 0 ? null : iv);
  c.setAutoPadding(false);
  return Buffer.concat([salt, iv, c.update(Buffer.concat([clear, Buffer.alloc(n, n)])), c.final()]).toString("base64");
}

/** Reverses encrypt(); throws when the text, passphrase or algorithms do not fit. */
export function decrypt(o: PbeOptions, passphrase: string, base64: Buffer): Buffer {
  const data = Buffer.from(base64.toString("latin1"), "base64");
  const p = prepare(o, passphrase, data.subarray(0, 16));
  if (data.length < 16 + p.ivLength) throw new Error("truncated");
  const d = cryptoModule().createDecipheriv(p.openssl, p.key, p.ivLength === 0 ? null : data.subarray(16, 16 + p.ivLength));
  d.setAutoPadding(false);
  const plain = Buffer.concat([d.update(data.subarray(16 + p.ivLength)), d.final()]);
  const n = plain.at(-1);
  if (n === undefined || n > plain.length) throw new Error("bad padding");
  return plain.subarray(0, plain.length - n);
}
