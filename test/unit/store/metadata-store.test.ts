import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compositeKey, type MetadataSnapshot, openFileMetadataStore } from "../../../src/broker/store/index.js";
import { useTmpDirs } from "./records.js";

const tmp = useTmpDirs("metastore");

const entries = (s: MetadataSnapshot, kind: keyof MetadataSnapshot): [string, unknown][] => [...s[kind]];

async function reopen(dir: string, compactAfterBytes?: number) {
  const warnings: string[] = [];
  const store = openFileMetadataStore(dir, { onWarning: (m) => warnings.push(m), ...(compactAfterBytes === undefined ? {} : { compactAfterBytes }) });
  const snapshot = await store.load();
  return { store, snapshot, warnings };
}

describe("file metadata store", () => {
  it("keeps puts and deletes across restarts", async () => {
    const dir = tmp();
    const { store, snapshot } = await reopen(dir);
    expect(snapshot.vhost.size).toBe(0);
    await store.put("vhost", "/", { name: "/", tags: [] });
    await store.put("vhost", "dev", { name: "dev" });
    await store.put("exchange", compositeKey("dev", "orders"), { type: "topic", durable: true });
    await store.put("vhost", "/", { name: "/", tags: ["prod"] });
    await store.delete("vhost", "dev");
    await store.close();

    const again = await reopen(dir);
    expect(entries(again.snapshot, "vhost")).toEqual([["/", { name: "/", tags: ["prod"] }]]);
    expect(again.snapshot.exchange.get(compositeKey("dev", "orders"))).toEqual({ type: "topic", durable: true });
    expect(again.warnings).toEqual([]);
    await again.store.close();
  });

  it("applies a list of changes whole, and a change that is not JSON changes nothing", async () => {
    const dir = tmp();
    const { store } = await reopen(dir);
    await store.apply([
      { op: "put", kind: "vhost", key: "v", value: { name: "v" } },
      { op: "put", kind: "queue", key: compositeKey("v", "q"), value: { durable: true } },
    ]);
    const bad = store.apply([
      { op: "delete", kind: "vhost", key: "v" },
      { op: "put", kind: "queue", key: "x", value: undefined as never },
    ]);
    await expect(bad).rejects.toThrow(/not JSON/);
    await expect(store.put("nonsense" as never, "k", 1)).rejects.toThrow(/malformed/);
    expect((await store.load()).vhost.has("v")).toBe(true);
    await store.close();
    const again = await reopen(dir);
    expect([again.snapshot.vhost.size, again.snapshot.queue.size]).toEqual([1, 1]);
    await again.store.close();
  });

  it("hands out copies: changing a loaded value does not change the store", async () => {
    const { store } = await reopen(tmp());
    await store.put("user", "guest", { tags: ["administrator"] });
    const first = await store.load();
    (first.user.get("guest") as { tags: string[] }).tags.push("mutated");
    expect((await store.load()).user.get("guest")).toEqual({ tags: ["administrator"] });
    await store.close();
  });

  it("compacts the log into a snapshot and recovers the same state from it", async () => {
    const dir = tmp();
    const { store } = await reopen(dir, 2000);
    for (let round = 0; round < 20; round++) {
      // one turn's worth of changes is one batch; each round rewrites the same keys, so compaction must shrink
      await Promise.all(Array.from({ length: 10 }, (_, i) => store.put("queue", `q${i}`, { round, arguments: { "x-max-length": i } })));
    }
    await store.delete("queue", "q3");
    await store.close();
    const files = readdirSync(dir).sort();
    const snapshotFile = files.find((f) => f.startsWith("snapshot."));
    const generation = snapshotFile?.split(".")[1];
    // only the newest generation is left, and it is far smaller than the ~16 KB of changes made
    expect(files.filter((f) => f !== `snapshot.${generation}` && f !== `log.${generation}`)).toEqual([]);
    const total = files.reduce((n, f) => n + statSync(join(dir, f)).size, 0);
    expect(total).toBeLessThan(6000);

    const again = await reopen(dir, 2000);
    expect(again.snapshot.queue.size).toBe(9);
    expect(again.snapshot.queue.get("q9")).toEqual({ round: 19, arguments: { "x-max-length": 9 } });
    expect(again.snapshot.queue.has("q3")).toBe(false);
    expect(again.warnings).toEqual([]);
    await again.store.close();
  });

  it("refuses changes before load", async () => {
    const store = openFileMetadataStore(tmp());
    await expect(store.put("vhost", "/", {})).rejects.toThrow(/before load/);
  });
});
