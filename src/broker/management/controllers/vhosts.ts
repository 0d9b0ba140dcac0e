import type { Broker } from "../../broker.js";
import { formatTerm } from "../../parameters/erlang-term.js";
import { queueStats } from "../../stats/queue-stats.js";
import { vhostStats } from "../../stats/vhost-stats.js";
import type { Vhost } from "../../vhost/vhost.js";
import { objectBody } from "../access-control-body.js";
import { badRequest, HttpError, objectNotFound } from "../http-error.js";
import { listReply, projectColumns } from "../listing.js";
import { found } from "../lookup.js";
import type { Controller, RequestContext } from "../route.js";
import { created, noContent, ok } from "../route.js";
import { canSeeVhost } from "../vhost-access.js";

/** Live message totals of the vhost's queues, once it has any (RabbitMQ shows them once its stats exist). */
function messageTotals(v: Vhost): Record<string, unknown> {
  if (v.queues.size === 0) return {};
  let [messages, ready, unacked, mRate, rRate, uRate] = [0, 0, 0, 0, 0, 0];
  for (const q of v.queues.values()) {
    const s = queueStats(q);
    const [m, r, u] = s.levels();
    const [dm, dr, du] = s.levelRates();
    [messages, ready, unacked, mRate, rRate, uRate] = [messages + m, ready + r, unacked + u, mRate + dm, rRate + dr, uRate + du];
  }
  return {
    messages,
    messages_details: { rate: mRate },
    messages_ready: ready,
    messages_ready_details: { rate: rRate },
    messages_unacknowledged: unacked,
    messages_unacknowledged_details: { rate: uRate },
  };
}

/** A vhost as GET /api/vhosts/:vhost shows it; stats are left out with disable_stats=true. */
export function vhostJson(broker: Broker, v: Vhost, withStats: boolean): Record<string, unknown> {
  const dqt = v.defaultQueueType;
  const metadata = dqt === undefined ? { description: v.description, tags: [...v.tags] } : { default_queue_type: dqt, description: v.description, tags: [...v.tags] };
  const base: Record<string, unknown> = {
    name: v.name,
    description: v.description,
    tags: [...v.tags],
    default_queue_type: dqt ?? "undefined",
    metadata,
    tracing: v.tracing,
    cluster_state: { [broker.node.name]: "running" },
  };
  if (!withStats) return base;
  const messageStats = vhostStats(v).toJson();
  return { ...base, ...messageTotals(v), ...(messageStats === undefined ? {} : { message_stats: messageStats }) };
}

/** List items come with their keys sorted, as RabbitMQ's list encoder writes them. */
const sortedKeys = (o: Record<string, unknown>): Record<string, unknown> => Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : 1)));

const withStats = (ctx: RequestContext): boolean => ctx.query.get("disable_stats") !== "true";

/** RabbitMQ's tag parsing: "a, b" splits on commas and trims (empty tags stay); a list is trimmed item by item. */
export function parseTags(raw: unknown): string[] {
  if (raw === undefined || raw === null || raw === "" || raw === "undefined" || raw === "null") return [];
  if (typeof raw === "string") return raw.split(",").map((t) => t.trim());
  if (!Array.isArray(raw)) throw new HttpError(500, undefined);
  if (raw.length === 0) return [];
  // a list of small integers is an Erlang string: its characters are split like a string's
  if (raw.every((c) => Number.isInteger(c))) return String.fromCodePoint(...(raw as number[])).split(",").map((t) => t.trim());
  if (typeof raw[0] === "number" || raw.some((t) => t !== null && typeof t === "object")) throw new HttpError(500, undefined);
  return raw.map((t) => String(t).trim());
}

/** tracing as true/false or "true"/"false"; anything else is RabbitMQ's ["not_boolean", value]. */
function parseTracing(raw: unknown): boolean | undefined {
  if (raw === undefined) return undefined;
  if (raw === true || raw === "true") return true;
  if (raw === false || raw === "false") return false;
  throw badRequest(["not_boolean", raw]);
}

/** PUT replaces description and tags (omitted means empty); tracing is kept when omitted; the default queue type only counts at creation. */
function putVhost(ctx: RequestContext) {
  const body = objectBody(ctx);
  const tracing = parseTracing(body.tracing);
  const tags = parseTags(body.tags);
  const description = "description" in body ? body.description : "";
  const name = ctx.params.vhost!;
  const existing = ctx.broker.vhosts.get(name);
  if (existing !== undefined) {
    existing.description = description;
    existing.tags = tags;
    if (tracing !== undefined) existing.tracing = tracing;
    return noContent();
  }
  ctx.broker.addVhost(name, { description, tags, defaultQueueType: body.defaultqueuetype, tracing: tracing ?? false });
  // the creating user gets full permissions on the new vhost, as RabbitMQ grants them
  if (ctx.broker.users.get(ctx.user.name) !== undefined) ctx.broker.permissions.set(name, ctx.user.name, { configure: ".*", write: ".*", read: ".*" });
  return created(true);
}

/** restart_vhost: this endpoint produces text/html only, so an Accept that rules that out is 406. */
function acceptsHtml(accept: string | undefined): boolean {
  if (accept === undefined || accept.trim() === "") return true;
  return accept.split(",").some((range) => ["text/html", "text/*", "*/*"].includes(range.split(";")[0]!.trim().toLowerCase()));
}

function startVhost(ctx: RequestContext) {
  if (!acceptsHtml(ctx.req.headers.accept)) throw new HttpError(406, undefined);
  const node = ctx.params.node!;
  const prefix = `Request to node ${node} failed with `;
  if (node !== ctx.broker.node.name) throw badRequest(`${prefix}nodedown`);
  const name = ctx.params.vhost!;
  if (!ctx.broker.vhosts.has(name)) throw badRequest(`${prefix}${formatTerm({ t: "tuple", v: [{ t: "atom", v: "no_such_vhost" }, { t: "bin", v: name }] }, prefix.length)}`);
  // a warren vhost has no per-vhost processes that could have stopped: it is running already
  return noContent();
}

export const vhostsController: Controller = [
  {
    method: "GET",
    path: "/vhosts",
    access: "management",
    handler: (ctx) => {
      const visible = [...ctx.broker.vhosts.values()].filter((v) => canSeeVhost(ctx, v.name)).sort((a, b) => Buffer.compare(Buffer.from(a.name), Buffer.from(b.name)));
      return listReply(ctx, visible.map((v) => sortedKeys(vhostJson(ctx.broker, v, withStats(ctx)))), { pageable: true });
    },
  },
  {
    method: "GET",
    path: "/vhosts/:vhost",
    access: "administrator",
    handler: (ctx) => {
      const json = vhostJson(ctx.broker, found(ctx.broker.vhosts.get(ctx.params.vhost!)), withStats(ctx));
      return ok(projectColumns([json], ctx.query.get("columns"))[0]);
    },
  },
  { method: "PUT", path: "/vhosts/:vhost", access: "administrator", handler: putVhost },
  {
    method: "DELETE",
    path: "/vhosts/:vhost",
    access: "administrator",
    handler: (ctx) => {
      if (!ctx.broker.deleteVhost(ctx.params.vhost!)) throw objectNotFound();
      return noContent();
    },
  },
  { method: "POST", path: "/vhosts/:vhost/start/:node", access: "administrator", handler: startVhost },
];
