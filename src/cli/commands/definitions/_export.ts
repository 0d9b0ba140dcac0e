// The definitions document as rabbitmqctl 3.10.8 exports it, rebuilt from the management API: GET
// /api/definitions, plus the vhost metadata/limits and queue types that document leaves out.
import { scanJson } from "../parameters/_raw-json.js";
import type { CommandContext } from "../../types.js";
import { fromRaw, RawNumber, sortDeep, sortKeys } from "./_elixir-json.js";

type Obj = Record<string, unknown>;

const list = (v: unknown): Obj[] => (Array.isArray(v) ? (v as Obj[]) : []);
const omit = (o: Obj, key: string): Obj => Object.fromEntries(Object.entries(o).filter(([k]) => k !== key));
/** An Erlang proplist as the JSON encoder writes it: [key, value] pairs in stored order, nested maps sorted. */
const pairs = (o: unknown): unknown =>
  o !== null && typeof o === "object" && !Array.isArray(o) && !(o instanceof RawNumber) ? Object.entries(o as Obj).map(([k, v]) => [k, sortDeep(v)]) : sortDeep(o);

async function queueTypes(ctx: CommandContext): Promise<Map<string, string>> {
  const types = new Map<string, string>();
  for await (const page of ctx.api.pages<{ name: string; vhost: string; type?: string }>("/api/queues", { columns: "name,vhost,type", disable_stats: "true" })) {
    for (const q of page) types.set(`${q.vhost}\u0000${q.name}`, q.type ?? "classic");
  }
  return types;
}

async function vhosts(ctx: CommandContext): Promise<Obj[]> {
  const limits = new Map<string, unknown>();
  for (const l of await ctx.api.get<{ vhost: string; value: Obj }[]>("/api/vhost-limits")) limits.set(l.vhost, l.value);
  const out: Obj[] = [];
  for await (const page of ctx.api.pages<{ name: string; metadata?: Obj }>("/api/vhosts", { columns: "name,metadata" })) {
    for (const v of page) {
      const lim = limits.get(v.name);
      out.push({ limits: lim ? Object.entries(sortKeys(lim as Obj)) : [], metadata: sortKeys(v.metadata ?? { description: "", tags: [] }), name: v.name });
    }
  }
  return out;
}

/** The export, keys in rabbitmqctl's order (Erlang map order), numbers kept exactly as the node wrote them. */
export async function exportDocument(ctx: CommandContext): Promise<Obj> {
  const res = await ctx.api.request("GET", "/api/definitions");
  const doc = fromRaw(scanJson(res.text ?? "{}")) as Obj;
  const types = await queueTypes(ctx);
  const sorted = (key: string): unknown[] => list(doc[key]).map(sortDeep);
  return {
    bindings: sorted("bindings"),
    // rabbitmqctl leaves out internal, default and amq.* exchanges, and has no "internal" key
    exchanges: list(doc.exchanges)
      .filter((x) => x.internal !== true && x.name !== "" && !String(x.name).startsWith("amq."))
      .map((x) => sortDeep(omit(x, "internal"))),
    // internal_* global parameters stay out; a stored object value is an Erlang proplist
    global_parameters: list(doc.global_parameters)
      .filter((p) => !String(p.name).startsWith("internal"))
      .map((p) => sortKeys({ ...p, value: pairs(p.value) })),
    parameters: list(doc.parameters).map((p) => sortDeep({ ...p, value: Array.isArray(p.value) && p.value.length === 0 ? {} : p.value })),
    permissions: sorted("permissions"),
    policies: sorted("policies"),
    queues: list(doc.queues).map((q) => sortDeep({ ...q, type: types.get(`${String(q.vhost)}\u0000${String(q.name)}`) ?? "classic" })),
    rabbit_version: doc.rabbit_version,
    rabbitmq_version: doc.rabbitmq_version,
    topic_permissions: sorted("topic_permissions"),
    users: sorted("users"),
    vhosts: await vhosts(ctx),
  };
}
