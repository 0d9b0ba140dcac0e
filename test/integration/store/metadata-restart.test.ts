// Definitions survive a restart on the same data directory: everything durable comes back as it was, transient and
// exclusive queues (and what binds to them) do not, and deletions stay deleted.
import amqp from "amqplib";
import { describe, expect, it } from "vitest";
import { amqpLogin, buildTopology, sortedLists } from "../management/definitions-fixture.js";
import { useTmpDirs } from "../../unit/store/records.js";
import { type Api, apiOf, durablePart, strictApi, useRestarts } from "./restart-harness.js";

const tmp = useTmpDirs("meta-restart");
const brokers = useRestarts();
const P = "mr";
const V = `${P}-v`;
const enc = encodeURIComponent;

type Entry = Record<string, unknown>;
type Defs = Record<string, unknown>;

const pick = (e: Entry, keys: readonly string[]): Entry => Object.fromEntries(keys.map((k) => [k, e[k]]));

/** State the definitions export leaves out: vhost metadata, limits, the cluster name, the policies applied to queues. */
async function sideState(api: Api): Promise<unknown> {
  const get = async (path: string) => (await api("GET", path)).json;
  const q = (await get(`/queues/${enc(V)}/${P}-q1`)) as Entry;
  return {
    vhosts: ((await get("/vhosts")) as Entry[]).map((v) => pick(v, ["name", "description", "tags", "default_queue_type", "metadata"])),
    vhostLimits: await get(`/vhost-limits/${enc(V)}`),
    userLimits: await get("/user-limits"),
    clusterName: await get("/cluster-name"),
    operatorPolicies: await get("/operator-policies"),
    topicPermissions: await get("/topic-permissions"),
    users: await get("/users"),
    queuePolicies: { policy: q.policy, operator_policy: q.operator_policy, effective_policy_definition: q.effective_policy_definition },
  };
}

