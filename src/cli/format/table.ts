import { tableText, type CtlValue } from "./values.js";

/** One TAB between cells, no quoting or escaping; --pad-to-header pads each cell to its column name. */
export function tableLine(row: readonly CtlValue[], columns: readonly string[], padToHeader: boolean): string {
  const cells = row.map(tableText);
  if (padToHeader) return `${cells.map((c, i) => c.padEnd(columns[i]?.length ?? 0)).join("\t")}\n`;
  return `${cells.join("\t")}\n`;
}
