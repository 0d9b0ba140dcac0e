import { performance } from "node:perf_hooks";
import type { PerfChannel } from "./channel.js";
import { PerfConnection } from "./connection.js";
import { Consumer } from "./consumer.js";
import { LatencyHistogram, type LatencySummary } from "./histogram.js";
import { Meter, round, type Sample, type Totals } from "./meter.js";
import type { PerfOptions } from "./options.js";
import { Producer } from "./producer.js";
import { declareExchange, declareQueue, deleteOwnedExchange, planTopology, type Topology } from "./topology.js";
import { type AmqpTarget, parseAmqpUri, redactUri } from "./uri.js";

export interface PerfSummary {
  readonly uri: string;
  readonly server: { readonly product: string; readonly version: string };
  readonly options: Omit<PerfOptions, "uri">;
  readonly exchange: string;
  readonly routingKey: string;
  readonly queues: readonly string[];
  /** Seconds from the first publish to the end of publishing (--time: the window). */
  readonly elapsedSeconds: number;
  /** Seconds spent after publishing ended waiting for deliveries and confirms still due. */
  readonly drainSeconds: number;
  /** Totals, including what arrived while draining after the window. */
  readonly sent: number;
  readonly received: number;
  readonly confirmed: number;
  readonly nacked: number;
  /** Mean rates: over the --time window, or (by message count) up to the last publish / the last delivery. */
  readonly sentRate: number;
  readonly receivedRate: number;
  readonly samples: readonly Sample[];
  readonly latencyMs: LatencySummary | null;
  readonly confirmLatencyMs: LatencySummary | null;
  /** Failures (a channel or connection closed by the server); a run with errors exits non-zero. */
  readonly errors: readonly string[];
  /** Things worth knowing that are not failures (e.g. a drain cut short). */
  readonly warnings: readonly string[];
}

export interface RunHooks {
  /** Everything is declared and consuming; publishing starts now. */
  readonly onStart?: () => void;
  readonly onSample?: (s: Sample) => void;
  /** Aborting ends the run early (Ctrl-C); the summary still comes. */
  readonly signal?: AbortSignal;
}

/** Without any progress for this long, publishing or draining is given up. */
const STALL_MS = 5000;
/** After a --time window, waiting for the consumers to catch up is bounded by this; a longer backlog is reported, not waited for. */
const DRAIN_MAX_MS = 2000;
const POLL_MS = 20;

/** Runs one load test as the options say and returns its summary; setup failures reject with a one-line Error. */
export async function runPerf(o: PerfOptions, hooks: RunHooks = {}): Promise<PerfSummary> {
  return new PerfRun(o, parseAmqpUri(o.uri), hooks).execute();
}

class PerfRun {
  private readonly conns: PerfConnection[] = [];
  private readonly producers: Producer[] = [];
  private readonly consumers: Consumer[] = [];
  private readonly latency = new LatencyHistogram();
  private readonly confirmLatency = new LatencyHistogram();
  private readonly errors: string[] = [];
  private readonly warnings: string[] = [];
  private readonly queues: string[] = [];
  private poke: (() => void) | undefined;
  private closing = false;

  constructor(
    private readonly o: PerfOptions,
    private readonly target: AmqpTarget,
    private readonly hooks: RunHooks,
  ) {}

  async execute(): Promise<PerfSummary> {
    const o = this.o;
    const setup = await this.connect("setup");
    try {
      const setupCh = await this.channel(setup);
      const topology = planTopology(o);
      await declareExchange(setupCh, topology, o);
      await this.startConsumers(setupCh, topology);
      await this.startProducers(topology);
      const summary = await this.measure(setup, topology);
      await this.closeClients();
      await deleteOwnedExchange(setupCh, topology).catch((e: Error) => this.warnings.push(`could not delete exchange ${topology.ownedExchange}: ${e.message}`));
      return summary;
    } finally {
      await this.closeClients();
      await setup.close();
    }
  }

  private async connect(role: string): Promise<PerfConnection> {
    const c = await PerfConnection.open({ ...this.target, connectionName: `warren-perf ${role}` });
    this.conns.push(c);
    return c;
  }

  private async channel(c: PerfConnection): Promise<PerfChannel> {
    const ch = await c.openChannel();
    ch.onFailure((e) => this.fail(e));
    return ch;
  }

  /** Named queues are declared once and shared; server-named ones are exclusive, so each is declared by the connection that consumes it. */
  private async startConsumers(setupCh: PerfChannel, t: Topology): Promise<void> {
    const o = this.o;
    const perQueue = (q: number): number => Math.floor(o.consumers / t.queueNames.length) + (q < o.consumers % t.queueNames.length ? 1 : 0);
    for (const [q, name] of t.queueNames.entries()) {
      if (name !== undefined || o.consumers === 0) {
        const queue = await declareQueue(setupCh, name, t, o);
        this.queues.push(queue);
        for (let i = 0; i < perQueue(q); i++) await this.addConsumer(await this.channel(await this.connect(`consumer ${this.consumers.length + 1}`)), queue);
        continue;
      }
      const owner = await this.connect(`consumer ${this.consumers.length + 1}`);
      const first = await this.channel(owner);
      const queue = await declareQueue(first, undefined, t, o);
      this.queues.push(queue);
      for (let i = 0; i < perQueue(q); i++) await this.addConsumer(i === 0 ? first : await this.channel(owner), queue);
    }
  }

  private async addConsumer(ch: PerfChannel, queue: string): Promise<void> {
    const c = new Consumer(ch, this.o, this.latency, () => this.poke?.());
    await c.start(queue);
    this.consumers.push(c);
  }

