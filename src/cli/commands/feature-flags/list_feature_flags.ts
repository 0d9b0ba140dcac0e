import { atom, type CtlValue } from "../../format/values.js";
import type { Command, Row } from "../../types.js";

interface FeatureFlag { name: string; state?: string; stability?: string; provided_by?: string; desc?: string; doc_url?: string }

// rabbitmqctl shows name, state, stability and provided_by as atoms, desc and doc_url as text
const CELLS: Record<string, (f: FeatureFlag) => CtlValue> = {
  name: (f) => atom(f.name),
  state: (f) => atom(f.state ?? "unavailable"),
  stability: (f) => atom(f.stability ?? "stable"),
  provided_by: (f) => atom(f.provided_by ?? ""),
  desc: (f) => f.desc ?? "",
  doc_url: (f) => f.doc_url ?? "",
};

export const list_feature_flags: Command<FeatureFlag[]> = {
  name: "list_feature_flags",
  section: "feature_flags",
  description: "Lists the node's feature flags and whether each is enabled",
  usage: "list_feature_flags [<column> ...] [--timeout <timeout>]",
  docGuides: ["https://rabbitmq.com/feature-flags.html"],
  formatter: "table",
  columns: { allowed: ["name", "state", "stability", "provided_by", "desc", "doc_url"], defaults: ["name", "state"] },
  banner: () => "Listing feature flags ...",
  run: (_args, _opts, ctx) => ctx.api.get<FeatureFlag[]>("/api/feature-flags"),
  output: (flags, opts) => {
    const cols = opts.columns ?? ["name", "state"];
    return { kind: "rows", columns: cols, rows: flags.map((f): Row => cols.map((c) => CELLS[c]!(f))), stream: true };
  },
};
