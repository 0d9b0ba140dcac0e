// Benchmark of the message store (not a test): append+flush rate for 1 KB records in batches of 100, then
// recovery time and process RSS with N x 1 KB records stored (the broker's goals: restart < 5 s, RSS < 300 MB).
// Run `node scripts/bench/store.mjs [--seconds 3] [--messages 1000000] [--dir /tmp/...]`.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : process.argv[i + 1];
};
const bundle = resolve("node_modules/.cache/warren/store-bench.mjs");

const record = (i) => ({
  exchange: "amq.direct",
  routingKey: "bench",
  routingKeys: undefined,
  properties: Buffer.from([0x10, 0x00, 0x02]),
  body: Buffer.alloc(1024, i & 0xff),
  priority: 0,
  expiresAt: Infinity,
});

/** Child mode: recover every record of the queue into an in-memory index, as a restarting broker would. */
async function recoverChild(dir) {
  const store = await import(pathToFileURL(bundle).href);
  const started = performance.now();
  const s = await store.openMessageStore(dir);
  const log = s.queue("bench");
  // what a queue keeps per message: the ref plus the fields it indexes
  const index = [];
  for (const r of log.recover()) index.push({ ref: r.ref, priority: r.priority, expiresAt: r.expiresAt, redelivered: true });
  const ms = performance.now() - started;
  globalThis.gc?.();
  const m = process.memoryUsage();
  process.stdout.write(JSON.stringify({ ms, count: index.length, rss: m.rss, heapUsed: m.heapUsed }));
}

async function main() {
  const { build } = await import("esbuild");
  mkdirSync(resolve("node_modules/.cache/warren"), { recursive: true });
  await build({ entryPoints: ["src/broker/store/index.ts"], outfile: bundle, bundle: true, platform: "node", format: "esm", target: "node20", logLevel: "warning" });
  const store = await import(pathToFileURL(bundle).href);
  const seconds = Number(arg("seconds", "3"));
  const total = Number(arg("messages", "1000000"));
  const root = arg("dir", undefined) ?? mkdtempSync(join(tmpdir(), "warren-store-bench-"));
  const mb = (n) => (n / 1024 / 1024).toFixed(1);

  try {
    // 1. append + flush: 100 records, then wait for the batch's fsync, like a publisher with 100 confirms in flight
    const rateDir = join(root, "rate");
    const s = await store.openMessageStore(rateDir);
    const log = s.queue("rate");
    let n = 0;
    const latencies = [];
    const until = performance.now() + seconds * 1000;
    while (performance.now() < until) {
      const t = performance.now();
      for (let i = 0; i < 100; i++) log.ack(log.append(record(n++)));
      await log.flush();
      latencies.push(performance.now() - t);
    }
    await s.close();
    latencies.sort((a, b) => a - b);
    const rate = n / seconds;
    console.log(`append+flush 1 KB x 100/batch: ${Math.round(rate)} msg/s (${mb(rate * 1024)} MiB/s), batch p50 ${latencies[latencies.length >> 1].toFixed(2)} ms, p99 ${latencies[Math.floor(latencies.length * 0.99)].toFixed(2)} ms`);

    // 2. fill: N records in one queue, written in large batches
    const fillDir = join(root, "fill");
    const f = await store.openMessageStore(fillDir);
    const q = f.queue("bench");
    const fillStart = performance.now();
    for (let i = 0; i < total; ) {
      for (let k = 0; k < 10_000 && i < total; k++) q.append(record(i++));
      await q.flush();
    }
    await f.close();
    const fillSec = (performance.now() - fillStart) / 1000;
    console.log(`fill ${total} x 1 KB: ${fillSec.toFixed(1)} s (${Math.round(total / fillSec)} msg/s), ${q.stats().segments} segments`);

    // 3. recovery in a fresh process, so its RSS is the broker's after a restart: from the index sidecars, then,
    // with the sidecars deleted, by scanning every segment (the worst case; normally only each queue's tail is scanned)
    const recover = (how) => {
      const child = spawnSync(process.execPath, ["--expose-gc", fileURLToPath(import.meta.url), "--recover-child", fillDir], { encoding: "utf8" });
      if (child.status !== 0) throw new Error(`recovery child failed: ${child.stderr}`);
      const r = JSON.parse(child.stdout);
      console.log(`recover ${r.count} x 1 KB ${how}: ${(r.ms / 1000).toFixed(2)} s (goal < 5 s); RSS ${mb(r.rss)} MiB (goal < 300 MiB), heap ${mb(r.heapUsed)} MiB`);
    };
    recover("from sidecars");
    for (const q of readdirSync(fillDir)) for (const f of readdirSync(join(fillDir, q))) if (f.endsWith(".idx")) rmSync(join(fillDir, q, f));
    recover("by scanning");
  } finally {
    if (arg("dir", undefined) === undefined) rmSync(root, { recursive: true, force: true });
  }
}

const childDir = arg("recover-child", undefined);
await (childDir === undefined ? main() : recoverChild(childDir));
