import { jsonText } from "../json/json-text.js";
import { ErlangFloat, numberOf } from "../json/json-value.js";
import { badRequest, HttpError } from "./http-error.js";
import type { Reply, RequestContext } from "./route.js";

export interface ListOptions {
  /** RabbitMQ pages queues, exchanges, connections, channels and vhosts; users, bindings and consumers ignore paging. */
  readonly pageable: boolean;
}

const MAX_PAGE_SIZE = 500;
const DEFAULT_PAGE_SIZE = 100;

/** Applies the list query parameters (name filter, paging, sort, columns) to items as RabbitMQ's API does. */
export function listReply(ctx: RequestContext, items: readonly Record<string, unknown>[], o: ListOptions): Reply {
  const q = ctx.query;
  let rows = [...items];
  const sortKey = q.get("sort");
  if (sortKey !== null && sortKey !== "") rows = sortRows(rows, sortKey);
  if (q.get("sort_reverse") === "true") rows.reverse();
  const pageParam = q.get("page");
  if (!o.pageable || pageParam === null) return { json: projectColumns(rows, q.get("columns")) };
  return { json: paginate(rows, q, pageParam) };
}

function paginate(rows: Record<string, unknown>[], q: URLSearchParams, pageParam: string): Record<string, unknown> {
  const page = Number(pageParam);
  const sizeParam = q.get("page_size");
  const pageSize = sizeParam === null ? DEFAULT_PAGE_SIZE : Number(sizeParam);
  if (!Number.isInteger(page) || page < 1 || !Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
    throw new HttpError(400, "invalid_pagination_parameters", `Invalid pagination parameters: page number ${pageParam}, page size ${sizeParam ?? "undefined"}`);
  }
  const name = q.get("name") ?? "";
  let filtered = rows;
  if (name !== "") {
    let test: (s: string) => boolean;
    if (q.get("use_regex") === "true") {
      let re: RegExp;
      try {
        re = new RegExp(name, "i");
      } catch {
        throw badRequest("Pagination parameters are invalid");
      }
      test = (s) => re.test(s);
    } else {
      const needle = name.toLowerCase();
      test = (s) => s.toLowerCase().includes(needle);
    }
    filtered = rows.filter((r) => test(String(r.name ?? "")));
  }
  const pageCount = Math.ceil(filtered.length / pageSize);
  if (page > Math.max(pageCount, 1)) {
    throw new HttpError(400, "page_out_of_range", `Page out of range, page: ${page} page size: ${pageSize}, len: ${filtered.length}`);
  }
  const slice = filtered.slice((page - 1) * pageSize, page * pageSize);
  return {
    filtered_count: filtered.length,
    item_count: slice.length,
    items: projectColumns(slice, q.get("columns")),
    page,
    page_count: pageCount,
    page_size: pageSize,
    total_count: rows.length,
  };
}

/** Stable sort on a possibly nested key; items lacking the key come first, as in RabbitMQ. */
function sortRows(rows: Record<string, unknown>[], key: string): Record<string, unknown>[] {
  const path = key.split(".");
  const get = (r: Record<string, unknown>): unknown => path.reduce<unknown>((v, k) => (v !== null && typeof v === "object" ? (v as Record<string, unknown>)[k] : undefined), r);
  return rows
    .map((r, i) => ({ r, i, v: get(r) }))
    .sort((a, b) => compareValues(a.v, b.v) || a.i - b.i)
    .map((x) => x.r);
}

function compareValues(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === undefined || a === null) return -1;
  if (b === undefined || b === null) return 1;
  // numbers by value, 1.5 and 2^64 among them
  const na = numberOf(a);
  const nb = numberOf(b);
  if (na !== undefined && nb !== undefined) return na - nb;
  const sa = typeof a === "string" ? a : jsonText(a) ?? "";
  const sb = typeof b === "string" ? b : jsonText(b) ?? "";
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

/** columns=a,b.c keeps those keys; a missing nested object comes back as [] (RabbitMQ's empty proplist). */
export function projectColumns<T extends Record<string, unknown>>(rows: readonly T[], columns: string | null): Record<string, unknown>[] {
  if (columns === null || columns === "") return rows as Record<string, unknown>[];
  const paths = columns.split(",").map((c) => c.trim().split(".")).filter((p) => p[0] !== "");
  return rows.map((r) => projectOne(r, paths));
}

/** A JSON object: not null, an array, or a float's wrapper. */
const isMap = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v) && !(v instanceof ErlangFloat);

export function projectOne(r: Record<string, unknown>, paths: readonly string[][]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const path of paths) {
    const [head, ...rest] = path as [string, ...string[]];
    if (!(head in r)) continue;
    const v = r[head];
    if (rest.length === 0) out[head] = v;
    else if (isMap(v)) {
      const prev = out[head];
      const sub = projectOne(v, [rest]);
      out[head] = { ...(isMap(prev) ? prev : {}), ...sub };
    } else out[head] = [];
  }
  return inOrderOf(out, r);
}

/** RabbitMQ keeps an object's own key order, whatever order the columns were asked in. */
function inOrderOf(out: Record<string, unknown>, model: Record<string, unknown>): Record<string, unknown> {
  const ordered: Record<string, unknown> = {};
  for (const k of Object.keys(model)) {
    if (!(k in out)) continue;
    const v = out[k];
    const m = model[k];
    ordered[k] = isMap(v) && isMap(m) ? inOrderOf(v, m) : v;
  }
  return ordered;
}
