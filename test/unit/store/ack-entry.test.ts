import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ACK_ENTRY_BYTES, encodeAckInto, scanAckLog } from "../../../src/broker/store/ack-entry.js";

const ackLog = (nos: readonly number[]): Buffer => {
  const buf = Buffer.alloc(nos.length * ACK_ENTRY_BYTES);
  nos.forEach((n, i) => encodeAckInto(buf, i * ACK_ENTRY_BYTES, n));
  return buf;
};

describe("ack log entries", () => {
  it("round-trip any record numbers", () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 0xffff_ffff })), (nos) => {
        const buf = ackLog(nos);
        expect(scanAckLog(buf)).toEqual({ acked: nos, end: buf.length, bad: 0 });
      }),
    );
  });

  it("a torn log loses at most the torn entry", () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 100_000 }), { minLength: 1, maxLength: 50 }), fc.nat(), (nos, at) => {
        const buf = ackLog(nos);
        const cut = at % (buf.length + 1);
        const whole = Math.floor(cut / ACK_ENTRY_BYTES);
        const s = scanAckLog(buf.subarray(0, cut));
        expect(s.acked).toEqual(nos.slice(0, whole));
        expect(s.end).toBe(whole * ACK_ENTRY_BYTES);
        expect(s.bad).toBe(cut % ACK_ENTRY_BYTES === 0 ? 0 : 1);
      }),
    );
  });

  it("a damaged entry is never taken for an ack, and the ones after it still count", () => {
    const buf = ackLog([3, 7, 9]);
    buf[ACK_ENTRY_BYTES + 3]! ^= 0x04; // 7 would read as 3: the check must catch it
    expect(scanAckLog(buf)).toEqual({ acked: [3, 9], end: buf.length, bad: 1 });
  });
});
