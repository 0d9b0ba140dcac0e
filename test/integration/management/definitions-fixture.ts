// A topology with one of everything definitions carry, built through the management API (warren's or RabbitMQ's),
// and the credentials of its users, for the definitions tests.
import { createHash, randomBytes } from "node:crypto";
import amqp from "amqplib";

export type Call = (method: string, path: string, body?: unknown) => Promise<{ status: number; text: string }>;

/** RabbitMQ's stored password form: base64(salt ++ digest(salt ++ password)). */
export function rabbitHash(digest: "sha256" | "sha512" | "md5", password: string): string {
  const salt = randomBytes(4);
  return Buffer.concat([salt, createHash(digest).update(salt).update(password).digest()]).toString("base64");
}

/** Whether user:password logs in over AMQP (to `vhost`) on the node listening on `port`. */
export async function amqpLogin(port: number, user: string, password: string, vhost: string): Promise<boolean> {
  try {
    const c = await amqp.connect(`amqp://${user}:${password}@127.0.0.1:${port}/${encodeURIComponent(vhost)}`);
    await c.close();
    return true;
  } catch {
    return false;
  }
}

export interface Topology {
  vhost: string;
  /** user -> password, for every user the topology creates. */
  passwords: Record<string, string>;
}

const enc = encodeURIComponent;

/** Builds the topology named after `p`; every call must succeed (2xx). */
export async function buildTopology(call: Call, p: string): Promise<Topology> {
  const vhost = `${p}-v`;
  const v = enc(vhost);
  const passwords: Record<string, string> = { [`${p}-app`]: "app-secret", [`${p}-ops`]: "ops-secret", [`${p}-s512`]: "p512", [`${p}-md5`]: "pmd5" };
  const steps: [string, string, unknown][] = [
    ["PUT", `/vhosts/${v}`, { description: `${p} vhost`, tags: "prod,eu" }],
    ["PUT", `/users/${p}-app`, { password: "app-secret", tags: "management,custom" }],
    ["PUT", `/users/${p}-ops`, { password: "ops-secret", tags: ["monitoring", "policymaker"] }],
    ["PUT", `/users/${p}-s512`, { password_hash: rabbitHash("sha512", "p512"), hashing_algorithm: "rabbit_password_hashing_sha512", tags: "management" }],
    ["PUT", `/users/${p}-md5`, { password_hash: rabbitHash("md5", "pmd5"), hashing_algorithm: "rabbit_password_hashing_md5", tags: "" }],
    ["PUT", `/user-limits/${p}-app/max-connections`, { value: 10 }],
    ["PUT", `/user-limits/${p}-app/max-channels`, { value: 20 }],
    ["PUT", `/permissions/${v}/${p}-app`, { configure: `^${p}-`, write: ".*", read: ".*" }],
    ["PUT", `/permissions/${v}/${p}-s512`, { configure: ".*", write: ".*", read: ".*" }],
    ["PUT", `/permissions/${v}/${p}-md5`, { configure: ".*", write: ".*", read: ".*" }],
    ["PUT", `/topic-permissions/${v}/${p}-app`, { exchange: `${p}-tx`, write: "^a\\.", read: ".*" }],
    ["PUT", `/policies/${v}/${p}-pol`, { pattern: `^${p}-q`, definition: { "max-length": 100, "message-ttl": 60000 }, priority: 2, "apply-to": "queues" }],
    ["PUT", `/operator-policies/${v}/${p}-op`, { pattern: ".*", definition: { "max-length": 1000 }, priority: 1, "apply-to": "queues" }],
    ["PUT", `/vhost-limits/${v}/max-queues`, { value: 50 }],
    ["PUT", `/vhost-limits/${v}/max-connections`, { value: 20 }],
    ["PUT", `/global-parameters/${p}-g`, { value: { region: "eu", n: 3 } }],
    ["PUT", `/exchanges/${v}/${p}-dx`, { type: "direct", durable: true }],
    ["PUT", `/exchanges/${v}/${p}-fx`, { type: "fanout", durable: true, arguments: { "alternate-exchange": `${p}-dx` } }],
    ["PUT", `/exchanges/${v}/${p}-tx`, { type: "topic", durable: false, internal: true }],
    ["PUT", `/exchanges/${v}/${p}-hx`, { type: "headers", durable: true, auto_delete: true }],
    ["PUT", `/queues/${v}/${p}-q1`, { durable: true, arguments: { "x-max-length": 10, "x-dead-letter-exchange": `${p}-dx`, "x-queue-mode": "lazy" } }],
    ["PUT", `/queues/${v}/${p}-q2`, { durable: false, auto_delete: false }],
    ["POST", `/bindings/${v}/e/${p}-dx/q/${p}-q1`, { routing_key: "a", arguments: { "x-k": "v", n: 1 } }],
    ["POST", `/bindings/${v}/e/${p}-tx/q/${p}-q2`, { routing_key: "#.b" }],
    ["POST", `/bindings/${v}/e/${p}-hx/q/${p}-q1`, { routing_key: "", arguments: { "x-match": "all", h: "1" } }],
    ["POST", `/bindings/${v}/e/${p}-dx/e/${p}-fx`, { routing_key: "e2e", arguments: { z: true } }],
    ["POST", `/bindings/${v}/e/${p}-fx/e/${p}-tx`, { routing_key: "" }],
    ["POST", `/bindings/${v}/e/amq.direct/q/${p}-q2`, { routing_key: "from-amq" }],
  ];
  for (const [method, path, body] of steps) {
    const r = await call(method, path, body);
    if (r.status >= 300) throw new Error(`${method} ${path}: ${r.status} ${r.text}`);
  }
  return { vhost, passwords };
}

type Defs = Record<string, unknown>;
type Entry = Record<string, unknown>;

/** The part of a whole-node export that belongs to a topology: its vhost and the users named after `p`. */
export function topologyPart(defs: Defs, p: string): Record<string, Entry[]> {
  const vhost = `${p}-v`;
  const mine = (e: Entry) => e.vhost === vhost;
  const ours = (name: unknown) => typeof name === "string" && name.startsWith(`${p}-`);
  const list = (k: string) => (defs[k] as Entry[] | undefined) ?? [];
  return {
    users: list("users").filter((u) => ours(u.name)),
    vhosts: list("vhosts").filter((x) => x.name === vhost),
    // the importing administrator gets full permissions on the vhost it creates, so only the topology's users count
    permissions: list("permissions").filter((x) => mine(x) && ours(x.user)),
    topic_permissions: list("topic_permissions").filter((x) => mine(x) && ours(x.user)),
    parameters: list("parameters").filter(mine),
    global_parameters: list("global_parameters").filter((g) => ours(g.name)),
    policies: list("policies").filter(mine),
    queues: list("queues").filter(mine),
    exchanges: list("exchanges").filter(mine),
    bindings: list("bindings").filter(mine),
  };
}

/** A value with every `from` in its strings replaced by `to` (names, patterns, arguments). */
export function renamed<T>(v: T, from: string, to: string): T {
  return JSON.parse(JSON.stringify(v).split(from).join(to)) as T;
}

/** Lists sorted by their JSON so two nodes' exports compare regardless of item order; key order is kept. */
export function sortedLists(defs: Defs): Defs {
  const out: Defs = {};
  for (const [k, v] of Object.entries(defs)) out[k] = Array.isArray(v) ? [...v].sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1)) : v;
  return out;
}
