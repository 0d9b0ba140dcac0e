// Rates over the stats window: counters roll lazily per epoch, gauges are sampled at each tick.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

describe("stats counters", () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval", "Date"] });
    vi.resetModules();
  });
  afterEach(() => vi.useRealTimers());

  it("give a per-second rate over the last one to two intervals, back to 0 when quiet", async () => {
    const { Counters, GaugeHistory } = await import("../../../src/broker/stats/counters.js");
    const { STATS_INTERVAL_MS, onStatsTick } = await import("../../../src/broker/stats/clock.js");
    const c = new Counters(2);
    c.add(0, 10);
    vi.advanceTimersByTime(STATS_INTERVAL_MS / 2);
    // 10 events in 2.5 s since the window opened
    expect(c.rate(0)).toBe(4);
    expect(c.get(0)).toBe(10);
    vi.advanceTimersByTime(STATS_INTERVAL_MS);
    c.add(0, 5);
    // the window now starts at the previous epoch (t=0): 15 events in 7.5 s
    expect(c.rate(0)).toBe(2);
    vi.advanceTimersByTime(STATS_INTERVAL_MS);
    // one epoch on, the window starts at t=5 s, after the first 10: 5 events in 7.5 s
    expect(c.rate(0)).toBe(0.7);
    vi.advanceTimersByTime(STATS_INTERVAL_MS);
    expect(c.rate(0)).toBe(0);
    expect(c.get(0)).toBe(15);
    expect(c.rate(1)).toBe(0);

    const g = new GaugeHistory([0]);
    let level = 0;
    onStatsTick(() => g.sample([level]));
    level = 20;
    // now t=17.5 s: rising from 0 to 20 over the window since the previous epoch began (t=10 s)
    expect(g.rate(0, level)).toBe(2.7);
    vi.advanceTimersByTime(STATS_INTERVAL_MS / 2);
    // t=20 s, a tick: 0 at the start of the previous epoch (t=15 s), 20 now
    expect(g.rate(0, level)).toBe(4);
    vi.advanceTimersByTime(STATS_INTERVAL_MS);
    expect(g.rate(0, level)).toBe(0);
  });
});
