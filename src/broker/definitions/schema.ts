// The definitions file at the boundary: zod schemas for its categories and entries. Unknown keys are kept out of
// the way (RabbitMQ ignores them, and newer exports carry more), and entries that are not objects are skipped as
// RabbitMQ skips them. A wrong type is a 400 naming the entry and field, where RabbitMQ's node would crash.
import { z } from "zod";
import { ErlangFloat, FLOATS_AS_NUMBERS, isJsonNumber } from "../json/json-value.js";
import { rejected } from "./rejection.js";

const jsonObject = z.record(z.string(), z.unknown());
/** A field table or a limits object: an object, or [] (an empty Erlang proplist) for none. */
const objectOrEmpty = z.union([jsonObject, z.array(z.unknown()).length(0)]);

export const UserEntry = z.looseObject({
  name: z.string(),
  password: z.string().optional(),
  password_hash: z.string().optional(),
  hashing_algorithm: z.string().optional(),
  tags: z.union([z.string(), z.array(z.union([z.string(), z.number(), z.bigint()]))]).optional(),
  administrator: z.unknown().optional(),
  limits: objectOrEmpty.optional(),
});

export const VhostEntry = z.looseObject({
  name: z.string(),
  description: z.unknown().optional(),
  tags: z.unknown().optional(),
  metadata: jsonObject.optional(),
  tracing: z.boolean().optional(),
});

export const PermissionEntry = z.looseObject({ user: z.string(), vhost: z.string(), configure: z.string(), write: z.string(), read: z.string() });

export const TopicPermissionEntry = z.looseObject({ user: z.string(), vhost: z.string(), exchange: z.string(), write: z.string(), read: z.string() });

/** The vhost key is optional: the per-vhost import ignores it, and the whole-node import reports it missing itself. */
export const ParameterEntry = z.looseObject({ vhost: z.string().optional(), component: z.string(), name: z.string(), value: z.unknown().optional() });

export const GlobalParameterEntry = z.looseObject({ name: z.string(), value: z.unknown().optional() });

/** pattern, definition, priority and apply-to are checked by the policy validator, with RabbitMQ's texts. */
export const PolicyEntry = z.looseObject({
  vhost: z.string().optional(),
  name: z.string().optional(),
  pattern: z.unknown().optional(),
  definition: z.unknown().optional(),
  priority: z.unknown().optional(),
  "apply-to": z.unknown().optional(),
});

/** What queues and exchanges share: where, what, and whether they outlive the node and their users. */
const declared = {
  vhost: z.string().optional(),
  name: z.string(),
  durable: z.boolean(),
  auto_delete: z.boolean(),
  arguments: objectOrEmpty.optional(),
};

export const QueueEntry = z.looseObject(declared);

export const ExchangeEntry = z.looseObject({ ...declared, type: z.string(), internal: z.boolean().optional() });

export const BindingEntry = z.looseObject({
  vhost: z.string().optional(),
  source: z.string(),
  destination: z.string(),
  destination_type: z.unknown().optional(),
  routing_key: z.string(),
  arguments: objectOrEmpty.optional(),
});

export const CATEGORIES = ["users", "vhosts", "permissions", "topic_permissions", "parameters", "global_parameters", "policies", "queues", "exchanges", "bindings"] as const;
export type Category = (typeof CATEGORIES)[number];

/** The file's categories, each a list of raw entries (absent means none). */
export type DefinitionsFile = Readonly<Record<Category, readonly unknown[]>> & { readonly rabbitmq_version?: unknown; readonly rabbit_version?: unknown };

const isEntry = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof ErlangFloat);

const issueText = (where: string, e: z.ZodError): string => {
  const issue = e.issues[0];
  const path = [where, ...(issue?.path ?? []).map(String)].join(".");
  return `${path}: ${issue?.message ?? "invalid"}`;
};

/** The categories a per-vhost import reads; it ignores the rest of the file. */
export const VHOST_CATEGORIES: readonly Category[] = ["parameters", "policies", "queues", "exchanges", "bindings"];

/** The decoded body as a definitions file; only an object is one (RabbitMQ calls anything else unparsable JSON). */
export function readFile(decoded: unknown, read: readonly Category[] = CATEGORIES): DefinitionsFile {
  if (!isEntry(decoded)) throw rejected("failed_to_parse_json");
  const out: Record<string, unknown> = { rabbitmq_version: decoded.rabbitmq_version, rabbit_version: decoded.rabbit_version };
  for (const c of CATEGORIES) {
    const list = read.includes(c) ? decoded[c] : undefined;
    if (list !== undefined && !Array.isArray(list)) throw rejected(`${c}: Invalid input: expected array, received ${isJsonNumber(list) ? "number" : typeof list === "object" ? (list === null ? "null" : "object") : typeof list}`);
    out[c] = list ?? [];
  }
  return out as DefinitionsFile;
}

/** The category's object entries with their positions in the file (the position names the entry in errors). */
export function entriesOf(file: DefinitionsFile, c: Category): [index: number, entry: Record<string, unknown>][] {
  const out: [number, Record<string, unknown>][] = [];
  file[c].forEach((e, i) => {
    if (isEntry(e)) out.push([i, e]);
  });
  return out;
}

/** One entry through its schema; a mismatch is a 400 such as "queues.3.durable: Invalid input: expected boolean, received undefined". */
export function parseEntry<S extends z.ZodType>(schema: S, c: Category, index: number, entry: unknown): z.infer<S> {
  const r = schema.safeParse(entry, FLOATS_AS_NUMBERS);
  if (!r.success) throw rejected(issueText(`${c}.${index}`, r.error));
  return r.data;
}
