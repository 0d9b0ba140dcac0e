// delete_queue, purge_queue, sync_queue, cancel_sync_queue: warrenctl against the real rabbitmqctl, output and
// resulting state. Every queue made here is named t-lq-* and removed afterwards.
import amqp from "amqplib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { amqpUrl, both, compare, compareEffect, crashFixed, http, MODE, onSide, REAL, sides } from "./harness.js";
import { buildState, Q, VH, type Fixture } from "./fixture.js";

const enc = encodeURIComponent;
/** warren has classic queues only and no mirroring: the stream, quorum and mirrored cases compare against RabbitMQ alone. */
const classicOnly = MODE === "warren";

async function liveQueues(): Promise<Record<string, number>> {
  const r = await http("GET", `/api/queues/${enc(VH)}?disable_stats=true&enable_queue_totals=true&columns=name,messages`);
  const out: Record<string, number> = {};
  for (const q of r.body as { name: string; messages?: number }[]) if (q.name.startsWith("t-lq-")) out[q.name] = q.messages ?? -1;
  return out;
}

/** (Re)creates a queue holding `messages` ready messages. */
async function queue(name: string, messages = 0, args: Record<string, unknown> = {}): Promise<void> {
  await http("DELETE", `/api/queues/${enc(VH)}/${enc(name)}`);
  const r = await http("PUT", `/api/queues/${enc(VH)}/${enc(name)}`, { durable: true, auto_delete: false, arguments: args });
  if (r.status >= 300) throw new Error(`PUT queue ${name}: ${r.status} ${JSON.stringify(r.body)}`);
  for (let i = 0; i < messages; i++) {
    await http("POST", `/api/exchanges/${enc(VH)}/amq.default/publish`, { properties: {}, routing_key: name, payload: `m${i}`, payload_encoding: "string" });
  }
  for (let i = 0; i < 100 && (await liveQueues())[name] !== messages; i++) await new Promise((r2) => setTimeout(r2, 50));
}

const removeAll = async (): Promise<void> => {
  for (const name of Object.keys(await liveQueues())) await http("DELETE", `/api/queues/${enc(VH)}/${enc(name)}`);
};

describe.skipIf(!REAL)("compat: delete_queue, purge_queue", () => {
  let fx: Fixture;
  const conns: amqp.ChannelModel[] = [];
  beforeAll(async () => {
    fx = await buildState();
  });
  afterAll(async () => {
    for (const c of conns.splice(0)) await c.close().catch(() => undefined);
    await removeAll();
    await fx?.close();
  });

  const effect = (args: string[], name: string, messages: number) =>
    compareEffect(args, () => queue(name, messages), liveQueues).then(() => undefined);

  it("delete_queue reports the ready messages it removed", () => effect(["delete_queue", "-p", VH, "t-lq-d"], "t-lq-d", 2));
  it("delete_queue -s and json still print the result", async () => {
    await effect(["delete_queue", "-p", VH, "t-lq-d", "-s"], "t-lq-d", 1);
    await effect(["delete_queue", "-p", VH, "t-lq-d", "--formatter", "json"], "t-lq-d", 0);
  });
  it("delete_queue --formatter csv: rabbitmqctl deletes then crashes; warrenctl deletes and prints the sentence as csv", () =>
    crashFixed(["delete_queue", "-p", VH, "t-lq-d", "--formatter", "csv"],
      { stdout: '"message"\n"Queue was successfully deleted with 1 ready messages"\n', stderr: "", code: 0 },
      () => queue("t-lq-d", 1), liveQueues));
  it("delete_queue --if-empty on a queue with messages: exit 64, queue kept", () => effect(["delete_queue", "-p", VH, "t-lq-d", "--if-empty"], "t-lq-d", 2));
  it("delete_queue -e on an empty queue deletes it", () => effect(["delete_queue", "-p", VH, "t-lq-d", "-e"], "t-lq-d", 0));
  it("delete_queue -u on a queue with a consumer: exit 64", () => check(["delete_queue", "-p", VH, Q.args, "-u"]));
  it("delete_queue -e -u checks emptiness first", async () => {
    // a consumer holding one unacknowledged message (prefetch 1) while one more waits: busy and not empty
    await queue("t-lq-busy", 2);
    for (const s of sides) {
      const c = await onSide(s, async () => amqp.connect(amqpUrl(VH)));
      conns.push(c);
      const ch = await c.createChannel();
      await ch.prefetch(1);
      await ch.consume("t-lq-busy", () => undefined, { noAck: false });
    }
    const pair = await compare(["delete_queue", "-p", VH, "t-lq-busy", "-e", "-u"]);
    expect(pair.warren.stderr).toBe("Error:\nQueue is not empty\n");
    await compare(["delete_queue", "-p", VH, "t-lq-busy", "-u", "-q"]);
  });
  it("delete_queue on a missing queue or vhost: exit 64", async () => {
    await check(["delete_queue", "-p", VH, "t-lq-nosuch"]);
    await check(["delete_queue", "-p", VH, "t-lq-nosuch", "--formatter", "json"]);
    await check(["delete_queue", "-p", "compat-nosuch", "t-lq-x"]);
  });
  it("delete_queue argument checks", async () => {
    await check(["delete_queue", "-p", VH]);
    await check(["delete_queue", "a", "b"]);
    await check(["delete_queue", "t-lq-x", "--dry-run", "-u", "-e"]);
  });

  it("purge_queue empties a queue", () => effect(["purge_queue", "-p", VH, "t-lq-p"], "t-lq-p", 3));
  it("purge_queue -q and json", async () => {
    await effect(["purge_queue", "-p", VH, "t-lq-p", "-q"], "t-lq-p", 2);
    await effect(["purge_queue", "-p", VH, "t-lq-p", "--formatter", "json"], "t-lq-p", 1);
  });
  it("purge_queue on a missing queue or vhost: not_found (69)", async () => {
    await check(["purge_queue", "-p", VH, "t-lq-nosuch"]);
    await check(["purge_queue", "-p", "compat-nosuch", "t-lq-x"]);
    await check(["purge_queue", "t-lq-x", "--formatter", "json"]);
  });
  it.skipIf(classicOnly)("purge_queue on a stream: not_supported (69)", async () => {
    await queue("t-lq-stream", 0, { "x-queue-type": "stream" });
    await check(["purge_queue", "-p", VH, "t-lq-stream"]);
  });
  it("purge_queue argument check", () => check(["purge_queue"]));
});

