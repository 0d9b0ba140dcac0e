// Definitions round trip with the real RabbitMQ 3.10.8 on this machine, both ways: a topology built on RabbitMQ is
// exported, imported into warren (its users log in to warren with their RabbitMQ passwords), exported from warren,
// renamed and imported into RabbitMQ; then the two nodes' views are compared. Skipped without a RabbitMQ, except on CI.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useManagement } from "./auth-harness.js";
import { amqpLogin, buildTopology, renamed, sortedLists, type Topology, topologyPart } from "./definitions-fixture.js";

const RABBIT = "http://127.0.0.1:15672";
const AUTH = `Basic ${Buffer.from("guest:guest").toString("base64")}`;

async function reachable(): Promise<boolean> {
  try {
    return (await fetch(`${RABBIT}/api/overview`, { headers: { authorization: AUTH }, signal: AbortSignal.timeout(3000) })).ok;
  } catch {
    return false;
  }
}

const REAL = await reachable();
if (!REAL && process.env.CI) throw new Error("CI needs a local RabbitMQ with rabbitmq_management for the definitions round trip");

type Client = (method: string, path: string, body?: unknown, auth?: string) => Promise<{ status: number; text: string }>;

/** A management API client for one node; `auth` is "user:password". */
const client =
  (base: () => string): Client =>
  async (method, path, body, auth = "guest:guest") => {
    const r = await fetch(`${base()}/api${path}`, {
      method,
      headers: { authorization: `Basic ${Buffer.from(auth).toString("base64")}`, "content-type": "application/json" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: r.status, text: await r.text() };
  };

/** The prefix of what this test builds on RabbitMQ (A), and of warren's copy imported back into it (B). */
const A = "h8-rt";
const B = "h8-rb";
const NODE = /\b(?:rabbit|warren)@[A-Za-z0-9_.-]+/g;

/**
 * A file's parameters as any import stores them: an object value becomes a property list in key order, so an
 * operator policy made with PUT (pattern, definition, priority, apply-to) reads back with its keys sorted. The
 * warren -> RabbitMQ direction below shows RabbitMQ doing the same.
 */
function asImported<T extends Record<string, unknown>>(defs: T): T {
  const sortKeys = (v: unknown) => (v !== null && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1))) : v);
  const parameters = (defs.parameters as Record<string, unknown>[]).map((p) => ({ ...p, value: sortKeys(p.value) }));
  return { ...defs, parameters };
}

