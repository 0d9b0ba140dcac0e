// Shared pieces of the list_* commands: which HTTP fields feed each info key, and rows streamed as they arrive.
import { PAGE_SIZE, type ManagementClient, type RequestOptions } from "../../../api/client.js";
import { atom, type CtlValue } from "../../format/values.js";
import type { CommandOutput, Row } from "../../types.js";
import { isNotFound } from "../common.js";
import { jsonArrayBatches } from "./_json_array.js";

export type Obj = Record<string, unknown>;

/** How one info key is read from an HTTP object: the `columns=` fields it needs and its cell value. */
export interface InfoKey {
  fields: readonly string[];
  value(o: Obj): CtlValue;
}

/** A nested field ("queue.name"); absent parts give undefined. */
export function field(o: Obj, path: string): unknown {
  let cur: unknown = o;
  for (const part of path.split(".")) {
    if (typeof cur !== "object" || cur === null || Array.isArray(cur)) return undefined;
    cur = (cur as Obj)[part];
  }
  return cur;
}

// HTTP sends null or leaves a key out where rabbitmqctl prints an empty cell
export const text = (v: unknown): CtlValue => (typeof v === "string" ? v : null);
export const int = (v: unknown): CtlValue => (typeof v === "number" ? v : null);
export const flag = (v: unknown): CtlValue => (typeof v === "boolean" ? v : null);
export const atomOf = (v: unknown): CtlValue => (typeof v === "string" && v !== "" ? atom(v) : null);

/** An info key read from one HTTP field path with a converter. */
export const from = (path: string, conv: (v: unknown) => CtlValue): InfoKey => ({
  fields: [path],
  value: (o) => conv(field(o, path)),
});

/** The `columns=` parameter for some info keys plus fields the command itself needs; duplicates dropped. */
export function httpColumns(keys: Readonly<Record<string, InfoKey>>, columns: readonly string[], extra: readonly string[] = []): string {
  const out = new Set<string>(extra);
  for (const c of columns) for (const f of keys[c]?.fields ?? []) out.add(f);
  return [...out].join(",");
}

// the server's name order: Erlang compares binaries byte by byte
const byteOrder = (a: string, b: string): number => Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8"));

/**
 * A paginated list (queues, exchanges, connections, channels) as batches of items, streamed. Every request for a
 * page costs the server a pass over the whole list (it sorts, and computes live queue totals, before slicing), so
 * paging through N items costs O(N^2): instead, `firstPage` asks for page 1 alone (a quick first row), then the rest
 * comes from one full response read element by element as it arrives, skipping names already printed.
 * A missing vhost (404) is an empty list, as rabbitmqctl prints nothing for it. `query.columns` must include name.
 */
export async function* listItems(api: ManagementClient, path: string, query: RequestOptions["query"], firstPage: boolean): AsyncGenerator<Obj[]> {
  try {
    let after: string | undefined;
    if (firstPage) {
      const res = await api.get<Obj[] | { items: Obj[]; page_count: number }>(path, { ...query, page: 1, page_size: PAGE_SIZE });
      // a server without pagination sends the whole list
      const items = Array.isArray(res) ? res : res.items;
      if (items.length > 0) yield items;
      if (Array.isArray(res) || res.page_count <= 1) return;
      after = String(items[items.length - 1]?.name ?? "");
    }
    for await (const batch of jsonArrayBatches(api.stream(path, query))) {
      let items = batch as Obj[];
      if (after !== undefined) {
        const last = after;
        items = items.filter((o) => byteOrder(String(o.name ?? ""), last) > 0);
        if (items.length > 0) after = undefined;
      }
      if (items.length > 0) yield items;
    }
  } catch (e) {
    if (!isNotFound(e)) throw e;
  }
}

/** A list the API does not paginate (bindings, consumers), read element by element as it arrives; 404 is empty. */
export async function* unpagedItems(api: ManagementClient, path: string, query: RequestOptions["query"]): AsyncGenerator<Obj[]> {
  try {
    for await (const batch of jsonArrayBatches(api.stream(path, query))) yield batch as Obj[];
  } catch (e) {
    if (!isNotFound(e)) throw e;
  }
}

/** Cells of the requested info keys, streamed as each page arrives. */
export async function* rowsOf(pages: AsyncIterable<Obj[]>, keys: Readonly<Record<string, InfoKey>>, columns: readonly string[]): AsyncGenerator<Row> {
  for await (const page of pages) {
    for (const o of page) yield columns.map((c) => keys[c]?.value(o) ?? null);
  }
}

/**
 * Starts a row stream inside run(): its first request then happens before the banner, which the pipeline holds
 * until the node answers (rabbitmqctl prints no banner when the node cannot be reached).
 */
export async function primed<T>(gen: AsyncGenerator<T>): Promise<AsyncIterable<T>> {
  const first = await gen.next();
  return {
    async *[Symbol.asyncIterator]() {
      if (first.done === true) return;
      yield first.value;
      yield* gen;
    },
  };
}

/** rabbitmqctl's list_* commands stream: nothing after the banner when empty, json "[\n]". */
export const streamed = (columns: readonly string[], rows: AsyncIterable<Row>): CommandOutput => ({
  kind: "rows",
  columns: [...columns],
  rows,
  stream: true,
});
