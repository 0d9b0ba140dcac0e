// RabbitMQ's own rabbitmqadmin (the copy a local RabbitMQ serves at /cli/rabbitmqadmin) drives warren's management API.
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBroker, type RunningBroker } from "../../../src/broker/server.js";

const RABBIT_CLI = "http://127.0.0.1:15672/cli/rabbitmqadmin";
const dir = mkdtempSync(join(tmpdir(), "warren-rabbitmqadmin-"));
const script = join(dir, "rabbitmqadmin");

async function fetchRabbitmqadmin(): Promise<boolean> {
  try {
    const r = await fetch(RABBIT_CLI);
    if (!r.ok) return false;
    writeFileSync(script, await r.text());
    return true;
  } catch {
    return false;
  }
}

const AVAILABLE = await fetchRabbitmqadmin();
if (!AVAILABLE && process.env.CI) throw new Error(`CI needs a local RabbitMQ serving ${RABBIT_CLI}`);

describe.skipIf(!AVAILABLE)("rabbitmqadmin against warren", () => {
  let broker: RunningBroker;
  beforeAll(async () => {
    broker = await startBroker({ amqpPort: 0, httpPort: 0 });
  });
  afterAll(() => broker.close());

  /** Runs rabbitmqadmin against warren; resolves with its output, rejects with stderr on a non-zero exit. */
  const admin = (...args: string[]): Promise<string> =>
    new Promise((resolve, reject) => {
      execFile("/usr/bin/python3", [script, "-H", "127.0.0.1", "-P", String(broker.httpPort), ...args], (err, stdout, stderr) => {
        if (err) reject(new Error(`rabbitmqadmin ${args.join(" ")} failed: ${stderr || err.message}`));
        else resolve(stdout);
      });
    });
  const json = async (...args: string[]): Promise<Record<string, unknown>[]> => JSON.parse(await admin("-f", "raw_json", ...args)) as Record<string, unknown>[];

  it("declares, publishes, gets, lists, exports, purges and deletes", async () => {
    await admin("declare", "vhost", "name=ra-v");
    await admin("declare", "user", "name=ra-u", "password=ra-pw", "tags=administrator");
    await admin("declare", "permission", "vhost=ra-v", "user=ra-u", "configure=.*", "write=.*", "read=.*");
    const asUser = (...args: string[]) => admin("-u", "ra-u", "-p", "ra-pw", "-V", "ra-v", ...args);
    await asUser("declare", "queue", "name=ra-q", "durable=true");
    await asUser("declare", "exchange", "name=ra-x", "type=topic");
    await asUser("declare", "binding", "source=ra-x", "destination=ra-q", "routing_key=a.#");
    await asUser("declare", "policy", "name=ra-p", "pattern=^ra-", 'definition={"max-length":100}', "apply-to=queues");
    expect(await asUser("publish", "exchange=ra-x", "routing_key=a.b", "payload=hello")).toMatch(/Message published/);
    expect(await asUser("publish", "exchange=ra-x", "routing_key=b", "payload=lost")).toMatch(/not routed/i);

    const queues = await json("-V", "ra-v", "list", "queues", "name", "messages", "policy");
    expect(queues).toEqual([{ name: "ra-q", messages: 1, policy: "ra-p" }]);
    const got = await json("-V", "ra-v", "get", "queue=ra-q", "ackmode=ack_requeue_true");
    expect(got).toMatchObject([{ payload: "hello", exchange: "ra-x", routing_key: "a.b", redelivered: false }]);
    expect(await json("-V", "ra-v", "list", "exchanges", "name", "type")).toContainEqual({ name: "ra-x", type: "topic" });
    expect(await json("-V", "ra-v", "list", "bindings", "source", "destination", "routing_key")).toContainEqual({ source: "ra-x", destination: "ra-q", routing_key: "a.#" });
    expect((await json("list", "users", "name")).map((u) => u.name)).toEqual(expect.arrayContaining(["guest", "ra-u"]));
    expect((await json("list", "vhosts", "name")).map((v) => v.name)).toEqual(expect.arrayContaining(["/", "ra-v"]));
    expect(await json("-V", "ra-v", "list", "policies", "name", "pattern")).toEqual([{ name: "ra-p", pattern: "^ra-" }]);

    const file = join(dir, "defs.json");
    await admin("export", file);
    const defs = JSON.parse(readFileSync(file, "utf8")) as Record<string, { name?: string; vhost?: string }[]>;
    expect(defs.queues).toContainEqual(expect.objectContaining({ name: "ra-q", vhost: "ra-v" }));
    expect(defs.exchanges).toContainEqual(expect.objectContaining({ name: "ra-x", vhost: "ra-v" }));
    expect(defs.users).toContainEqual(expect.objectContaining({ name: "ra-u" }));

    await asUser("purge", "queue", "name=ra-q");
    expect(await json("-V", "ra-v", "list", "queues", "name", "messages")).toEqual([{ name: "ra-q", messages: 0 }]);

    await asUser("delete", "binding", "source=ra-x", "destination=ra-q", "destination_type=queue", "properties_key=a.#");
    expect(await json("-V", "ra-v", "list", "bindings", "source")).not.toContainEqual({ source: "ra-x" });
    await asUser("delete", "policy", "name=ra-p");
    await asUser("delete", "queue", "name=ra-q");
    await asUser("delete", "exchange", "name=ra-x");
    expect(await json("-V", "ra-v", "list", "queues", "name")).toEqual([]);
    await admin("delete", "permission", "vhost=ra-v", "user=ra-u");
    await admin("delete", "user", "name=ra-u");
    await admin("delete", "vhost", "name=ra-v");
    expect((await json("list", "vhosts", "name")).map((v) => v.name)).toEqual(["/"]);
    expect((await json("list", "users", "name")).map((u) => u.name)).toEqual(["guest"]);
  });
});
