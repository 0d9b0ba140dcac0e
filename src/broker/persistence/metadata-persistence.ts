// The subscriber that keeps the metadata store in step with the broker: domain objects report which definition
// changed (MetadataListener), and once per microtask the records of everything reported are written as one change set.
import type { Broker } from "../broker.js";
import { jsonText } from "../json/json-text.js";
import { compositeKey, type JsonValue, type MetadataChange, type MetadataKind, type MetadataStore } from "../store/index.js";
import type { MetadataListener } from "./metadata-listener.js";
import { allDefinitions, currentRecord, type KeyParts, USER_PART, VHOST_SCOPED } from "./metadata-records.js";
import { isFirstStart, restoreDefinitions } from "./restore.js";

interface Named {
  readonly kind: MetadataKind;
  readonly parts: KeyParts;
  /** compositeKey(...parts), worked out once. */
  readonly key: string;
}

interface Stored extends Named {
  /** The record's JSON text, so an unchanged record is not written again. */
  readonly text: string;
}

const entryId = (kind: MetadataKind, key: string): string => `${kind}\u0000${key}`;

/** The text of a record whose last write failed: equal to no record's JSON, so the next write puts (or deletes) it again. */
const UNWRITTEN = "\u0000unwritten";
/** How long after a failed write the changes it carried are tried again. */
const DEFAULT_RETRY_MS = 1000;

/** A stored key's parts; a key that is not a list of names (written by something else) names nothing. */
function partsOf(key: string): KeyParts {
  try {
    const parts: unknown = JSON.parse(key);
    return Array.isArray(parts) && parts.every((p) => typeof p === "string") ? parts : [];
  } catch {
    return [];
  }
}

export interface PersistenceLog {
  warning(message: string): void;
  error(message: string): void;
}

/**
 * Writes every change to the broker's definitions to a MetadataStore. Changes reported in one synchronous run
 * (a vhost deletion and all it cascades into, a definitions import) are applied together, all or none.
 */
export class MetadataPersistence {
  /** What the store holds, by kind and key. */
  private readonly stored = new Map<string, Stored>();
  private dirty = new Map<string, Named>();
  private scheduled: Promise<void> | undefined;
  private lastWrite: Promise<void> = Promise.resolve();
  private attached = false;

  private retryTimer: NodeJS.Timeout | undefined;

  private constructor(
    private readonly broker: Broker,
    private readonly store: MetadataStore,
    private readonly log: PersistenceLog,
    private readonly retryMs: number,
  ) {}

  /**
   * Loads the store; a first start stores the broker's first-start definitions, a later one replaces them with the
   * stored ones. Resolves once that is durable and every later change is being persisted.
   */
  static async open(broker: Broker, store: MetadataStore, log: PersistenceLog, retryMs = DEFAULT_RETRY_MS): Promise<MetadataPersistence> {
    const snapshot = await store.load();
    const p = new MetadataPersistence(broker, store, log, retryMs);
    if (!isFirstStart(snapshot)) restoreDefinitions(broker, snapshot, (m) => log.warning(m));
    for (const [kind, entries] of Object.entries(snapshot) as [MetadataKind, Map<string, JsonValue>][]) {
      for (const [key, value] of entries) p.stored.set(entryId(kind, key), { kind, key, parts: partsOf(key), text: jsonText(value) });
    }
    await p.reconcile();
    p.attach();
    return p;
  }

  /** Settles once every change reported so far is durable (rejects when its write failed). */
  flushed(): Promise<void> {
    return this.scheduled ?? this.lastWrite;
  }

  /** Stops recording changes (a stopping node's connections closing must not delete auto-delete queues), then waits for pending writes. */
  detach(): void {
    if (!this.attached) return;
    this.attached = false;
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    this.setListener(undefined);
  }

  async close(): Promise<void> {
    this.detach();
    await this.flushed().catch(() => {});
    await this.store.close();
  }

  private readonly changed: MetadataListener = (kind, ...parts) => {
    const key = compositeKey(...parts);
    this.dirty.set(entryId(kind, key), { kind, parts, key });
    this.schedule();
  };

  private attach(): void {
    this.attached = true;
    this.setListener(this.changed);
  }