describe("definitions across a restart", () => {
  it("brings back every durable definition made over HTTP and AMQP, and none of the transient ones", async () => {
    const dir = tmp();
    const first = await brokers.start(dir);
    const api = strictApi(apiOf(first));
    const topology = await buildTopology(api, P);
    await api("PUT", `/cluster-name`, { name: "kept-cluster" });
    await api("PUT", `/vhosts/${enc(V)}`, { description: "described", tags: "prod,eu" });
    await api("PUT", `/vhosts/${P}-typed`, { description: { any: ["json"] }, defaultqueuetype: "classic" });

    const conn = await amqp.connect(`amqp://guest:guest@127.0.0.1:${first.amqpPort}/${enc(V)}`);
    const ch = await conn.createChannel();
    await ch.assertExchange(`${P}-ae`, "fanout", { durable: true });
    await ch.assertExchange(`${P}-ax`, "topic", { durable: true, arguments: { "alternate-exchange": `${P}-ae` } });
    await ch.assertExchange(`${P}-gone-x`, "direct", { durable: false });
    await ch.assertQueue(`${P}-aq`, { durable: true, arguments: { "x-message-ttl": 60_000, "x-max-priority": 3, "x-dead-letter-exchange": `${P}-ae`, "x-dead-letter-routing-key": "dl" } });
    await ch.assertQueue(`${P}-aeq`, { durable: true });
    await ch.assertQueue(`${P}-adq`, { durable: true, autoDelete: true });
    await ch.assertQueue(`${P}-tq`, { durable: false });
    await ch.assertQueue(`${P}-xq`, { exclusive: true, durable: true });
    await ch.bindQueue(`${P}-aq`, `${P}-ax`, "a.#", { big: 2 ** 40, s: "text", f: 1.5, b: true });
    await ch.bindQueue(`${P}-aeq`, `${P}-ae`, "");
    await ch.bindExchange(`${P}-ae`, `${P}-ax`, "e2e.*", { e: 1 });
    await ch.bindQueue(`${P}-tq`, `${P}-ax`, "t");
    await ch.bindQueue(`${P}-xq`, `${P}-ax`, "x");
    await ch.bindQueue(`${P}-aq`, `${P}-gone-x`, "k");
    await ch.bindQueue(`${P}-aq`, "amq.topic", "from.amq.#");

    // guest goes; another administrator stays
    await api("PUT", "/users/mr-root", { password: "root-pw", tags: "administrator" });
    await api("PUT", `/permissions/%2F/mr-root`, { configure: ".*", write: ".*", read: ".*" });
    await api("PUT", `/permissions/${enc(V)}/mr-root`, { configure: ".*", write: ".*", read: ".*" });
    const root = strictApi(apiOf(first, "mr-root:root-pw"));
    await root("DELETE", "/users/guest");

    const before = (await root("GET", "/definitions")).json as Defs;
    const sideBefore = await sideState(root);
    expect(sideBefore).toMatchObject({
      vhosts: expect.arrayContaining([
        expect.objectContaining({ name: V, description: "described", tags: ["prod", "eu"] }),
        expect.objectContaining({ name: `${P}-typed`, description: { any: ["json"] }, default_queue_type: "classic" }),
      ]),
      clusterName: { name: "kept-cluster" },
      queuePolicies: { policy: `${P}-pol`, operator_policy: `${P}-op` },
      vhostLimits: [{ vhost: V, value: { "max-queues": 50, "max-connections": 20 } }],
    });
    expect((before.queues as Entry[]).map((q) => q.name)).toContain(`${P}-tq`);
    await conn.close().catch(() => {});
    await first.close();

    const second = await brokers.start(dir);
    const api2 = apiOf(second, "mr-root:root-pw");
    const after = (await api2("GET", "/definitions")).json as Defs;
    expect(durablePart(after)).toEqual(durablePart(before));
    expect(sortedLists(after)).not.toEqual(sortedLists(before)); // the transient parts did go
    expect(await sideState(api2)).toEqual(sideBefore);
    expect((await api2("GET", `/queues/${enc(V)}/${P}-tq`)).status).toBe(404);
    expect((await api2("GET", `/queues/${enc(V)}/${P}-xq`)).status).toBe(404);
    expect((await api2("GET", `/exchanges/${enc(V)}/${P}-gone-x`)).status).toBe(404);
    expect((await api2("GET", `/queues/${enc(V)}/${P}-adq`)).status).toBe(200);

    // the users log in with their passwords (hashes of every algorithm kept), guest stays deleted
    for (const [user, password] of Object.entries(topology.passwords)) {
      // the ops user has no permissions on the vhost, only tags for the management API
      const loggedIn = user === `${P}-ops` ? (await api2("GET", "/whoami", undefined, `${user}:${password}`)).status === 200 : await amqpLogin(second.amqpPort, user, password, V);
      expect(loggedIn, user).toBe(true);
    }
    expect((await api2("GET", "/whoami", undefined, `${P}-ops:wrong`)).status).toBe(401);
    expect(await amqpLogin(second.amqpPort, "guest", "guest", "/")).toBe(false);
    expect((await api2("GET", "/whoami", undefined, "guest:guest")).status).toBe(401);

    // bindings route again, e2e and through the alternate exchange
    const c2 = await amqp.connect(`amqp://mr-root:root-pw@127.0.0.1:${second.amqpPort}/${enc(V)}`);
    const ch2 = await c2.createConfirmChannel();
    ch2.publish(`${P}-ax`, "a.b", Buffer.from("1"));
    ch2.publish(`${P}-ax`, "e2e.x", Buffer.from("2"));
    ch2.publish(`${P}-ax`, "nowhere", Buffer.from("3"));
    ch2.publish("amq.topic", "from.amq.x", Buffer.from("4"));
    await ch2.waitForConfirms();
    expect((await ch2.checkQueue(`${P}-aq`)).messageCount).toBe(2);
    expect((await ch2.checkQueue(`${P}-aeq`)).messageCount).toBe(2);
    await c2.close();
  });

  it("stores the first-start definitions once: a second start keeps guest and the cluster id, and ignores the users option", async () => {
    const dir = tmp();
    const first = await brokers.start(dir);
    const before = (await apiOf(first)("GET", "/definitions")).json as Defs;
    expect((before.users as Entry[]).map((u) => u.name)).toEqual(["guest"]);
    await first.close();
    const second = await brokers.start(dir, { users: [{ name: "mr-other", password: "x", tags: ["administrator"] }] });
    const after = (await apiOf(second)("GET", "/definitions")).json as Defs;
    expect(after).toEqual(before);
    expect(after.global_parameters).toEqual([expect.objectContaining({ name: "internal_cluster_id" })]);
  });

  it("keeps deletions: vhost, user and queue deletions take their permissions, bindings and policies along", async () => {
    const dir = tmp();
    const first = await brokers.start(dir);
    const api = strictApi(apiOf(first));
    await buildTopology(api, "gone");
    await buildTopology(api, "kept");
    await api("DELETE", `/vhosts/gone-v`);
    await api("DELETE", `/users/kept-app`);
    await api("DELETE", `/queues/kept-v/kept-q1`);
    await api("DELETE", `/exchanges/kept-v/kept-fx`);
    await api("DELETE", `/global-parameters/kept-g`);
    await api("DELETE", `/policies/kept-v/kept-pol`);
    await api("PUT", `/user-limits/kept-ops/max-connections`, { value: 5 });
    await api("PUT", `/user-limits/kept-ops/max-channels`, { value: 6 });
    await api("DELETE", `/user-limits/kept-ops/max-channels`);
    // made again under the same names, without bindings: the old ones must not come back to them
    await api("PUT", `/queues/kept-v/kept-q1`, { durable: true });
    await api("PUT", `/exchanges/kept-v/kept-fx`, { type: "fanout", durable: true });
    // a vhost of a deleted vhost's name starts empty, with no permissions left over
    await api("PUT", `/vhosts/gone-v`);
    await api("DELETE", `/permissions/gone-v/guest`);
    const before = (await api("GET", "/definitions")).json as Defs;
    await first.close();

    const second = await brokers.start(dir);
    const after = (await apiOf(second)("GET", "/definitions")).json as Defs;
    expect(durablePart(after)).toEqual(durablePart(before));
    const names = (k: string) => (after[k] as Entry[]).map((e) => e.name ?? e.user ?? e.destination);
    expect(names("queues")).toContain("kept-q1");
    expect(names("queues")).not.toContain("gone-q1");
    expect((after.permissions as Entry[]).filter((p) => p.vhost === "gone-v")).toEqual([]);
    expect((after.bindings as Entry[]).filter((b) => b.destination === "kept-q1" || b.source === "kept-fx" || b.destination === "kept-fx")).toEqual([]);
    expect(names("users")).not.toContain("kept-app");
    const limits = (await apiOf(second)("GET", "/user-limits")).json as Entry[];
    expect(limits.filter((l) => String(l.user).startsWith("kept-"))).toEqual([{ user: "kept-ops", value: { "max-connections": 5 } }]);
  });

  it("an auto-delete exchange that lost its last binding and an auto-delete queue that lost its consumer stay gone", async () => {
    const dir = tmp();
    const first = await brokers.start(dir);
    const conn = await amqp.connect(`amqp://guest:guest@127.0.0.1:${first.amqpPort}`);
    const ch = await conn.createChannel();
    await ch.assertExchange("ad-x", "direct", { durable: true, autoDelete: true });
    await ch.assertQueue("ad-q", { durable: true, autoDelete: true });
    await ch.assertQueue("plain-q", { durable: true });
    await ch.bindQueue("plain-q", "ad-x", "k");
    const { consumerTag } = await ch.consume("ad-q", () => {});
    await ch.cancel(consumerTag);
    await ch.unbindQueue("plain-q", "ad-x", "k");
    await conn.close();
    const api = apiOf(first);
    expect((await api("GET", "/exchanges/%2F/ad-x")).status).toBe(404);
    // the HTTP side waits for pending writes; AMQP's deletions above are written by now too
    await api("PUT", "/vhosts/sync-point");
    await first.close();

    const second = await brokers.start(dir);
    const api2 = apiOf(second);
    expect((await api2("GET", "/exchanges/%2F/ad-x")).status).toBe(404);
    expect((await api2("GET", "/queues/%2F/ad-q")).status).toBe(404);
    expect((await api2("GET", "/queues/%2F/plain-q")).status).toBe(200);
  });

  it("a durable auto-delete queue whose consumer is connected at shutdown comes back", async () => {
    const dir = tmp();
    const first = await brokers.start(dir);
    const conn = await amqp.connect(`amqp://guest:guest@127.0.0.1:${first.amqpPort}`);
    conn.on("error", () => {});
    const ch = await conn.createChannel();
    await ch.assertQueue("ad-live", { durable: true, autoDelete: true });
    await ch.consume("ad-live", () => {});
    await apiOf(first)("PUT", "/vhosts/sync-point");
    await first.close();
    const second = await brokers.start(dir);
    expect((await apiOf(second)("GET", "/queues/%2F/ad-live")).status).toBe(200);
  });
});
