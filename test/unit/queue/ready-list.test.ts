// Ready lists page long tails' bodies to disk and read them back in order: nothing lost, reordered or miscounted.
import { randomBytes } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Properties } from "../../../src/protocol/index.js";
import type { QueuedMessage } from "../../../src/broker/message.js";
import { PriorityReadyList } from "../../../src/broker/queue/priority.js";
import { type Ready, ReadyList } from "../../../src/broker/queue/ready-list.js";

let seq = 0;
const message = (body: Buffer, priority = 0): QueuedMessage => ({
  seq: ++seq,
  message: { exchange: "x", routingKey: `k${seq}`, routingKeys: undefined, properties: Properties.EMPTY, body },
  redelivered: false,
  expiresAt: Infinity,
  priority,
});
const MB = 1024 * 1024;

describe("ReadyList paging", () => {
  it("keeps the first 2 MB of bodies in memory, pages the rest out and hands every body back intact, in order", () => {
    const list = new ReadyList();
    const bodies = Array.from({ length: 400 }, (_, i) => randomBytes(32 * 1024 + i));
    const qms = bodies.map((b) => message(b));
    for (const qm of qms) list.push(qm);
    const total = bodies.reduce((n, b) => n + b.length, 0);
    expect([list.length, list.byteLength]).toEqual([400, total]);
    // the tail's messages no longer hold their bodies; the head's still do
    expect(qms[0]!.message.body).toBe(bodies[0]);
    expect(qms[399]!.message.body.length).toBe(0);
    const out: Buffer[] = [];
    for (let qm = list.peek(); qm !== undefined; qm = list.peek()) {
      expect(list.shift()).toBe(qm);
      out.push(qm.message.body);
      expect(qm.message.routingKey).toBe(`k${qm.seq}`);
    }
    expect(out.map((b) => b.toString("hex"))).toEqual(bodies.map((b) => b.toString("hex")));
    expect([list.length, list.byteLength]).toEqual([0, 0]);
  });

  it("matches a plain FIFO with requeues through any mix of pushes, shifts, requeues and clears", () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant("push" as const), size: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 3 * MB })) }),
      fc.record({ kind: fc.constant("shift" as const), n: fc.integer({ min: 1, max: 8 }) }),
      fc.record({ kind: fc.constant("requeue" as const) }),
      fc.record({ kind: fc.constant("clear" as const) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 40 }), (ops) => {
        const list = new ReadyList();
        // the model: requeued messages sorted by seq, ahead of the tail in arrival order
        const requeued: QueuedMessage[] = [];
        const tail: QueuedMessage[] = [];
        const content = new Map<QueuedMessage, string>();
        const delivered: QueuedMessage[] = [];
        let bytes = 0;
        for (const o of ops) {
          if (o.kind === "push") {
            const qm = message(Buffer.alloc(o.size, o.size % 251));
            content.set(qm, `${o.size}:${o.size === 0 ? 0 : o.size % 251}`);
            tail.push(qm);
            bytes += o.size;
            list.push(qm);
          } else if (o.kind === "shift") {
            for (let i = 0; i < o.n; i++) {
              const want = requeued.shift() ?? tail.shift();
              expect(list.peek()).toBe(want);
              const got = list.shift();
              expect(got).toBe(want);
              if (got === undefined) break;
              expect(`${got.message.body.length}:${got.message.body[0] ?? 0}`).toBe(content.get(got));
              bytes -= got.message.body.length;
              delivered.push(got);
            }
          } else if (o.kind === "requeue") {
            const qm = delivered.splice(Math.floor(delivered.length / 2), 1)[0];
            if (qm === undefined) continue;
            list.requeue(qm);
            const at = requeued.findIndex((m) => m.seq > qm.seq);
            requeued.splice(at < 0 ? requeued.length : at, 0, qm);
            bytes += qm.message.body.length;
          } else {
            list.clear();
            requeued.length = 0;
            tail.length = 0;
            bytes = 0;
          }
          expect([list.length, list.byteLength]).toEqual([requeued.length + tail.length, bytes]);
        }
        return true;
      }),
      { numRuns: 30 },
    );
  });

  it("counts the bytes of a priority queue's paged levels", () => {
    const list: Ready = new PriorityReadyList(3);
    const sizes = Array.from({ length: 60 }, (_, i) => 512 * 1024 + i);
    for (const [i, s] of sizes.entries()) list.push(message(Buffer.alloc(s, i), i % 4));
    expect(list.byteLength).toBe(sizes.reduce((a, b) => a + b, 0));
    const order: number[] = [];
    for (let qm = list.shift(); qm !== undefined; qm = list.shift()) order.push(qm.message.body[0]!);
    expect(order).toEqual([3, 2, 1, 0].flatMap((p) => sizes.map((_, i) => i).filter((i) => i % 4 === p)));
    expect(list.byteLength).toBe(0);
  });
});
