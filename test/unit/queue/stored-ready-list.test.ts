// Ready lists keep persistent messages only in the store once the backlog is long (as columns, no objects), and
// recovered ones are not read until they near the head: every message still comes back whole, in order, counted
// right; unreadable ones are dropped.
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { Message, QueuedMessage } from "../../../src/broker/message.js";
import { PriorityReadyList } from "../../../src/broker/queue/priority.js";
import { type Ready, ReadyList } from "../../../src/broker/queue/ready-list.js";
import { STORED, type StoredMessages } from "../../../src/broker/queue/stored-messages.js";
import type { RecordRef } from "../../../src/broker/store/index.js";
import { Properties } from "../../../src/protocol/index.js";

/** A store in memory that counts its reads and can be told a record is unreadable. */
class FakeStore implements StoredMessages {
  readonly records = new Map<number, Message>();
  readonly unreadable = new Set<number>();
  loads: number[] = [];
  private nextRef = 1;

  add(m: Message): RecordRef {
    const ref = this.nextRef++;
    this.records.set(ref, m);
    return ref as RecordRef;
  }

  bodySizeOf(ref: RecordRef): number {
    return this.records.get(ref)?.body.length ?? 0;
  }

  load(entries: readonly QueuedMessage[]): (Message | undefined)[] {
    this.loads.push(entries.length);
    return entries.map((qm) => {
      expect(qm.message).toBe(STORED);
      const ref = qm.storeRef!;
      const rec = this.records.get(ref);
      if (rec === undefined || this.unreadable.has(ref)) {
        qm.storeRef = undefined;
        this.records.delete(ref);
        return undefined;
      }
      return rec;
    });
  }
}

let seq = 0;
const msg = (body: Buffer, key: string): Message => ({
  exchange: "x",
  routingKey: key,
  routingKeys: undefined,
  properties: Properties.encode({ messageId: key, deliveryMode: 2 }),
  body,
});
/** A message published on this run: in memory, and stored. */
const live = (store: FakeStore, body: Buffer, priority = 0): QueuedMessage => {
  const m = msg(body, `k${seq + 1}`);
  return { seq: ++seq, message: m, redelivered: false, expiresAt: Infinity, priority, storeRef: store.add(m) };
};
/** A message recovered at start: only its ref. */
const recovered = (store: FakeStore, body: Buffer, priority = 0, expiresAt = Infinity): QueuedMessage => ({
  seq: ++seq,
  message: STORED,
  redelivered: true,
  expiresAt,
  priority,
  storeRef: store.add(msg(body, `k${seq}`)),
});

/** What a delivered message is, comparable across the objects the list rebuilds. */
const shape = (qm: QueuedMessage) => ({ seq: qm.seq, redelivered: qm.redelivered, expiresAt: qm.expiresAt, priority: qm.priority, key: qm.message.routingKey, body: qm.message.body.toString("hex") });
const expected = (store: FakeStore, qms: readonly QueuedMessage[]) =>
  qms.map((qm) => ({ seq: qm.seq, redelivered: qm.redelivered, expiresAt: qm.expiresAt, priority: qm.priority, key: `k${qm.seq}`, body: store.records.get(qm.storeRef!)!.body.toString("hex") }));

function drain(list: Ready): QueuedMessage[] {
  const out: QueuedMessage[] = [];
  for (let qm = list.peek(); qm !== undefined; qm = list.peek()) {
    expect(list.shift()).toBe(qm);
    out.push(qm);
  }
  return out;
}

