import { tableText, type CtlValue } from "./values.js";

// rabbitmqctl pads with String.pad_trailing, which counts graphemes, not UTF-16 units; the segmenter is
// made on first need because constructing one costs ~15 ms of start-up
let segmenter: Intl.Segmenter | undefined;
const graphemes = (s: string): number => {
  if (/^[\x00-\x7f]*$/.test(s)) return s.length;
  let n = 0;
  for (const _ of (segmenter ??= new Intl.Segmenter()).segment(s)) n++;
  return n;
};

/** One TAB between cells, no quoting or escaping; --pad-to-header pads each cell to its column name. */
export function tableLine(row: readonly CtlValue[], columns: readonly string[], padToHeader: boolean): string {
  const cells = row.map(tableText);
  if (padToHeader) return `${cells.map((c, i) => c + " ".repeat(Math.max(0, (columns[i]?.length ?? 0) - graphemes(c)))).join("\t")}\n`;
  return `${cells.join("\t")}\n`;
}
