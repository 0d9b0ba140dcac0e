import type { ErlangFloat } from "../json/json-value.js";

/** What the broker's definitions persist as; the store treats values as opaque JSON. */
export const METADATA_KINDS = [
  "vhost",
  "user",
  "permission",
  "topicPermission",
  "exchange",
  "queue",
  "binding",
  "policy",
  "operatorPolicy",
  "parameter",
  "globalParameter",
  "vhostLimits",
  "userLimits",
] as const;
export type MetadataKind = (typeof METADATA_KINDS)[number];

/** A stored value: JSON whose numbers keep the form the API received them in (floats as floats, integers exact). */
export type JsonValue = null | boolean | number | bigint | ErlangFloat | string | JsonValue[] | { [key: string]: JsonValue };

export type MetadataChange =
  | { readonly op: "put"; readonly kind: MetadataKind; readonly key: string; readonly value: JsonValue }
  | { readonly op: "delete"; readonly kind: MetadataKind; readonly key: string };

/** Everything stored, by kind then key; a fresh copy the caller may keep or change. */
export type MetadataSnapshot = { readonly [K in MetadataKind]: Map<string, JsonValue> };

/**
 * Where definitions live. The broker sees only this interface (no files), so a replicated store can replace the
 * local one. Every change is durable before its promise resolves; changes made in one event-loop turn share a sync.
 */
export interface MetadataStore {
  /** Reads what is stored (recovering from a crash as needed); call once, before any change. */
  load(): Promise<MetadataSnapshot>;
  /** Applies the changes all or none, in order (e.g. a vhost and everything in it deleted together). */
  apply(changes: readonly MetadataChange[]): Promise<void>;
  put(kind: MetadataKind, key: string, value: JsonValue): Promise<void>;
  delete(kind: MetadataKind, key: string): Promise<void>;
  /** Waits for pending changes, then releases the store. */
  close(): Promise<void>;
}

/** An unambiguous key made of parts (vhost + name, or a binding's source, destination, key and arguments). */
export const compositeKey = (...parts: readonly string[]): string => JSON.stringify(parts);

export const isMetadataKind = (s: unknown): s is MetadataKind => (METADATA_KINDS as readonly unknown[]).includes(s);
