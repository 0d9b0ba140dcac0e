// The subscriber between the domain and a MetadataStore, against a store that records what it is asked to apply.
import { describe, expect, it } from "vitest";
import { deleteUser } from "../../../src/broker/auth/user-lifecycle.js";
import { UserStore } from "../../../src/broker/auth/users.js";
import { Broker } from "../../../src/broker/broker.js";
import { MetadataPersistence } from "../../../src/broker/persistence/metadata-persistence.js";
import { compositeKey, METADATA_KINDS, type MetadataChange, type MetadataSnapshot, type MetadataStore } from "../../../src/broker/store/index.js";
import { bind } from "../../../src/broker/vhost/bind.js";
import { declareExchange } from "../../../src/broker/vhost/declare-exchange.js";
import { declareQueue } from "../../../src/broker/vhost/declare-queue.js";

/** Records every apply; each one settles when the test releases it, as a slow disk would. */
class RecordingStore implements MetadataStore {
  readonly applied: MetadataChange[][] = [];
  private readonly releases: (() => void)[] = [];
  autoRelease = true;

  load(): Promise<MetadataSnapshot> {
    return Promise.resolve(Object.fromEntries(METADATA_KINDS.map((k) => [k, new Map()])) as unknown as MetadataSnapshot);
  }

  apply(changes: readonly MetadataChange[]): Promise<void> {
    this.applied.push([...changes]);
    if (this.autoRelease) return Promise.resolve();
    return new Promise((resolve) => this.releases.push(resolve));
  }

  put(): Promise<void> {
    throw new Error("the persister applies change sets");
  }

  delete(): Promise<void> {
    throw new Error("the persister applies change sets");
  }

  release(): void {
    for (const r of this.releases.splice(0)) r();
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}

const quiet = { warning: () => {}, error: (m: string) => void expect.fail(m) };
const q = (name: string, durable: boolean, exclusive = false) => ({ name, durable, autoDelete: false, exclusive, arguments: new Map() });
const turn = () => new Promise((r) => setImmediate(r));

async function opened() {
  const broker = new Broker(new UserStore());
  const store = new RecordingStore();
  const persistence = await MetadataPersistence.open(broker, store, quiet);
  store.applied.length = 0;
  return { broker, store, persistence, root: broker.vhosts.get("/")! };
}

describe("metadata persistence", () => {
  it("stores the first-start definitions: guest, its permission, vhost / and the cluster id", async () => {
    const broker = new Broker(new UserStore());
    const store = new RecordingStore();
    await MetadataPersistence.open(broker, store, quiet);
    expect(store.applied).toHaveLength(1);
    expect(store.applied[0]!.map((c) => `${c.op} ${c.kind} ${c.key}`).sort()).toEqual(
      ["put globalParameter [\"internal_cluster_id\"]", "put permission [\"/\",\"guest\"]", "put user [\"guest\"]", "put vhost [\"/\"]"].sort(),
    );
  });

  it("writes what one synchronous run changed as one change set, and nothing for transient or exclusive queues", async () => {
    const { broker, store, root } = await opened();
    const owner = {};
    declareQueue(root, undefined, q("t", false));
    declareQueue(root, owner, q("x", true, true));
    root.deleteQueue(root.queues.get("t")!);
    await turn();
    expect(store.applied).toEqual([]);

    broker.addVhost("v");
    const v = broker.vhosts.get("v")!;
    const { exchange } = declareExchange(v, { name: "x", type: "direct", durable: true, autoDelete: false, internal: false, arguments: new Map() });
    declareQueue(v, undefined, q("d", true));
    bind(v, exchange, { destKind: "queue", destination: "d", routingKey: "k", arguments: new Map() });
    await turn();
    expect(store.applied).toHaveLength(1);
    expect(store.applied[0]!.map((c) => `${c.op} ${c.kind}`).sort()).toEqual(["put binding", "put exchange", "put queue", "put vhost"]);

    // the deletion and everything it cascades into go together
    broker.deleteVhost("v");
    await turn();
    expect(store.applied).toHaveLength(2);
    expect(store.applied[1]!.map((c) => `${c.op} ${c.kind}`).sort()).toEqual(["delete binding", "delete exchange", "delete queue", "delete vhost"]);
  });

  it("writes a record only when it changed, and settles flushed() only once the store has it", async () => {
    const { store, persistence, root } = await opened();
    root.description = "Default virtual host";
    await turn();
    expect(store.applied).toEqual([]);

    store.autoRelease = false;
    root.tags = ["a"];
    root.description = "changed";
    let durable = false;
    const waiting = persistence.flushed().then(() => (durable = true));
    await turn();
    expect(store.applied).toEqual([[{ op: "put", kind: "vhost", key: compositeKey("/"), value: { name: "/", description: "changed", tags: ["a"] } }]]);
    expect(durable).toBe(false);
    store.release();
    await waiting;
    expect(durable).toBe(true);
  });

  it("a deleted user takes their permissions, topic permissions and limits along; after detach nothing is written", async () => {
    const { broker, store, persistence } = await opened();
    broker.users.put({ name: "u", passwordHash: "", hashingAlgorithm: "rabbit_password_hashing_sha256", tags: [] });
    broker.permissions.set("/", "u", { configure: ".*", write: ".*", read: ".*" });
    broker.topicPermissions.set("/", "u", { exchange: "amq.topic", write: ".*", read: ".*" });
    broker.userLimits.set("u", "max-channels", 3);
    await turn();
    deleteUser(broker, "u");
    await turn();
    expect(store.applied).toHaveLength(2);
    expect(store.applied[1]!.map((c) => `${c.op} ${c.kind}`).sort()).toEqual(["delete permission", "delete topicPermission", "delete user", "delete userLimits"]);

    persistence.detach();
    broker.addVhost("after");
    await turn();
    expect(store.applied).toHaveLength(2);
  });
});

describe("metadata persistence after a failed write", () => {
  it("writes the changes of a failed write again, as they are by then, and reports the failure", async () => {
    const broker = new Broker(new UserStore());
    const store = new RecordingStore();
    const errors: string[] = [];
    const persistence = await MetadataPersistence.open(broker, store, { warning: () => {}, error: (m) => void errors.push(m) }, 20);
    store.applied.length = 0;
    const root = broker.vhosts.get("/")!;
    // the disk refuses the next write
    const apply = store.apply.bind(store);
    let failures = 1;
    store.apply = (changes) => (failures-- > 0 ? (store.applied.push([...changes]), Promise.reject(new Error("ENOSPC"))) : apply(changes));
    declareQueue(root, undefined, q("kept", true));
    declareQueue(root, undefined, q("gone", true));
    await expect(persistence.flushed()).rejects.toThrow("ENOSPC");
    // meanwhile one of them is deleted again: the retry must not bring it back
    root.deleteQueue(root.queues.get("gone")!);
    await new Promise((r) => setTimeout(r, 60));
    await persistence.flushed();
    expect(errors).toEqual([expect.stringContaining("trying again in 20 ms: ENOSPC")]);
    const retried = store.applied.slice(1).flat();
    expect(retried.find((c) => c.op === "put" && c.key === compositeKey("/", "kept"))).toBeDefined();
    expect(retried.find((c) => c.key === compositeKey("/", "gone"))?.op).toBe("delete");
  });
});
