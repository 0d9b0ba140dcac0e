import { parseJsonText } from "../json/json-parse.js";
import { jsonText } from "../json/json-text.js";
import { FRAME_HEADER_BYTES, sealFrame } from "./frame.js";
import { isMetadataKind, type JsonValue, METADATA_KINDS, type MetadataChange, type MetadataKind, type MetadataSnapshot } from "./metadata-store.js";

// A log frame's payload is a JSON array of changes: {"op":"put","kind":..,"key":..,"value":..} or {"op":"delete",..}.

const putText = (kind: MetadataKind, key: string, valueText: string): string =>
  `{"op":"put","kind":${JSON.stringify(kind)},"key":${JSON.stringify(key)},"value":${valueText}}`;
const deleteText = (kind: MetadataKind, key: string): string => `{"op":"delete","kind":${JSON.stringify(kind)},"key":${JSON.stringify(key)}}`;

/** JSON text of a value; throws for what JSON cannot hold (so a bad value fails the call, not the log). */
function valueText(value: JsonValue): string {
  // numbers as the API took them: 1.0 stays a float and 2^64 exact across a restart
  const text = jsonText(value);
  if (text === undefined) throw new TypeError("metadata value is not JSON");
  return text;
}

/** Checks one decoded change (a frame can pass its CRC and still come from a different version). */
function toChange(x: unknown): MetadataChange {
  const c = x as { op?: unknown; kind?: unknown; key?: unknown; value?: unknown } | null;
  if (c === null || typeof c !== "object" || !isMetadataKind(c.kind) || typeof c.key !== "string") throw new TypeError("malformed change");
  if (c.op === "delete") return { op: "delete", kind: c.kind, key: c.key };
  if (c.op === "put" && "value" in c) return { op: "put", kind: c.kind, key: c.key, value: c.value as JsonValue };
  throw new TypeError("malformed change");
}

/** Decodes a frame payload; throws unless every change in it is well formed (a frame applies whole or not at all). */
export function parseChanges(payload: Buffer): MetadataChange[] {
  const parsed: unknown = parseJsonText(payload.toString("utf8"));
  if (!Array.isArray(parsed)) throw new TypeError("frame is not a list of changes");
  return parsed.map(toChange);
}

/** Frames payloads back to back, ready to write. */
function framePayloads(payloads: readonly Buffer[]): Buffer {
  const out = Buffer.allocUnsafe(payloads.reduce((n, p) => n + FRAME_HEADER_BYTES + p.length, 0));
  let at = 0;
  for (const p of payloads) at += frameInto(out, at, p);
  return out;
}

export function frameInto(buf: Buffer, at: number, payload: Buffer): number {
  payload.copy(buf, at + FRAME_HEADER_BYTES);
  return sealFrame(buf, at, payload.length);
}

const SNAPSHOT_CHANGES_PER_FRAME = 1000;

/** The stored definitions, values kept as JSON text: never aliased by callers, and written out without re-encoding. */
export class MetadataState {
  private readonly kinds = new Map<MetadataKind, Map<string, string>>(METADATA_KINDS.map((k) => [k, new Map()]));

  /** Applies the changes and returns the log payload that replays them. */
  apply(changes: readonly MetadataChange[]): Buffer {
    const texts: string[] = [];
    const values = changes.map((c) => {
      if (!isMetadataKind(c.kind) || typeof c.key !== "string") throw new TypeError("malformed metadata change");
      return c.op === "put" ? valueText(c.value) : undefined;
    });
    changes.forEach((c, i) => {
      const text = values[i];
      const map = this.kinds.get(c.kind)!;
      if (text === undefined) {
        map.delete(c.key);
        texts.push(deleteText(c.kind, c.key));
      } else {
        map.set(c.key, text);
        texts.push(putText(c.kind, c.key, text));
      }
    });
    return Buffer.from(`[${texts.join(",")}]`, "utf8");
  }

  snapshot(): MetadataSnapshot {
    const parse = (m: Map<string, string>): Map<string, JsonValue> => new Map([...m].map(([k, v]) => [k, parseJsonText(v) as JsonValue]));
    return Object.fromEntries(METADATA_KINDS.map((k) => [k, parse(this.kinds.get(k)!)])) as MetadataSnapshot;
  }

  /** Everything as a log of puts (a compacted log), in frames of bounded size. */
  encode(): Buffer {
    const payloads: Buffer[] = [];
    let texts: string[] = [];
    const cut = (): void => {
      if (texts.length > 0) payloads.push(Buffer.from(`[${texts.join(",")}]`, "utf8"));
      texts = [];
    };
    for (const [kind, map] of this.kinds) {
      for (const [key, text] of map) {
        texts.push(putText(kind, key, text));
        if (texts.length >= SNAPSHOT_CHANGES_PER_FRAME) cut();
      }
    }
    cut();
    return framePayloads(payloads);
  }
}
