import { frameError } from "./errors.js";
import type { FieldTable } from "./field-table.js";
import {
  BASIC_PROPERTIES,
  BASIC_PROPERTY_FLAGS,
  type BasicProperties,
  decodeBasicProperties,
  encodeBasicProperties,
  type PropertyInfo,
} from "./methods.generated.js";
import { Reader } from "./reader.js";
import { Writer } from "./writer.js";

export type PropertyName = keyof BasicProperties;

const scratch = new Writer(4096);
const COUNT = BASIC_PROPERTIES.length;
const INDEX = Object.fromEntries(BASIC_PROPERTIES.map((p, i) => [p.name, i])) as Record<PropertyName, number>;

/** Basic properties kept as the bytes that arrived, so delivery forwards them untouched; values decode on demand, with() re-encodes only what changes. */
export class Properties {
  private decoded: BasicProperties | undefined;

  private constructor(readonly raw: Buffer) {}

  static readonly EMPTY = new Properties(Buffer.from([0, 0]));

  /** Wraps received bytes after checking their structure (flags, lengths); field tables are checked when decoded. */
  static fromWire(bytes: Buffer, copy = true): Properties {
    validate(bytes);
    return new Properties(copy ? Buffer.from(bytes) : bytes);
  }

  static encode(props: BasicProperties): Properties {
    try {
      encodeBasicProperties(scratch, props);
    } catch (e) {
      scratch.discard();
      throw e;
    }
    return new Properties(Buffer.from(scratch.finish()));
  }

  get flags(): number {
    return (this.raw[0]! << 8) | this.raw[1]!;
  }

  has(name: PropertyName): boolean {
    return (this.flags & BASIC_PROPERTY_FLAGS[name]) !== 0;
  }

  /** All properties, decoded once and cached; throws 501/502 for malformed values. */
  decode(): BasicProperties {
    if (this.decoded === undefined) {
      const r = new Reader(this.raw, 2);
      this.decoded = decodeBasicProperties(r, this.flags);
      r.expectEnd();
    }
    return this.decoded;
  }

  /** One property without decoding the others (e.g. expiration on every publish, headers untouched). */
  get<K extends PropertyName>(name: K): BasicProperties[K] {
    if (this.decoded !== undefined || name === "headers") return this.decode()[name];
    const i = INDEX[name];
    const at = locate(this.raw, this.flags, i);
    if (at < 0) return undefined;
    const raw = this.raw;
    switch (BASIC_PROPERTIES[i]!.type) {
      case "octet": return raw[at] as BasicProperties[K];
      case "shortstr": return raw.toString("utf8", at + 1, at + 1 + raw[at]!) as BasicProperties[K];
      default: return readValue(new Reader(raw, at), BASIC_PROPERTIES[i]!) as BasicProperties[K];
    }
  }

  /** A copy where each property named in `changes` is replaced (undefined removes it); the rest keep their bytes. */
  with(changes: BasicProperties): Properties {
    const raw = this.raw;
    const old = this.flags;
    let flags = 0;
    for (const info of BASIC_PROPERTIES) {
      const present = Object.hasOwn(changes, info.name) ? changes[info.name] !== undefined : (old & info.flag) !== 0;
      if (present) flags |= info.flag;
    }
    try {
      scratch.short(flags);
      let at = 2;
      for (const info of BASIC_PROPERTIES) {
        const start = at;
        if ((old & info.flag) !== 0) at = skip(raw, at, info);
        if ((flags & info.flag) === 0) continue;
        if (Object.hasOwn(changes, info.name)) writeValue(scratch, info, changes[info.name]);
        else scratch.bytes(raw.subarray(start, at));
      }
    } catch (e) {
      scratch.discard();
      throw e;
    }
    return new Properties(Buffer.from(scratch.finish()));
  }
}

/** Checks flags and that the present properties' lengths exactly fill the bytes (501 otherwise). */
function validate(raw: Buffer): void {
  if (raw.length < 2) throw frameError("content header without property flags");
  const flags = (raw[0]! << 8) | raw[1]!;
  // basic has 14 properties, so a continuation word (bit 0) can only be malformed input
  if ((flags & 1) !== 0) throw frameError("property flags continuation bit set");
  let at = 2;
  for (let i = 0; i < COUNT; i++) {
    const info = BASIC_PROPERTIES[i]!;
    if ((flags & info.flag) !== 0) at = skip(raw, at, info);
  }
  if (at !== raw.length) throw frameError(`${raw.length - at} bytes after the last property`);
}

/** Offset of property i in a validated list, or -1 when absent; walks the lengths before it. */
function locate(raw: Buffer, flags: number, index: number): number {
  if ((flags & BASIC_PROPERTIES[index]!.flag) === 0) return -1;
  let at = 2;
  for (let i = 0; i < index; i++) {
    const info = BASIC_PROPERTIES[i]!;
    if ((flags & info.flag) !== 0) at = skip(raw, at, info);
  }
  return at;
}

/** Offset just past the property starting at `at`, checked against the end of the bytes. */
function skip(raw: Buffer, at: number, info: PropertyInfo): number {
  let next: number;
  switch (info.type) {
    case "shortstr":
      next = at < raw.length ? at + 1 + raw[at]! : Infinity;
      break;
    case "table":
      next = at + 4 <= raw.length ? at + 4 + raw.readUInt32BE(at) : Infinity;
      break;
    case "octet":
      next = at + 1;
      break;
    case "timestamp":
      next = at + 8;
      break;
    default:
      throw frameError(`unsupported property type ${info.type}`);
  }
  if (next > raw.length) throw frameError(`property ${info.wireName} runs past the end of the content header`);
  return next;
}

function readValue(r: Reader, info: PropertyInfo): unknown {
  switch (info.type) {
    case "shortstr": return r.shortstrLoose();
    case "octet": return r.octet();
    case "timestamp": return r.timestamp();
    case "table": return r.table();
    default: throw frameError(`unsupported property type ${info.type}`);
  }
}

function writeValue(w: Writer, info: PropertyInfo, v: unknown): void {
  switch (info.type) {
    case "shortstr": return w.shortstr(v as string);
    case "octet": return w.octet(v as number);
    case "timestamp": return w.timestamp(v as bigint);
    case "table": return w.table(v as FieldTable);
    default: throw new TypeError(`unsupported property type ${info.type}`);
  }
}
