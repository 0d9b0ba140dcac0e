// The child process of crash.test.ts: recovers the stores in argv[2], then appends, acks and changes metadata as
// fast as it can, printing what it confirmed, until it is killed. Lines go out with writeSync, so a printed line
// reached the parent even if SIGKILL comes right after.
import { writeSync } from "node:fs";
import { join } from "node:path";
import { type MessageRecord, openFileMetadataStore, openMessageStore, type QueueLog, type RecordRef } from "../../../src/broker/store/index.js";

const [dir, cycleArg] = process.argv.slice(2) as [string, string];
const cycle = Number(cycleArg);
const say = (line: string): void => {
  writeSync(1, `${line}\n`);
};
const rand = (lo: number, hi: number): number => lo + Math.floor(Math.random() * (hi - lo + 1));

/** Body = label then dots up to size bytes; the label ends in the size, so the parent can check the body. */
function recordOf(label: string, size: number): MessageRecord {
  const body = Buffer.alloc(size, 0x2e);
  body.write(label);
  return { exchange: "", routingKey: label, routingKeys: undefined, properties: Buffer.from([0x10, 0, 2]), body, priority: 0, expiresAt: Infinity };
}

interface Live {
  readonly log: QueueLog;
  readonly ref: RecordRef;
  readonly label: string;
}

const store = await openMessageStore(join(dir, "messages"), { segmentBytes: 64 * 1024, cacheBytes: 256 * 1024, onWarning: (m) => say(`W ${m}`) });
const meta = openFileMetadataStore(join(dir, "metadata"), { compactAfterBytes: 8 * 1024, onWarning: (m) => say(`W ${m}`) });
const definitions = await meta.load();
const queues = ["q0", "q1", "q2"].map((id) => store.queue(id));
const live: Live[] = [];
for (const log of queues) {
  for (const r of log.recover()) live.push({ log, ref: r.ref, label: log.readSync(r.ref).routingKey });
}
const metaKeys = [...definitions.queue.keys()];
say(`READY ${live.length} ${metaKeys.length}`);

let n = 0;
let inFlight = 0;
function turn(): void {
  if (inFlight < 8) {
    const batch: Live[] = [];
    for (const log of queues) {
      for (let k = rand(1, 30); k > 0; k--) {
        const size = rand(20, 3000);
        const label = `c${cycle}-${n++}-s${size}`;
        batch.push({ log, ref: log.append(recordOf(label, size)), label });
      }
    }
    // acks are announced before they are made: an announced ack's message may or may not come back
    const acks = live.splice(0, rand(0, 25));
    if (acks.length > 0) say(`A ${acks.map((a) => a.label).join(" ")}`);
    for (const a of acks) a.log.ack(a.ref);
    inFlight++;
    store.flush().then(
      () => {
        inFlight--;
        say(`C ${batch.map((b) => `${b.log.id}:${b.label}`).join(" ")}`);
        live.push(...batch);
      },
      (e: unknown) => say(`E ${(e as Error).message}`),
    );
    const key = `k${cycle}-${n}`;
    void meta.put("queue", key, { n, cycle }).then(() => {
      say(`M ${key}`);
      metaKeys.push(key);
    });
    if (metaKeys.length > 20) {
      const gone = metaKeys.shift()!;
      say(`D ${gone}`);
      void meta.delete("queue", gone);
    }
  }
  setImmediate(turn);
}
turn();
