// Shared by the store tests: message records (fixed and arbitrary) and throwaway data directories.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, afterEach } from "vitest";
import type { MessageRecord } from "../../../src/broker/store/index.js";

/** A record whose body carries a label, so tests can tell records apart after recovery. */
export function record(label: string, bodyBytes = 0): MessageRecord {
  const body = Buffer.alloc(Math.max(bodyBytes, label.length), 0x2e);
  body.write(label, 0, "utf8");
  return {
    exchange: "amq.direct",
    routingKey: "rk",
    routingKeys: undefined,
    properties: Buffer.from([0x10, 0x00, 0x02]), // delivery-mode present, = 2
    body,
    priority: 0,
    expiresAt: Infinity,
  };
}

export const labelOf = (r: MessageRecord): string => r.body.toString("utf8").replace(/\.+$/, "");

/** Strings of at most max UTF-8 bytes (the shortstr limit for exchange names and routing keys). */
const shortString = (max = 255): fc.Arbitrary<string> => fc.string({ unit: "binary", maxLength: 80 }).filter((s) => Buffer.byteLength(s) <= max);

export const arbitraryRecord: fc.Arbitrary<MessageRecord> = fc.record({
  exchange: shortString(),
  routingKey: shortString(),
  routingKeys: fc.option(fc.array(fc.string({ unit: "binary", maxLength: 300 }), { minLength: 1, maxLength: 4 }), { nil: undefined }),
  properties: fc.uint8Array({ minLength: 2, maxLength: 64 }).map((a) => Buffer.from(a)),
  body: fc.uint8Array({ maxLength: 3000 }).map((a) => Buffer.from(a)),
  priority: fc.integer({ min: 0, max: 255 }),
  expiresAt: fc.oneof(fc.constant(Infinity), fc.integer({ min: 0, max: 2 ** 50 })),
});

/** A fresh directory per call, removed after the test (or, for fixtures made in beforeAll, after the file). */
export function useTmpDirs(prefix: string, removeAfter: "test" | "file" = "test"): () => string {
  const made: string[] = [];
  (removeAfter === "test" ? afterEach : afterAll)(() => {
    for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  return () => {
    const d = mkdtempSync(join(tmpdir(), `warren-${prefix}-`));
    made.push(d);
    return d;
  };
}

/** Plain-object form of a record, for deep equality (Buffers compared as bytes). */
export const plain = (r: MessageRecord): unknown => ({
  ...r,
  properties: [...r.properties],
  body: r.body.toString("hex"),
});
