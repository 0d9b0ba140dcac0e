// Broker memory with messages queued, idle queues and idle connections, and list_queues wall time beside them.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { amqpConnect, rabbitErlangMemory, rssBytes } from "./brokers.mjs";
import { runPerf } from "./perf-runner.mjs";
import { QUEUED_QUEUE, queuedArgs } from "./scenarios.mjs";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const SETTLE_MS = 3000;
const IDLE_PREFIX = "warren-perf-idle-";
const settle = () => new Promise((r) => setTimeout(r, SETTLE_MS));

/** RSS now, read the same way for both brokers (/proc), and RabbitMQ's own count of its memory beside it. */
async function memory(broker) {
  return { rss: broker.pid === undefined ? undefined : rssBytes(broker.pid), memUsed: broker.node === undefined ? undefined : await rabbitErlangMemory(broker.node) };
}

const delta = (a, b) => (a === undefined || b === undefined ? undefined : b - a);

async function deleteQueue(broker, queue) {
  const c = await amqpConnect(broker.amqpPort);
  const ch = await c.openChannel();
  await ch.call("queue.delete", { ticket: 0, queue, ifUnused: false, ifEmpty: false, nowait: false });
  await c.close();
}

/** count x 1 KB transient messages held in one queue: memory before, after, and the growth. */
export async function queuedMessages(broker, count) {
  await deleteQueue(broker, QUEUED_QUEUE);
  await settle();
  const before = await memory(broker);
  const run = await runPerf(broker, queuedArgs(count));
  try {
    if (run.error !== undefined) return { error: run.error };
    await settle();
    const after = await memory(broker);
    return { count, confirmed: run.summary.confirmed, before, after, rssDelta: delta(before.rss, after.rss), memUsedDelta: delta(before.memUsed, after.memUsed) };
  } finally {
    await deleteQueue(broker, QUEUED_QUEUE);
  }
}

/**
 * Declares n idle exclusive queues on one connection (they go when it closes, even if the bench dies) and reads memory;
 * the caller times list_queues while they exist, then calls close().
 */
export async function openIdleQueues(broker, n) {
  await settle();
  const before = await memory(broker);
  const c = await amqpConnect(broker.amqpPort, "warren-perf bench idle queues");
  try {
    const ch = await c.openChannel();
    const BATCH = 500;
    for (let i = 0; i < n; i += BATCH) {
      const calls = [];
      for (let j = i; j < Math.min(n, i + BATCH); j++) {
        const queue = `${IDLE_PREFIX}${String(j).padStart(5, "0")}`;
        calls.push(ch.call("queue.declare", { ticket: 0, queue, passive: false, durable: false, exclusive: true, autoDelete: false, nowait: false, arguments: new Map() }));
      }
      await Promise.all(calls);
    }
    await settle();
    const after = await memory(broker);
    return { result: { n, before, after, rssDelta: delta(before.rss, after.rss), memUsedDelta: delta(before.memUsed, after.memUsed) }, close: () => c.close() };
  } catch (e) {
    await c.close();
    throw e;
  }
}

/** n idle AMQP connections (opened 50 at a time): memory before and with them open. */
export async function idleConnections(broker, n) {
  await settle();
  const before = await memory(broker);
  const conns = [];
  try {
    for (let i = 0; i < n; i += 50) {
      conns.push(...(await Promise.all(Array.from({ length: Math.min(50, n - i) }, (_, k) => amqpConnect(broker.amqpPort, `warren-perf bench idle ${i + k}`)))));
    }
    await settle();
    const after = await memory(broker);
    return { n, before, after, rssDelta: delta(before.rss, after.rss), memUsedDelta: delta(before.memUsed, after.memUsed) };
  } finally {
    await Promise.all(conns.map((c) => c.close()));
  }
}

/** The list_queues commands compared: warrenctl against warren's management port, rabbitmqctl against the local node. */
export function listQueuesCommands(warren) {
  return {
    warren: { label: "warrenctl list_queues", cmd: process.execPath, args: ["bin/warrenctl.cjs", "list_queues"], env: { ...process.env, WARRENCTL_URL: `http://127.0.0.1:${warren.httpPort}` }, shown: `WARRENCTL_URL=http://127.0.0.1:${warren.httpPort} node bin/warrenctl.cjs list_queues` },
    RabbitMQ: { label: "rabbitmqctl list_queues", cmd: "rabbitmqctl", args: ["list_queues"], env: process.env, shown: "rabbitmqctl list_queues" },
  };
}

/** A checked warm-up run: the command must succeed and list at least `expect` of the idle queues; returns an error text or undefined. */
export function checkListQueues(c, expect) {
  const warm = spawnSync(c.cmd, c.args, { cwd: ROOT, env: c.env, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (warm.status !== 0) return (warm.stderr || warm.stdout || `exit ${warm.status}`).trim().split("\n")[0];
  const rows = warm.stdout.split("\n").filter((l) => l.startsWith(IDLE_PREFIX)).length;
  return rows < expect ? `listed ${rows} of the ${expect} queues` : undefined;
}
