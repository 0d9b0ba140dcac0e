// Micro benchmark of the protocol codec: basic.publish decode and basic.deliver encode, per message
// (method + content header + body frames). Not a test; run `npm run bench:codec [-- --seconds 2]`.
import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";

const seconds = Number(process.argv[process.argv.indexOf("--seconds") + 1]) || 1;
const outDir = resolve("node_modules/.cache/warren");
mkdirSync(outDir, { recursive: true });
const outfile = join(outDir, "protocol-bench.mjs");
await build({ entryPoints: ["src/protocol/index.ts"], outfile, bundle: true, platform: "node", format: "esm", target: "node20", logLevel: "warning" });
const p = await import(pathToFileURL(outfile).href);

const body = Buffer.alloc(16, 120);
const props = p.Properties.encode({ contentType: "text/plain", deliveryMode: 2 });
const publishArgs = { ticket: 0, exchange: "amq.direct", routingKey: "orders.created", mandatory: false, immediate: false };

// a stream of N published messages, as a client would send them
const N = 10_000;
const w = new p.Writer();
for (let i = 0; i < N; i++) {
  p.writeMethodFrame(w, 1, "basic.publish", publishArgs);
  p.writeContentHeaderFrame(w, 1, 60, body.length, props);
  p.writeBodyFrames(w, 1, body, 131072);
}
const stream = w.finish();
const chunks = [];
for (let at = 0; at < stream.length; at += 65536) chunks.push(stream.subarray(at, at + 65536));

/** Runs fn (which handles `per` messages) repeatedly for the time budget; returns messages per second. */
function measure(name, per, fn) {
  for (let i = 0; i < 3; i++) fn();
  let n = 0;
  const start = process.hrtime.bigint();
  const budget = BigInt(Math.round(seconds * 1e9));
  let elapsed = 0n;
  while (elapsed < budget) {
    fn();
    n += per;
    elapsed = process.hrtime.bigint() - start;
  }
  const rate = n / (Number(elapsed) / 1e9);
  console.log(`${name.padEnd(58)} ${Math.round(rate).toLocaleString("en-US").padStart(12)} msg/s  ${(1e9 / rate).toFixed(0).padStart(6)} ns/msg`);
  return rate;
}

let sink = 0;
measure("split + decode publish (method, header, body) 64 KiB chunks", N, () => {
  const s = new p.FrameSplitter(131072);
  for (const c of chunks) {
    s.push(c);
    for (let f = s.next(); f !== undefined; f = s.next()) {
      if (f.type === 1) sink += p.decodeMethod(f.payload).args.routingKey.length;
      else if (f.type === 2) sink += p.parseContentHeader(f.payload).bodySize;
      else sink += f.payload.length;
    }
  }
});

const out = new p.Writer(1 << 20);
let tag = 1;
measure("encode deliver (method, header, body) into a Writer", N, () => {
  for (let i = 0; i < N; i++) {
    p.writeMethodFrame(out, 1, "basic.deliver", { consumerTag: "amq.ctag-jBEJUaj4QaLsVklB2vR64g", deliveryTag: tag++, redelivered: false, exchange: "amq.direct", routingKey: "orders.created" });
    p.writeContentHeaderFrame(out, 1, 60, body.length, props);
    p.writeBodyFrames(out, 1, body, 131072);
  }
  sink += out.finish().length;
});

const publishPayload = p.encodeMethodFrame(1, "basic.publish", publishArgs).subarray(7, -1);
measure("decode one basic.publish method payload", 100_000, () => {
  for (let i = 0; i < 100_000; i++) sink += p.decodeMethod(publishPayload).args.exchange.length;
});

const hw = new p.Writer();
p.writeContentHeaderFrame(hw, 1, 60, body.length, props);
const headerPayload = hw.finish().subarray(7, -1);
measure("parse one content header + read delivery-mode lazily", 100_000, () => {
  for (let i = 0; i < 100_000; i++) sink += p.parseContentHeader(headerPayload).properties.get("deliveryMode");
});

if (sink === 0) console.log("(unused)");
