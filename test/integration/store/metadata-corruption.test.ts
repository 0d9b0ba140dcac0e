// A damaged metadata log still starts the broker with everything that is intact: a garbage tail or a torn last
// record is dropped (and logged), records that do not describe anything restorable are skipped and cleaned up.
import { appendFileSync, readdirSync, readFileSync, statSync, truncateSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compositeKey, openFileMetadataStore } from "../../../src/broker/store/index.js";
import { useTmpDirs } from "../../unit/store/records.js";
import { apiOf, metadataDir, NODE, strictApi, useRestarts } from "./restart-harness.js";

const tmp = useTmpDirs("meta-corrupt");
const brokers = useRestarts();
const VHOSTS = ["c1", "c2", "c3", "c4", "c5"];

/** A node with five vhosts, each created by its own request (so each is its own log record); returns the log file. */
async function nodeWithVhosts(dir: string): Promise<{ log: string; nodeName: string }> {
  const b = await brokers.start(dir);
  const api = strictApi(apiOf(b));
  for (const v of VHOSTS) await api("PUT", `/vhosts/${v}`, { description: `vhost ${v}` });
  await b.close();
  const meta = metadataDir(dir, b.nodeName);
  const logs = readdirSync(meta).filter((n) => n.startsWith("log."));
  expect(logs).toHaveLength(1);
  return { log: join(meta, logs[0]!), nodeName: b.nodeName };
}

const vhostNames = async (api: ReturnType<typeof apiOf>): Promise<string[]> => ((await api("GET", "/vhosts")).json as { name: string }[]).map((v) => v.name).sort();

describe("a damaged metadata log", () => {
  it("with garbage appended: the broker starts with everything, logs the dropped tail, and appends after the intact data", async () => {
    const dir = tmp();
    const { log } = await nodeWithVhosts(dir);
    appendFileSync(log, Buffer.from("\u0000\u0001garbage that is no record at all \u00ff\u00fe", "latin1"));
    const nodeLog = join(tmp(), "node.log");
    const b = await brokers.start(dir, { log: nodeLog });
    expect(await vhostNames(apiOf(b))).toEqual(["/", ...VHOSTS]);
    expect(readFileSync(nodeLog, "utf8")).toMatch(/\[warning\] metadata store: .*torn tail/);
    await strictApi(apiOf(b))("PUT", "/vhosts/c6");
    await b.close();
    const again = await brokers.start(dir);
    expect(await vhostNames(apiOf(again))).toEqual(["/", ...VHOSTS, "c6"]);
  });

  it("truncated inside its last record: that change is lost, every earlier one is there", async () => {
    const dir = tmp();
    const { log } = await nodeWithVhosts(dir);
    truncateSync(log, statSync(log).size - 3);
    const b = await brokers.start(dir);
    const api = apiOf(b);
    expect(await vhostNames(api)).toEqual(["/", ...VHOSTS.slice(0, -1)]);
    // the vhost's permission went in the same record, so it went with it
    expect((await api("GET", "/permissions")).json).toEqual(expect.not.arrayContaining([expect.objectContaining({ vhost: "c5" })]));
    expect((await api("GET", "/vhosts/c4")).json).toMatchObject({ description: "vhost c4" });
  });

  it("truncated to nothing: the node starts as on its first start", async () => {
    const dir = tmp();
    const { log } = await nodeWithVhosts(dir);
    truncateSync(log, 0);
    const b = await brokers.start(dir);
    expect(await vhostNames(apiOf(b))).toEqual(["/"]);
    expect((await apiOf(b)("GET", "/whoami")).status).toBe(200);
  });

  it("records that are well framed but describe nothing restorable are skipped, logged, and removed from the store", async () => {
    const dir = tmp();
    const { nodeName } = await nodeWithVhosts(dir);
    const meta = metadataDir(dir, nodeName);
    const store = openFileMetadataStore(meta);
    await store.load();
    const bad: [Parameters<typeof store.put>[0], string, unknown][] = [
      ["queue", compositeKey("no-such-vhost", "q"), { name: "q", autoDelete: false, arguments: "AAAAAA==" }],
      ["exchange", compositeKey("c1", "x"), { type: 42 }],
      ["exchange", compositeKey("c1", "odd"), { name: "odd", type: "x-no-such-type", autoDelete: false, internal: false, arguments: "AAAAAA==" }],
      ["binding", compositeKey("c1", "amq.direct", "id"), { source: "amq.direct", destinationType: "queue", destination: "missing", routingKey: "", arguments: "AAAAAA==" }],
      ["user", compositeKey("mallory"), { name: "mallory" }],
      ["permission", "not a key", { configure: ".*", write: ".*", read: ".*" }],
    ];
    for (const [kind, key, value] of bad) await store.put(kind, key, value as never);
    await store.put("queue", compositeKey("c1", "good-q"), { name: "good-q", autoDelete: false, arguments: "AAAAAA==" });
    await store.close();

    const nodeLog = join(tmp(), "node.log");
    const b = await brokers.start(dir, { log: nodeLog });
    const api = apiOf(b);
    expect(await vhostNames(api)).toEqual(["/", ...VHOSTS]);
    expect((await api("GET", "/queues/c1/good-q")).status).toBe(200);
    expect((await api("GET", "/users/mallory")).status).toBe(404);
    expect((await api("GET", "/exchanges/c1/odd")).status).toBe(404);
    expect(readFileSync(nodeLog, "utf8").match(/metadata store: skipped the stored/g)).toHaveLength(bad.length);
    await b.close();

    const reread = openFileMetadataStore(meta);
    const snapshot = await reread.load();
    for (const [kind, key] of bad) expect(snapshot[kind].has(key), `${kind} ${key}`).toBe(false);
    expect(snapshot.queue.has(compositeKey("c1", "good-q"))).toBe(true);
    await reread.close();
    expect(nodeName.startsWith(`${NODE}@`)).toBe(true);
  });
});
