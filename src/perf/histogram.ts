/** Percentiles of a latency distribution, in milliseconds. */
export interface LatencySummary {
  readonly count: number;
  readonly min: number;
  readonly mean: number;
  readonly p50: number;
  readonly p75: number;
  readonly p95: number;
  readonly p99: number;
  readonly max: number;
}

// Log-linear buckets over whole microseconds: exact below 128 us, then 64 buckets per power of two (< 1.6% error).
const LINEAR = 128;
const PER_OCTAVE = 64;
const BUCKETS = LINEAR + (32 - 7) * PER_OCTAVE;
const MAX_US = 0xffffffff;

/** Fixed-size histogram: recording is a few integer operations and memory does not grow with the sample count. */
export class LatencyHistogram {
  private readonly counts = new Float64Array(BUCKETS);
  private n = 0;
  private sumUs = 0;
  private minUs = Infinity;
  private maxUs = 0;

  get count(): number {
    return this.n;
  }

  /** Records one latency given in milliseconds (negative values, from clock steps, count as 0). */
  recordMs(ms: number): void {
    let us = Math.round(ms * 1000);
    if (!(us > 0)) us = 0;
    else if (us > MAX_US) us = MAX_US;
    this.counts[bucketOf(us)]!++;
    this.n++;
    this.sumUs += us;
    if (us < this.minUs) this.minUs = us;
    if (us > this.maxUs) this.maxUs = us;
  }

  /** The value (ms) at or below which p percent of samples fall; undefined when empty. */
  percentileMs(p: number): number | undefined {
    if (this.n === 0) return undefined;
    const rank = Math.max(1, Math.ceil((p / 100) * this.n));
    let seen = 0;
    for (let i = 0; i < BUCKETS; i++) {
      seen += this.counts[i]!;
      // bucket representatives are clamped to the exact extremes so p0/p100 never overshoot
      if (seen >= rank) return Math.min(this.maxUs, Math.max(this.minUs, valueOf(i))) / 1000;
    }
    return this.maxUs / 1000;
  }

  summary(): LatencySummary | undefined {
    if (this.n === 0) return undefined;
    const p = (q: number): number => this.percentileMs(q)!;
    return { count: this.n, min: this.minUs / 1000, mean: this.sumUs / this.n / 1000, p50: p(50), p75: p(75), p95: p(95), p99: p(99), max: this.maxUs / 1000 };
  }
}

function bucketOf(us: number): number {
  if (us < LINEAR) return us;
  const e = 31 - Math.clz32(us);
  const top = Math.floor(us / 2 ** (e - 6));
  return LINEAR + (e - 7) * PER_OCTAVE + (top - PER_OCTAVE);
}

/** The middle of bucket i's range, in microseconds. */
function valueOf(i: number): number {
  if (i < LINEAR) return i;
  const k = i - LINEAR;
  const e = 7 + Math.floor(k / PER_OCTAVE);
  const top = PER_OCTAVE + (k % PER_OCTAVE);
  const width = 2 ** (e - 6);
  return top * width + (width - 1) / 2;
}