describe.skipIf(!REAL)("definitions round trip with RabbitMQ 3.10.8", () => {
  const m = useManagement();
  const rabbit = client(() => RABBIT);
  const warren = client(() => `http://127.0.0.1:${m.broker.httpPort}`);
  const read = async (call: Client, path: string) => JSON.parse((await call("GET", path)).text) as Record<string, unknown>;
  let topology: Topology;

  /** Removes everything named after either prefix from the real node (also what a crashed run left behind). */
  async function cleanRabbit(): Promise<void> {
    for (const p of [A, B]) {
      await rabbit("DELETE", `/vhosts/${p}-v`);
      await rabbit("DELETE", `/vhosts/${p}-pv`);
      await rabbit("DELETE", `/global-parameters/${p}-g`);
    }
    const users = JSON.parse((await rabbit("GET", "/users")).text) as { name: string }[];
    for (const u of users) if (u.name.startsWith(`${A}-`) || u.name.startsWith(`${B}-`)) await rabbit("DELETE", `/users/${encodeURIComponent(u.name)}`);
  }

  beforeAll(async () => {
    await cleanRabbit();
    topology = await buildTopology(rabbit, A);
  });
  afterAll(cleanRabbit);

  /** What a node shows of topology `p`: every object's own endpoint, with lists in a stable order and node names masked. */
  async function views(call: Client, p: string): Promise<string> {
    const v = `${p}-v`;
    const paths = [
      `/vhosts/${v}?disable_stats=true`,
      `/vhosts/${v}/permissions`,
      `/vhosts/${v}/topic-permissions`,
      ...Object.keys(topology.passwords).map((u) => `/users/${u.replace(A, p)}`),
      `/user-limits/${p}-app`,
      `/vhost-limits/${v}`,
      `/policies/${v}`,
      `/operator-policies/${v}`,
      `/global-parameters/${p}-g`,
      `/exchanges/${v}?columns=name,vhost,type,durable,auto_delete,internal,arguments`,
      `/queues/${v}?disable_stats=true&columns=name,vhost,durable,auto_delete,exclusive,arguments`,
      `/bindings/${v}`,
    ];
    const out: Record<string, unknown> = {};
    for (const path of paths) {
      const r = await call("GET", path);
      const body = JSON.parse(r.text) as unknown;
      out[path] = [r.status, Array.isArray(body) ? sortedLists({ l: body }).l : body];
    }
    return JSON.stringify(out).replace(NODE, "<node>").split(p).join("<p>");
  }

  it("RabbitMQ -> warren: RabbitMQ's export imports whole, and its users log in to warren with their RabbitMQ passwords", async () => {
    const source = topologyPart(await read(rabbit, "/definitions"), A);
    expect(source.queues).toHaveLength(2);
    expect((await warren("POST", "/definitions", { rabbit_version: "3.10.8", ...source })).status).toBe(204);
    expect(JSON.stringify(sortedLists(topologyPart(await read(warren, "/definitions"), A)))).toBe(JSON.stringify(sortedLists(asImported(source))));
    for (const user of [`${A}-app`, `${A}-s512`, `${A}-md5`]) {
      expect(await amqpLogin(m.broker.amqpPort, user, topology.passwords[user]!, topology.vhost), user).toBe(true);
      expect(await amqpLogin(m.broker.amqpPort, user, "not-it", topology.vhost), user).toBe(false);
    }
    // over HTTP, each user gets what RabbitMQ gives them: in with a management tag, "Not management user" without
    for (const [user, password] of Object.entries(topology.passwords)) {
      const [w, r] = [await warren("GET", "/whoami", undefined, `${user}:${password}`), await rabbit("GET", "/whoami", undefined, `${user}:${password}`)];
      expect([w.status, w.text], user).toEqual([r.status, r.text]);
    }
  });

  it("RabbitMQ -> warren, one vhost: the per-vhost export imports into another vhost and exports the same", async () => {
    const source = await read(rabbit, `/definitions/${A}-v`);
    await warren("PUT", `/vhosts/${A}-pv`);
    expect((await warren("POST", `/definitions/${A}-pv`, source)).status).toBe(204);
    const copy = await read(warren, `/definitions/${A}-pv`);
    expect(JSON.stringify(sortedLists(copy))).toBe(JSON.stringify(sortedLists(asImported(renamed(source, `"${A}-v"`, `"${A}-pv"`)))));
  });

  it("warren -> RabbitMQ: warren's export, renamed, imports into RabbitMQ, where the users log in with the same passwords", async () => {
    const mine = topologyPart(await read(warren, "/definitions"), A);
    const r = await rabbit("POST", "/definitions", renamed(mine, A, B));
    expect([r.status, r.text]).toEqual([204, ""]);
    expect(JSON.stringify(sortedLists(renamed(topologyPart(await read(rabbit, "/definitions"), B), B, A)))).toBe(JSON.stringify(sortedLists(mine)));
    for (const user of [`${B}-app`, `${B}-s512`, `${B}-md5`]) {
      expect(await amqpLogin(5672, user, topology.passwords[user.replace(B, A)]!, `${B}-v`), user).toBe(true);
    }
    const perVhost = await read(warren, `/definitions/${A}-pv`);
    await rabbit("PUT", `/vhosts/${B}-pv`);
    expect((await rabbit("POST", `/definitions/${B}-pv`, renamed(perVhost, A, B))).status).toBe(204);
    expect(JSON.stringify(sortedLists(renamed(await read(rabbit, `/definitions/${B}-pv`), B, A)))).toBe(JSON.stringify(sortedLists(perVhost)));
  });

  it("both imported copies look the same on each node's own endpoints; neither kept the vhost's description (3.10.8 does not export it)", async () => {
    expect(await views(warren, A)).toBe(await views(rabbit, B));
    expect(JSON.parse((await warren("GET", `/vhosts/${A}-v`)).text)).toMatchObject({ description: "", tags: [] });
    expect(JSON.parse((await rabbit("GET", `/vhosts/${A}-v`)).text)).toMatchObject({ description: `${A} vhost`, tags: ["prod", "eu"] });
  });
});
