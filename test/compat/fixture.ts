// The node state the compat suite compares against: vhosts, users with tags, permissions, queues with
// messages and arguments, a non-ASCII queue name, exchanges, bindings with arguments, a policy, a consumer.
import amqp from "amqplib";
import { amqpUrl, http, onSide, sides } from "./harness.js";

export const VH = "compat";
export const VH_EMPTY = "compat-empty";
export const VH_ODD = "compat-odd";
export const USERS = { alice: "compat-alice", bob: "compat-bob" } as const;
export const Q = { unicode: "café-ü✓", plain: "q.plain", args: "q.args" } as const;

const enc = encodeURIComponent;

export interface Fixture {
  close(): Promise<void>;
}

async function must(method: string, path: string, body?: unknown): Promise<void> {
  const r = await http(method, path, body);
  if (r.status >= 300 && !(method === "DELETE" && r.status === 404)) {
    throw new Error(`${method} ${path} -> ${r.status} ${JSON.stringify(r.body)}`);
  }
}

export async function removeState(): Promise<void> {
  for (const v of [VH, VH_EMPTY, VH_ODD]) await must("DELETE", `/api/vhosts/${enc(v)}`);
  for (const u of Object.values(USERS)) await must("DELETE", `/api/users/${enc(u)}`);
}

/** Builds the state from scratch; the returned handle closes the consumer connection. */
export async function buildState(): Promise<Fixture> {
  await removeState();
  await must("PUT", `/api/vhosts/${enc(VH)}`, { description: "compat suite", tags: "qa,prod" });
  await must("PUT", `/api/vhosts/${enc(VH_EMPTY)}`, {});
  await must("PUT", `/api/vhosts/${enc(VH_ODD)}`, { description: "tab\there ü", tags: "" });
  await must("PUT", `/api/users/${enc(USERS.alice)}`, { password: "alice-pw", tags: "monitoring,management" });
  await must("PUT", `/api/users/${enc(USERS.bob)}`, { password: "bob-pw", tags: "" });
  await must("PUT", `/api/permissions/${enc(VH)}/guest`, { configure: ".*", write: ".*", read: ".*" });
  await must("PUT", `/api/permissions/${enc(VH_ODD)}/guest`, { configure: ".*", write: ".*", read: ".*" });
  await must("PUT", `/api/permissions/${enc(VH)}/${enc(USERS.alice)}`, { configure: "^amq\\.", write: "", read: ".*" });
  await must("PUT", `/api/topic-permissions/${enc(VH)}/${enc(USERS.alice)}`, { exchange: "amq.topic", write: "^a", read: ".*" });
  await must("PUT", `/api/policies/${enc(VH)}/ttl-pol`, { pattern: "^q\\.", definition: { "message-ttl": 60000 }, priority: 1, "apply-to": "queues" });
  await must("PUT", `/api/parameters/vhost-limits/${enc(VH)}/limits`, { value: { "max-queues": 50 } });

  const conns: amqp.ChannelModel[] = [];
  for (const s of sides) conns.push(await onSide(s, buildMessaging));
  return {
    async close() {
      for (const conn of conns) await conn.close().catch(() => undefined);
      await removeState();
    },
  };
}

/** Queues with messages, bindings and a consumer on the current side's node; returns the connection holding them. */
async function buildMessaging(): Promise<amqp.ChannelModel> {
  const conn = await amqp.connect(amqpUrl(VH));
  const ch = await conn.createChannel();
  await ch.assertQueue(Q.unicode, { durable: false });
  await ch.assertQueue(Q.plain, { durable: true });
  await ch.assertQueue(Q.args, {
    durable: true,
    arguments: { "x-max-length": 10, "x-message-ttl": 60000, "x-dead-letter-exchange": "dlx", "x-queue-mode": "lazy" },
  });
  await ch.assertExchange("ex.direct", "direct", { durable: true });
  await ch.bindQueue(Q.plain, "ex.direct", "rk1");
  await ch.bindQueue(Q.args, "ex.direct", "rk2", { "x-match": "all", n: 1 });
  ch.sendToQueue(Q.unicode, Buffer.from("one"));
  for (let i = 0; i < 3; i++) ch.sendToQueue(Q.plain, Buffer.from(`m${i}`), { persistent: true });
  const consumerCh = await conn.createChannel();
  await consumerCh.prefetch(10);
  await consumerCh.consume(Q.args, () => undefined, { consumerTag: "ctag-1" });
  // wait until the queues report the messages (publishes are asynchronous)
  for (let i = 0; i < 50; i++) {
    const r = await http("GET", `/api/queues/${enc(VH)}?disable_stats=true&enable_queue_totals=true`);
    const qs = r.body as { name: string; messages?: number }[];
    if (qs.find((q) => q.name === Q.plain)?.messages === 3 && qs.find((q) => q.name === Q.unicode)?.messages === 1) break;
    await new Promise((r2) => setTimeout(r2, 100));
  }
  // connection and channel figures in the HTTP API come from stats emitted every few seconds: wait for ours
  for (let i = 0; i < 100; i++) {
    const conns = (await http("GET", "/api/connections")).body as { vhost?: string; channels?: number }[];
    const chans = (await http("GET", `/api/vhosts/${enc(VH)}/channels`)).body as { consumer_count?: number }[];
    if (conns.some((c) => c.vhost === VH && c.channels === 2) && chans.length === 2 && chans.some((c) => c.consumer_count === 1)) break;
    await new Promise((r2) => setTimeout(r2, 200));
  }
  return conn;
}