  private setListener(l: MetadataListener | undefined): void {
    const b = this.broker;
    b.onMetadataChange = l;
    b.node.onMetadataChange = l;
    b.users.onMetadataChange = l;
    b.permissions.onMetadataChange = l;
    b.topicPermissions.onMetadataChange = l;
    b.userLimits.onMetadataChange = l;
    b.globalParameters.onMetadataChange = l;
    for (const v of b.vhosts.values()) v.onMetadataChange = l;
  }

  /** At start: the store is made to hold exactly the broker's durable definitions (dropping records that could not be restored). */
  private async reconcile(): Promise<void> {
    const changes: MetadataChange[] = [];
    const present = new Set<string>();
    for (const [kind, parts] of allDefinitions(this.broker)) {
      const key = compositeKey(...parts);
      present.add(entryId(kind, key));
      this.settle({ kind, parts, key }, changes);
    }
    for (const [id, s] of this.stored) {
      if (present.has(id)) continue;
      this.stored.delete(id);
      changes.push({ op: "delete", kind: s.kind, key: s.key });
    }
    if (changes.length > 0) await this.store.apply(changes);
  }

  /** Compares a definition's current record with the stored one and adds the put or delete that makes them equal. */
  private settle({ kind, parts, key }: Named, out: MetadataChange[]): void {
    const id = entryId(kind, key);
    const value = currentRecord(this.broker, kind, parts);
    const old = this.stored.get(id);
    if (value === undefined) {
      if (old === undefined) return;
      this.stored.delete(id);
      out.push({ op: "delete", kind, key });
      return;
    }
    const text = jsonText(value);
    if (old?.text === text) return;
    this.stored.set(id, { kind, key, parts, text });
    out.push({ op: "put", kind, key, value });
  }

  private schedule(): void {
    if (this.scheduled !== undefined) return;
    const run = new Promise<void>((resolve, reject) => {
      queueMicrotask(() => {
        this.scheduled = undefined;
        const w = this.write();
        this.lastWrite = w;
        w.then(resolve, reject);
      });
    });
    // nobody need be waiting; a failure is logged by write()
    run.catch(() => {});
    this.scheduled = run;
  }

  /** Writes the records of everything reported since the last write; a deleted vhost or user takes what hangs off it along. */
  private write(): Promise<void> {
    const changes: MetadataChange[] = [];
    try {
      const dirty = this.dirty;
      this.dirty = new Map();
      for (const named of dirty.values()) {
        const { kind, parts } = named;
        this.settle(named, changes);
        if (kind === "vhost" && !this.broker.vhosts.has(parts[0]!)) this.settleWhere((s) => VHOST_SCOPED.has(s.kind) && s.parts[0] === parts[0], changes);
        if (kind === "user" && !this.broker.users.has(parts[0]!)) this.settleWhere((s) => s.parts[USER_PART[s.kind] ?? -1] === parts[0], changes);
      }
    } catch (e) {
      this.log.error(`metadata store: could not record a change: ${(e as Error).stack ?? String(e)}`);
    }
    if (changes.length === 0) return this.lastWrite;
    const w = this.store.apply(changes);
    w.catch((e: unknown) => {
      this.log.error(`metadata store: a change could not be written, trying again in ${this.retryMs} ms: ${(e as Error).message}`);
      this.unwritten(changes);
    });
    return w;
  }

  /**
   * A write failed (a full disk, say): the records it carried are marked as not in the store and written again
   * later, as they then are (a later write may already have replaced some; writing the current state is always right).
   */
  private unwritten(changes: readonly MetadataChange[]): void {
    if (!this.attached) return;
    for (const c of changes) {
      const named: Named = { kind: c.kind, key: c.key, parts: partsOf(c.key) };
      this.stored.set(entryId(c.kind, c.key), { ...named, text: UNWRITTEN });
      this.dirty.set(entryId(c.kind, c.key), named);
    }
    if (this.retryTimer !== undefined) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      if (this.attached) this.schedule();
    }, this.retryMs);
    this.retryTimer.unref();
  }

  private settleWhere(test: (s: Stored) => boolean, out: MetadataChange[]): void {
    for (const s of [...this.stored.values()]) if (test(s)) this.settle(s, out);
  }
}