describe.skipIf(!REAL)("compat: sync_queue, cancel_sync_queue", () => {
  let fx: Fixture;
  beforeAll(async () => {
    fx = await buildState();
    await queue("t-lq-s");
    await queue("t-lq-qq", 0, { "x-queue-type": "quorum" });
    await queue("t-lq-ha");
    await http("PUT", `/api/policies/${enc(VH)}/t-lq-ha`, { pattern: "^t-lq-ha$", definition: { "ha-mode": "all" }, priority: 9, "apply-to": "queues" });
    // the policy makes the queue mirrored (no mirrors on one node) once the queue sees it
    for (let i = 0; i < 100; i++) {
      const q = (await http("GET", `/api/queues/${enc(VH)}/t-lq-ha?disable_stats=true`)).body as { slave_nodes?: unknown };
      if (q.slave_nodes !== undefined) break;
      await new Promise((r) => setTimeout(r, 50));
    }
  });
  afterAll(async () => {
    await http("DELETE", `/api/policies/${enc(VH)}/t-lq-ha`);
    await removeAll();
    await fx?.close();
  });

  it("sync_queue on a queue without mirrors: not_mirrored (69)", async () => {
    await check(["sync_queue", "-p", VH, "t-lq-s"]);
    await check(["sync_queue", "-p", VH, "t-lq-s", "--formatter", "json"]);
  });
  it.skipIf(classicOnly)("sync_queue on a mirrored queue succeeds", async () => {
    await check(["sync_queue", "-p", VH, "t-lq-ha"]);
    await check(["sync_queue", "-p", VH, "t-lq-ha", "--formatter", "json"]);
  });
  it("cancel_sync_queue answers not_syncing", async () => {
    await check(["cancel_sync_queue", "-p", VH, "t-lq-s"]);
    await check(["cancel_sync_queue", "-p", VH, "t-lq-ha", "-q"]);
    await check(["cancel_sync_queue", "-p", VH, "t-lq-s", "--formatter", "json"]);
    await crashFixed(["cancel_sync_queue", "-p", VH, "t-lq-s", "--formatter", "csv"], { stdout: '"value"\n"not_syncing"\n', stderr: "", code: 0 });
  });
  it.skipIf(classicOnly)("quorum queues are not supported (69)", async () => {
    await check(["sync_queue", "-p", VH, "t-lq-qq"]);
    await check(["cancel_sync_queue", "-p", VH, "t-lq-qq"]);
  });
  it("missing queue or vhost: not_found (69)", async () => {
    await check(["sync_queue", "-p", VH, "t-lq-nosuch"]);
    await check(["cancel_sync_queue", "-p", "compat-nosuch", "t-lq-x"]);
    await check(["sync_queue", "t-lq-x", "-q"]);
  });
  it.skipIf(classicOnly)("on a stream both fail with exit 69 and a function_clause error", async () => {
    await queue("t-lq-stream", 0, { "x-queue-type": "stream" });
    const { ctl, warren } = await both(["sync_queue", "-p", VH, "t-lq-stream"]);
    expect([warren.code, warren.stdout]).toEqual([ctl.code, ctl.stdout]);
    const head = 'Error:\n{:function_clause, [{:rabbit_mirror_queue_misc, :"-sync_queue/1-fun-0-", ';
    expect(ctl.stderr.startsWith(head) && warren.stderr.startsWith(head)).toBe(true);
  });
  it("argument checks", async () => {
    await check(["sync_queue"]);
    await check(["cancel_sync_queue", "a", "b"]);
    await check(["sync_queue", "t-lq-s", "--dry-run"]);
  });
});

function check(args: string[]): Promise<void> {
  return compare(args).then(() => undefined);
}
