import type { CtlValue } from "../../format/values.js";
import { atom, proplist } from "../../format/values.js";
import type { Command, Opts, Row } from "../../types.js";
import { tagList } from "../common.js";

interface Vhost {
  name: string;
  description?: string;
  tags?: unknown;
  tracing?: boolean;
  cluster_state?: Record<string, string>;
  default_queue_type?: string;
}

const CELLS: Record<string, (v: Vhost) => CtlValue> = {
  name: (v) => v.name,
  description: (v) => v.description ?? null,
  tags: (v) => tagList(v.tags),
  tracing: (v) => v.tracing === true,
  cluster_state: (v) => proplist(Object.entries(v.cluster_state ?? {}).map(([node, state]) => [atom(node), atom(state)])),
  default_queue_type: (v) => atom(v.default_queue_type ?? "undefined"),
};

const columnsOf = (opts: Opts): string[] => opts.columns ?? ["name"];

export const list_vhosts: Command<AsyncIterable<Vhost[]>> = {
  name: "list_vhosts",
  section: "access_control",
  description: "Lists virtual hosts and, on request, their other properties",
  usage: "list_vhosts [--no-table-headers] [<column> ...] [--timeout <timeout>]",
  docGuides: ["https://rabbitmq.com/virtual-hosts.html", "https://rabbitmq.com/access-control.html"],
  formatter: "table",
  columns: { allowed: ["name", "description", "tags", "tracing", "cluster_state", "default_queue_type"], defaults: ["name"] },
  banner: () => "Listing vhosts ...",
  // the first page is fetched here so that an unreachable node fails before the banner, as in rabbitmqctl
  run: async (_args, opts, ctx) => {
    const pages = ctx.api.pages<Vhost>("/api/vhosts", { disable_stats: "true", columns: ["name", ...columnsOf(opts)].join(",") });
    const first = await pages.next();
    return (async function* () {
      if (!first.done) yield first.value;
      yield* pages;
    })();
  },
  // rabbitmqctl gets the vhosts as one list: an empty result would print an empty line, json []
  output: (pages, opts) => {
    const cols = columnsOf(opts);
    async function* rows(): AsyncGenerator<Row> {
      for await (const page of pages) for (const v of page) yield cols.map((c) => CELLS[c]!(v));
    }
    return { kind: "rows", columns: cols, rows: rows(), stream: false };
  },
};
