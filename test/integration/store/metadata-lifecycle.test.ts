// The other ways definitions change: a definitions import, a node reset, and the promise that an HTTP reply to a
// change comes only once the change is on disk.
import { cpSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { compositeKey, openFileMetadataStore } from "../../../src/broker/store/index.js";
import { buildTopology, topologyPart } from "../management/definitions-fixture.js";
import { useTmpDirs } from "../../unit/store/records.js";
import { apiOf, durablePart, metadataDir, strictApi, useRestarts } from "./restart-harness.js";

const tmp = useTmpDirs("meta-life");
const brokers = useRestarts();

type Defs = Record<string, unknown>;

describe("definitions import and reset", () => {
  it("an imported definitions file is stored like any other change", async () => {
    const source = await brokers.start(tmp());
    await buildTopology(strictApi(apiOf(source)), "imp");
    const exported = topologyPart((await apiOf(source)("GET", "/definitions")).json as Defs, "imp");

    const dir = tmp();
    const first = await brokers.start(dir);
    expect((await apiOf(first)("POST", "/definitions", { rabbit_version: "3.10.8", ...exported })).status).toBe(204);
    const imported = topologyPart((await apiOf(first)("GET", "/definitions")).json as Defs, "imp");
    await first.close();

    const second = await brokers.start(dir);
    const after = topologyPart((await apiOf(second)("GET", "/definitions")).json as Defs, "imp");
    expect(durablePart(after)).toEqual(durablePart(imported));
    expect((after.exchanges as unknown[]).length).toBe(3);
    expect((after.users as unknown[]).length).toBe(4);
  });

  it("reset wipes the stored definitions too: the next start has the first-start ones", async () => {
    const dir = tmp();
    const first = await brokers.start(dir);
    const api = strictApi(apiOf(first));
    const idBefore = (await api("GET", "/global-parameters/internal_cluster_id")).json;
    await buildTopology(api, "rst");
    await api("PUT", "/cluster-name", { name: "before-reset" });
    await api("POST", "/warren/extensions/stop_app", {});
    await api("POST", "/warren/extensions/reset", {});
    await api("POST", "/warren/extensions/start_app", {});
    const fresh = (await api("GET", "/definitions")).json as Defs;
    expect((fresh.vhosts as unknown[]).length).toBe(1);
    expect((await api("GET", "/global-parameters/internal_cluster_id")).json).not.toEqual(idBefore);
    await api("PUT", "/vhosts/after-reset");
    const before = (await api("GET", "/definitions")).json as Defs;
    await first.close();

    const second = await brokers.start(dir);
    const api2 = apiOf(second);
    expect((await api2("GET", "/definitions")).json).toEqual(before);
    expect((await api2("GET", "/cluster-name")).json).toEqual({ name: second.nodeName });
  });
});

describe("replies wait for the disk", () => {
  it("every change acknowledged over HTTP is already in the metadata store when the reply arrives", async () => {
    const dir = tmp();
    const broker = await brokers.start(dir);
    const api = apiOf(broker);
    const names = Array.from({ length: 40 }, (_, i) => `ack-${i}`);
    const copies: [string, string][] = [];
    await Promise.all(
      names.map((n) =>
        api("PUT", `/vhosts/${n}`).then((r) => {
          expect(r.status).toBe(201);
          // taken the moment the reply is in: what the store holds then must include this vhost
          const copy = tmp();
          cpSync(metadataDir(dir, broker.nodeName), copy, { recursive: true });
          copies.push([n, copy]);
        }),
      ),
    );
    for (const [n, copy] of copies) {
      const store = openFileMetadataStore(copy, { onWarning: () => {} });
      const snapshot = await store.load();
      expect(snapshot.vhost.has(compositeKey(n)), n).toBe(true);
      expect(snapshot.permission.has(compositeKey(n, "guest")), n).toBe(true);
      await store.close();
    }
  });
});
