// RabbitMQ's binding properties_key: the routing key, quoted, plus "~" and a hash of the arguments when there
// are any. The hash is erlang:phash2 of the arguments as RabbitMQ stores them (sorted by key), as 4 bytes in
// unpadded base64url, so the same binding gets the same key on warren and on a RabbitMQ node.
import { FIELD_TYPE_NAMES, type FieldTable, type FieldValue } from "../../protocol/index.js";
import { sortedArguments } from "../vhost/bind.js";
import { phash2, type Term } from "./erlang-phash2.js";

const bin = (s: string | Buffer): Term => ({ bin: typeof s === "string" ? Buffer.from(s) : s });
const atom = (name: string): Term => ({ atom: name });

/** The Erlang value RabbitMQ's parser makes of a field value. */
function valueTerm(v: FieldValue): Term {
  switch (v.type) {
    case "S":
    case "x": return bin(v.value);
    case "t": return atom(v.value ? "true" : "false");
    case "f":
    case "d": return { float: v.value };
    case "l":
    case "L":
    case "T": return { int: v.value };
    case "D": return { tuple: [{ int: BigInt(v.value.scale) }, { int: BigInt(v.value.value) }] };
    case "V": return atom("undefined");
    case "A": return { list: v.value.map((x) => ({ tuple: [atom(FIELD_TYPE_NAMES[x.type]), valueTerm(x)] })) };
    case "F": return tableTerm(v.value);
    default: return { int: BigInt(v.value) };
  }
}

/** A table as RabbitMQ's list of {Name, Type, Value}. */
const tableTerm = (t: FieldTable): Term => ({ list: [...t].map(([k, v]) => ({ tuple: [bin(k), atom(FIELD_TYPE_NAMES[v.type]), valueTerm(v)] })) });

/** The hash part of a properties_key. */
export function argumentsHash(args: FieldTable): string {
  const h = Buffer.alloc(4);
  h.writeUInt32BE(phash2(tableTerm(sortedArguments(args))));
  return h.toString("base64url");
}

const SAFE = /[A-Za-z0-9._~-]/;

/** Form-style quoting as RabbitMQ's quote_plus: letters, digits and ._~- kept, space as +, other bytes %XX (upper case). */
export function quotePlus(s: string): string {
  let out = "";
  for (const byte of Buffer.from(s, "utf8")) {
    const c = String.fromCharCode(byte);
    if (byte < 0x80 && SAFE.test(c)) out += c;
    else if (c === " ") out += "+";
    else out += `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out;
}

/** A part of a properties_key: quoted, with ~ escaped too since it separates the parts. */
const quoteBinding = (s: string): string => quotePlus(s).replaceAll("~", "%7E");

/** Undoes quotePlus (and plain percent-encoding); malformed escapes stay as they are. */
export function unquotePlus(s: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === "+") bytes.push(0x20);
    else if (c === "%" && /^[0-9A-Fa-f]{2}$/.test(s.slice(i + 1, i + 3))) {
      bytes.push(Number.parseInt(s.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...Buffer.from(c, "utf8"));
  }
  return Buffer.from(bytes).toString("utf8");
}

export function propertiesKey(routingKey: string, args: FieldTable): string {
  if (args.size === 0) return routingKey === "" ? "~" : quoteBinding(routingKey);
  return `${quoteBinding(routingKey)}~${quoteBinding(argumentsHash(args))}`;
}

/** A properties_key from a URL (decoded once): the routing key and the arguments hash, if any; undefined when malformed. */
export function parsePropertiesKey(props: string): { routingKey: string; hash: string | undefined } | undefined {
  const parts = props.split("~");
  if (parts.length > 2) return undefined;
  const routingKey = unquotePlus(parts[0]!);
  // "key~" has no hash part (RabbitMQ's tokeniser drops an empty last token)
  return { routingKey, hash: parts.length === 2 && parts[1] !== "" ? unquotePlus(parts[1]!) : undefined };
}