describe("ReadyList backed by the message store", () => {
  it("reads recovered messages only as they near the head, in batches, whole and in order", () => {
    const store = new FakeStore();
    const list = new ReadyList(() => store);
    const qms = Array.from({ length: 3000 }, (_, i) => recovered(store, randomBytes(1024 + (i % 7)), 0, i % 2 === 0 ? Infinity : 1e9 + i));
    const want = expected(store, qms);
    for (const qm of qms) list.push(qm);
    const total = qms.reduce((n, q) => n + store.bodySizeOf(q.storeRef!), 0);
    expect([list.length, list.byteLength]).toEqual([3000, total]);
    expect(store.loads).toEqual([]);
    expect(list.peek()?.seq).toBe(qms[0]!.seq);
    // one read of about 1 MB of bodies, not one per message and not all of them
    expect(store.loads).toHaveLength(1);
    expect(store.loads[0]).toBeGreaterThan(500);
    expect(store.loads[0]).toBeLessThan(1100);
    const out = drain(list);
    expect(out.map(shape)).toEqual(want);
    expect(out.map((q) => q.message.properties.get("messageId"))).toEqual(out.map((q) => q.message.routingKey));
    expect(out.every((q) => q.storeRef !== undefined)).toBe(true);
    expect([list.length, list.byteLength]).toEqual([0, 0]);
  });

  it("keeps persistent messages past the resident budget only as store refs, and reads them back from the store", () => {
    const store = new FakeStore();
    const list = new ReadyList(() => store);
    const qms = Array.from({ length: 300 }, (_, i) => live(store, randomBytes(16 * 1024 + i)));
    const want = expected(store, qms);
    for (const qm of qms) list.push(qm);
    expect(list.byteLength).toBe(qms.reduce((n, q) => n + store.bodySizeOf(q.storeRef!), 0));
    const out = drain(list);
    expect(out.map(shape)).toEqual(want);
    // the first 2 MB stayed in memory as they were; the rest came from the store
    expect(out[0]).toBe(qms[0]);
    expect(out[299]).not.toBe(qms[299]);
    expect(store.loads.reduce((a, b) => a + b, 0)).toBe(300 - out.filter((q, i) => q === qms[i]).length);
    expect(list.byteLength).toBe(0);
  });

  it("mixes stored, paged transient and requeued messages without reordering any", () => {
    const store = new FakeStore();
    const list = new ReadyList(() => store);
    const first = Array.from({ length: 200 }, () => recovered(store, randomBytes(8 * 1024)));
    for (const qm of first) list.push(qm);
    const mixed: QueuedMessage[] = [];
    const transientBody = new Map<number, string>();
    for (let i = 0; i < 600; i++) {
      const body = randomBytes(8 * 1024);
      let qm: QueuedMessage;
      if (i % 3 === 0) {
        qm = { seq: ++seq, message: msg(body, `k${seq}`), redelivered: false, expiresAt: Infinity, priority: 0 };
        transientBody.set(qm.seq, body.toString("hex"));
      } else qm = live(store, body);
      mixed.push(qm);
      list.push(qm);
    }
    const seqs = [...first, ...mixed].map((q) => q.seq);
    const bodyOf = new Map<number, string>([...transientBody, ...[...first, ...mixed].filter((q) => q.storeRef !== undefined).map((q) => [q.seq, store.records.get(q.storeRef!)!.body.toString("hex")] as const)]);
    // take some, requeue one of them, then drain the rest
    const taken = [list.shift()!, list.shift()!, list.shift()!];
    list.requeue(taken[1]!);
    const rest = drain(list);
    expect(rest.map((q) => q.seq)).toEqual([taken[1]!.seq, ...seqs.slice(3)]);
    for (const q of [...taken, ...rest]) expect(q.message.body.toString("hex")).toBe(bodyOf.get(q.seq));
    expect([list.length, list.byteLength]).toEqual([0, 0]);
  });

  it("drops a stored message that cannot be read, counting it out, and delivers the rest", () => {
    const store = new FakeStore();
    const list = new ReadyList(() => store);
    const qms = Array.from({ length: 10 }, () => recovered(store, randomBytes(100)));
    const want = expected(store, qms).filter((_, i) => i !== 0 && i !== 4);
    for (const qm of qms) list.push(qm);
    store.unreadable.add(qms[0]!.storeRef!);
    store.unreadable.add(qms[4]!.storeRef!);
    expect(list.peek()?.seq).toBe(qms[1]!.seq);
    expect([list.length, list.byteLength]).toEqual([8, 800]);
    expect(drain(list).map(shape)).toEqual(want);
    expect([list.length, list.byteLength]).toEqual([0, 0]);
  });

  it("clear() hands over every stored message's ref without reading any back", () => {
    const store = new FakeStore();
    const list = new ReadyList(() => store);
    const qms = Array.from({ length: 5000 }, () => recovered(store, randomBytes(2048)));
    for (const qm of qms) list.push(qm);
    const transient: QueuedMessage = { seq: ++seq, message: msg(randomBytes(10), "t"), redelivered: false, expiresAt: Infinity, priority: 0 };
    list.push(transient);
    expect(list.shift()?.seq).toBe(qms[0]!.seq);
    const loadsBefore = store.loads.length;
    const refs: number[] = [];
    expect(list.clear((ref) => refs.push(ref))).toBe(5000);
    expect(refs).toEqual(qms.slice(1).map((q) => q.storeRef));
    expect(store.loads.length).toBe(loadsBefore);
    expect([list.length, list.byteLength]).toEqual([0, 0]);
  });

  it("a priority queue counts recovered messages by the store's sizes and skips a level that held only unreadable ones", () => {
    const store = new FakeStore();
    const list = new PriorityReadyList(5, () => store);
    const high = recovered(store, randomBytes(300), 5);
    const lows = Array.from({ length: 4 }, () => recovered(store, randomBytes(200), 1));
    const want = expected(store, lows);
    for (const qm of [...lows, high]) list.push(qm);
    expect([list.length, list.byteLength]).toEqual([5, 1100]);
    store.unreadable.add(high.storeRef!);
    expect(list.peek()?.seq).toBe(lows[0]!.seq);
    expect([list.length, list.byteLength]).toEqual([4, 800]);
    expect(drain(list).map(shape)).toEqual(want);
    expect([list.length, list.byteLength]).toEqual([0, 0]);
  });
});
