import type { FieldTable, FieldValue } from "../../protocol/index.js";
import type { MessageRouting } from "../message.js";
import { type Binding, Exchange } from "./exchange.js";

type MatchMode = "all" | "any" | "all-with-x" | "any-with-x";

function modeOf(args: FieldTable): MatchMode {
  const v = args.get("x-match");
  const s = v?.type === "S" ? v.value.toString("utf8") : "all";
  return s === "any" || s === "all-with-x" || s === "any-with-x" ? s : "all";
}

/** Values compare by type and value, as RabbitMQ compares header table entries. */
function sameValue(a: FieldValue, b: FieldValue): boolean {
  if (a.type !== b.type) return false;
  if (Buffer.isBuffer(a.value) && Buffer.isBuffer(b.value)) return a.value.equals(b.value);
  if (a.type === "V") return true;
  if (typeof a.value === "object" || typeof b.value === "object") return JSON.stringify(a.value, big) === JSON.stringify(b.value, big);
  return a.value === b.value;
}

const big = (_k: string, v: unknown): unknown => (typeof v === "bigint" ? v.toString() : v);

/** Matches binding arguments against message headers with x-match all/any (and the -with-x variants). */
export function headersMatch(bindingArgs: FieldTable, headers: FieldTable | undefined): boolean {
  const mode = modeOf(bindingArgs);
  const withX = mode.endsWith("-with-x");
  const any = mode.startsWith("any");
  for (const [key, want] of bindingArgs) {
    if (key === "x-match" || (!withX && key.startsWith("x-"))) continue;
    const got = headers?.get(key);
    // a void binding value matches on presence alone
    const ok = got !== undefined && (want.type === "V" || sameValue(want, got));
    if (any && ok) return true;
    if (!any && !ok) return false;
  }
  // all: nothing failed; any: nothing matched
  return !any;
}

/** Routes on header values rather than routing keys. */
export class HeadersExchange extends Exchange {
  readonly type = "headers";

  route(msg: MessageRouting, hit: (b: Binding) => void): void {
    const headers = msg.headers();
    for (const b of this.bindings.values()) if (headersMatch(b.arguments, headers)) hit(b);
  }
}
