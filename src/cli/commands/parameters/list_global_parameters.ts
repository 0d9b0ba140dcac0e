import type { Command, Row } from "../../types.js";
import { arity } from "../common.js";
import { itemsOf, member, strOf } from "./_raw-json.js";

export const list_global_parameters: Command<string | undefined> = {
  name: "list_global_parameters",
  section: "parameters",
  description: "Shows every cluster-wide runtime parameter and its value",
  usage: "list_global_parameters [--no-table-headers] [--timeout <timeout>]",
  docGuides: ["https://rabbitmq.com/parameters.html"],
  formatter: "table",
  validate: (args) => arity(args, 0),
  banner: () => "Listing global runtime parameters ...",
  run: async (_args, _opts, ctx) => (await ctx.api.request("GET", "/api/global-parameters")).text,
  output: (text) => ({
    kind: "rows",
    columns: ["name", "value"],
    // values are printed as the node encoded them, so 1.0 stays 1.0
    rows: itemsOf(text).map((it): Row => [strOf(it, "name"), member(it, "value")?.raw ?? "null"]),
    stream: false,
  }),
};
