// kill -9 at random moments while a child appends, acks and changes metadata: after every restart, each message
// and each metadata change the child saw confirmed must be there (duplicates allowed, losses never).
import { type ChildProcess, spawn } from "node:child_process";
import { appendFileSync, mkdirSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { build } from "esbuild";
import { beforeAll, describe, expect, it } from "vitest";
import { openFileMetadataStore, openMessageStore } from "../../../src/broker/store/index.js";
import { useTmpDirs } from "../../unit/store/records.js";

const tmp = useTmpDirs("crash");
const CYCLES = 6;
const writer = resolve("node_modules/.cache/warren/store-crash-writer.mjs");

beforeAll(async () => {
  mkdirSync(resolve("node_modules/.cache/warren"), { recursive: true });
  await build({ entryPoints: [resolve("test/integration/store/crash-writer.ts")], outfile: writer, bundle: true, platform: "node", format: "esm", target: "node20", logLevel: "warning" });
});

/** What the children said, across all cycles. */
class Ledger {
  readonly confirmed = new Set<string>(); // "queue:label"
  readonly ackAnnounced = new Set<string>(); // label
  readonly metaConfirmed = new Set<string>();
  readonly metaDeleteAnnounced = new Set<string>();
  warnings: string[] = [];
  confirmedThisCycle = 0;

  take(line: string): void {
    const [tag, ...words] = line.split(" ");
    if (tag === "C") {
      for (const w of words) this.confirmed.add(w);
      this.confirmedThisCycle += words.length;
    } else if (tag === "A") for (const w of words) this.ackAnnounced.add(w);
    else if (tag === "M") this.metaConfirmed.add(words[0]!);
    else if (tag === "D") this.metaDeleteAnnounced.add(words[0]!);
    else if (tag === "W") this.warnings.push(words.join(" "));
    else if (tag === "E") throw new Error(`child write failed: ${words.join(" ")}`);
  }
}

/** Runs the child until it has confirmed something, lets it go on for a random while, then SIGKILLs it. */
async function runAndKill(dir: string, cycle: number, ledger: Ledger): Promise<void> {
  const child: ChildProcess = spawn(process.execPath, [writer, dir, String(cycle)], { stdio: ["ignore", "pipe", "inherit"] });
  ledger.confirmedThisCycle = 0;
  let buffered = "";
  let killAt: number | undefined;
  const exited = new Promise<NodeJS.Signals | null>((done) => child.once("exit", (_code, signal) => done(signal)));
  child.stdout!.on("data", (chunk: Buffer) => {
    buffered += chunk.toString("utf8");
    const lines = buffered.split("\n");
    buffered = lines.pop()!;
    for (const l of lines) ledger.take(l);
    if (killAt === undefined && ledger.confirmedThisCycle > 0) {
      killAt = 20 + Math.floor(Math.random() * 400);
      setTimeout(() => child.kill("SIGKILL"), killAt);
    }
  });
  expect(await exited).toBe("SIGKILL");
  if (buffered !== "") ledger.take(buffered); // a partial last line is never a whole claim; C lines are short enough
}

/** Recovers the stores as a restarted broker would and returns what they hold. */
async function recoverAll(dir: string): Promise<{ messages: Map<string, number>; meta: Set<string>; warnings: string[] }> {
  const warnings: string[] = [];
  const store = await openMessageStore(join(dir, "messages"), { segmentBytes: 64 * 1024, onWarning: (m) => warnings.push(m) });
  const messages = new Map<string, number>();
  for (const id of ["q0", "q1", "q2"]) {
    const log = store.queue(id);
    for (const r of log.recover()) {
      expect(r.redelivered).toBe(true);
      const rec = log.readSync(r.ref);
      const label = rec.routingKey;
      // the body is the label padded with dots to the size the label ends in
      expect(rec.body.length).toBe(Number(label.split("-s")[1]));
      expect(rec.body.subarray(0, label.length).toString()).toBe(label);
      const key = `${id}:${label}`;
      messages.set(key, (messages.get(key) ?? 0) + 1);
    }
  }
  await store.close();
  const metaStore = openFileMetadataStore(join(dir, "metadata"), { onWarning: (m) => warnings.push(m) });
  const meta = new Set((await metaStore.load()).queue.keys());
  await metaStore.close();
  return { messages, meta, warnings };
}

/**
 * A power cut can leave half a write behind, which SIGKILL alone does not: append the start of a frame (a length
 * promising more than follows) to the newest segment of each queue and to the metadata log.
 */
function tearTails(dir: string): void {
  const partial = Buffer.concat([Buffer.from([0, 0, 4, 0]), Buffer.from([1, 2, 3, 4, 5, 6, 7])]);
  const messages = join(dir, "messages");
  for (const q of readdirSync(messages)) {
    const newest = readdirSync(join(messages, q))
      .filter((f) => f.endsWith(".seg"))
      .sort()
      .at(-1);
    if (newest !== undefined) appendFileSync(join(messages, q, newest), partial);
  }
  const log = readdirSync(join(dir, "metadata")).find((f) => f.startsWith("log."));
  if (log !== undefined) appendFileSync(join(dir, "metadata", log), partial);
}

describe("crash recovery", () => {
  it(`loses no confirmed message or metadata change over ${CYCLES} SIGKILLs`, async () => {
    const dir = tmp();
    const ledger = new Ledger();
    let tornTails = 0;
    let resurrected = 0;
    for (let cycle = 1; cycle <= CYCLES; cycle++) {
      await runAndKill(dir, cycle, ledger);
      if (cycle % 2 === 0) tearTails(dir);
      const { messages, meta, warnings } = await recoverAll(dir);
      tornTails += warnings.filter((w) => w.includes("torn tail")).length;
      const lost = [...ledger.confirmed].filter((k) => !messages.has(k) && !ledger.ackAnnounced.has(k.slice(k.indexOf(":") + 1)));
      expect(lost, `cycle ${cycle}: confirmed messages missing`).toEqual([]);
      const metaLost = [...ledger.metaConfirmed].filter((k) => !meta.has(k) && !ledger.metaDeleteAnnounced.has(k));
      expect(metaLost, `cycle ${cycle}: confirmed metadata missing`).toEqual([]);
      // acks stick: only those of the (at most 8) batches in flight at each kill, 25 acks a batch, bring messages back
      resurrected = [...messages.keys()].filter((k) => ledger.ackAnnounced.has(k.slice(k.indexOf(":") + 1))).length;
      expect(resurrected).toBeLessThanOrEqual(8 * 25 * cycle);
    }
    expect(resurrected).toBeLessThan(ledger.ackAnnounced.size / 2);
    expect(tornTails).toBeGreaterThanOrEqual(CYCLES / 2);
    expect(ledger.confirmed.size).toBeGreaterThan(CYCLES * 10);
    expect(ledger.ackAnnounced.size).toBeGreaterThan(0);
    console.log(`crash test: ${ledger.confirmed.size} confirmed, ${ledger.ackAnnounced.size} acked, ${tornTails} torn tails dropped`);
  });
});
