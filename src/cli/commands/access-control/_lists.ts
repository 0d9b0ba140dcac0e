// The four permission listings: a GET that 404s for a missing vhost or user, printed as a plain list.
import type { CommandContext, CommandOutput, Row } from "../../types.js";
import { isNotFound } from "../common.js";

export type Entry = Record<string, string>;

/** The list at `path`, or the command's own failure when the API answers 404. */
export async function fetchList(ctx: CommandContext, path: string, missing: () => Error): Promise<Entry[]> {
  try {
    return await ctx.api.get<Entry[]>(path);
  } catch (e) {
    throw isNotFound(e) ? missing() : e;
  }
}

/** rabbitmqctl builds these lists whole (not streamed): empty prints one empty line, json []. */
export const entryRows = (entries: Entry[], columns: string[]): CommandOutput => ({
  kind: "rows",
  columns,
  rows: entries.map((e): Row => columns.map((c) => e[c] ?? "")),
  stream: false,
});
