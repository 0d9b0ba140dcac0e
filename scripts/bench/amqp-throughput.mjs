// 1 producer / 1 consumer throughput with amqplib, as a user would measure it:
//   node scripts/bench/amqp-throughput.mjs [amqp://guest:guest@127.0.0.1:5672] [seconds] [bytes]
// Producer and consumer use separate connections; the producer honours amqplib's write back-pressure.
import amqp from "amqplib";

const url = process.argv[2] ?? "amqp://guest:guest@127.0.0.1:5672";
const seconds = Number(process.argv[3] ?? 5);
const size = Number(process.argv[4] ?? 16);

const pubConn = await amqp.connect(url);
const subConn = await amqp.connect(url);
const pub = await pubConn.createChannel();
const sub = await subConn.createChannel();
const { queue } = await sub.assertQueue("", { exclusive: true });

let received = 0;
await sub.consume(queue, () => received++, { noAck: true });

const body = Buffer.alloc(size, 120);
let sent = 0;
let running = true;
const start = process.hrtime.bigint();
setTimeout(() => (running = false), seconds * 1000);

// publish until amqplib reports a full buffer, then wait for drain
while (running) {
  let ok = true;
  for (let i = 0; i < 1000 && ok; i++, sent++) ok = pub.sendToQueue(queue, body);
  if (!ok) await new Promise((r) => pub.once("drain", r));
  else await new Promise((r) => setImmediate(r));
  // keep the queue from growing without bound when the consumer lags
  while (running && sent - received > 50_000) await new Promise((r) => setTimeout(r, 1));
}
const elapsed = Number(process.hrtime.bigint() - start) / 1e9;
const deliveredAtStop = received;
await new Promise((r) => setTimeout(r, 500));
console.log(
  JSON.stringify({ url: url.replace(/\/\/[^@]*@/, "//"), seconds: +elapsed.toFixed(2), bytes: size, published: sent, delivered: deliveredAtStop, deliveredPerSec: Math.round(deliveredAtStop / elapsed) }),
);
await pubConn.close();
await subConn.close();
