// The order RabbitMQ's lists come in: sorted on default keys (vhost then name, or a binding's parts) with
// Erlang's term order, where strings compare byte by byte and a missing value sorts first.
type Row = Record<string, unknown>;

const typeRank = (v: unknown): number => (v === undefined ? 0 : typeof v === "number" ? 1 : typeof v === "boolean" || v === null ? 2 : typeof v === "string" ? 4 : 3);

/** Compares two JSON values as Erlang compares the terms they come from. */
export function erlangCompare(a: unknown, b: unknown): number {
  const ra = typeRank(a);
  const rb = typeRank(b);
  if (ra !== rb) return ra - rb;
  if (typeof a === "number" && typeof b === "number") return a - b;
  if (typeof a === "string" && typeof b === "string") return Buffer.compare(Buffer.from(a), Buffer.from(b));
  // atoms (true, false, null) compare as their names
  if (ra === 2) return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
  return 0;
}

const pick = (r: Row, path: string): unknown => path.split(".").reduce<unknown>((v, k) => (v !== null && typeof v === "object" ? (v as Row)[k] : undefined), r);

/** Rows sorted by the given key paths, each compared with Erlang's order. */
export function sortedBy<T extends Row>(rows: readonly T[], keys: readonly string[]): T[] {
  return [...rows].sort((x, y) => {
    for (const k of keys) {
      const c = erlangCompare(pick(x, k), pick(y, k));
      if (c !== 0) return c;
    }
    return 0;
  });
}

export const byVhostAndName = <T extends Row>(rows: readonly T[]): T[] => sortedBy(rows, ["vhost", "name"]);