  private async startProducers(t: Topology): Promise<void> {
    for (let i = 0; i < this.o.producers; i++) {
      const p = new Producer(await this.channel(await this.connect(`producer ${i + 1}`)), this.o, t, this.confirmLatency);
      await p.prepare();
      this.producers.push(p);
    }
  }

  private async measure(setup: PerfConnection, t: Topology): Promise<PerfSummary> {
    const o = this.o;
    const meter = new Meter(() => this.totals(), this.hooks.onSample);
    this.hooks.onStart?.();
    const start = performance.now();
    meter.start(start);
    const finished = this.producers.map((p) => p.start(start));
    let windowEnd: number | undefined;
    let atWindow: Totals | undefined;
    const endWindow = (): void => {
      if (windowEnd !== undefined) return;
      windowEnd = performance.now();
      atWindow = this.totals();
      meter.stop(windowEnd);
      for (const p of this.producers) p.stop();
    };
    const timer = o.time === undefined ? undefined : setTimeout(endWindow, o.time * 1000);
    this.hooks.signal?.addEventListener("abort", endWindow, { once: true });
    let allFinished = false;
    void Promise.all(finished).then(() => (allFinished = true));
    try {
      // by count, publishing ends when every producer has its confirms; by time or signal, when the window closes
      const byCount = o.pmessages !== undefined;
      const published = (): boolean => this.errors.length > 0 || windowEnd !== undefined || (byCount && allFinished);
      if (!(await this.until(published, byCount ? STALL_MS : Infinity))) {
        this.errors.push(`no progress for ${STALL_MS / 1000} s while publishing`);
      }
      const publishEnd = windowEnd ?? Math.max(start, ...this.producers.map((p) => p.lastSentAt));
      if (windowEnd === undefined) for (const p of this.producers) p.stop();
      const copies = this.consumers.length > 0 ? this.queues.length : 0;
      const complete = (): boolean => this.errors.length > 0 || (allFinished && this.totals().received >= this.totals().sent * copies);
      const drained = await this.until(complete, STALL_MS, windowEnd === undefined ? Infinity : DRAIN_MAX_MS);
      const drainEnd = performance.now();
      const end = this.totals();
      if (!drained) this.warnings.push(`stopped waiting with ${end.sent * copies - end.received} deliveries and ${this.producers.reduce((n, p) => n + p.inFlight, 0)} confirms outstanding`);
      for (const c of this.consumers) c.flushAcks();
      meter.stop(performance.now());
      const lastReceive = Math.max(start, ...this.consumers.map((c) => c.lastReceivedAt));
      const sendSeconds = Math.max((publishEnd - start) / 1000, 1e-3);
      const receiveSeconds = atWindow === undefined ? Math.max((lastReceive - start) / 1000, 1e-3) : sendSeconds;
      const { uri: _uri, ...options } = o;
      return {
        uri: redactUri(o.uri),
        server: setup.server,
        options,
        exchange: t.exchange,
        routingKey: t.routingKey,
        queues: this.queues,
        elapsedSeconds: round(sendSeconds, 3),
        drainSeconds: round(Math.max(0, drainEnd - publishEnd) / 1000, 3),
        sent: end.sent,
        received: end.received,
        confirmed: end.confirmed,
        nacked: this.producers.reduce((n, p) => n + p.nacked, 0),
        sentRate: round((atWindow ?? end).sent / sendSeconds, 0),
        receivedRate: round((atWindow ?? end).received / receiveSeconds, 0),
        samples: meter.samples,
        latencyMs: this.latency.summary() ?? null,
        confirmLatencyMs: this.confirmLatency.summary() ?? null,
        errors: [...this.errors],
        warnings: this.warnings,
      };
    } finally {
      if (timer !== undefined) clearTimeout(timer);
      this.hooks.signal?.removeEventListener("abort", endWindow);
      meter.stop(performance.now());
    }
  }

  /** Resolves true once cond holds; false after stallMs without progress or after maxMs. Deliveries poke it, so the end is noticed at once. */
  private async until(cond: () => boolean, stallMs: number, maxMs = Infinity): Promise<boolean> {
    const began = performance.now();
    let progress = this.progress();
    let movedAt = began;
    while (!cond()) {
      const now = performance.now();
      const p = this.progress();
      if (p !== progress) {
        progress = p;
        movedAt = now;
      } else if (now - movedAt > stallMs) return false;
      if (now - began > maxMs) return false;
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, POLL_MS);
        this.poke = () => {
          if (cond()) {
            clearTimeout(t);
            resolve();
          }
        };
      });
      this.poke = undefined;
    }
    return true;
  }

  private progress(): number {
    const t = this.totals();
    return t.sent + t.received + t.confirmed;
  }

  private totals(): Totals {
    let sent = 0;
    let confirmed = 0;
    let received = 0;
    for (const p of this.producers) {
      sent += p.sent;
      confirmed += p.confirmed + p.nacked;
    }
    for (const c of this.consumers) received += c.received;
    return { sent, received, confirmed };
  }

  private fail(e: Error): void {
    // once the summary is taken, what closing connections run into is not part of the measurement
    if (this.closing) return;
    if (!this.errors.includes(e.message)) this.errors.push(e.message);
    for (const p of this.producers) p.stop();
    this.poke?.();
  }

  /**
   * Closes producer connections, then consumer ones (the setup one stays for cleanup); safe to call twice. Producers go
   * first: closing a consumer deletes its exclusive queue, and a generated exchange with it, while publishes may still be in flight.
   */
  private async closeClients(): Promise<void> {
    this.closing = true;
    const clients = this.conns.splice(1);
    const producing = new Set(this.producers.map((p) => p.connection));
    await Promise.all(clients.filter((c) => producing.has(c)).map((c) => c.close()));
    await Promise.all(clients.filter((c) => !producing.has(c)).map((c) => c.close()));
  }
}
