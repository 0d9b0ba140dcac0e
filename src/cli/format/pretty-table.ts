import { tableText, type CtlValue } from "./values.js";

// DEC special graphics: \e(0 switches to line drawing, \e(B back; l k m j corners, q horizontal,
// x vertical, w n v t u tees and cross.
const ON = "\u001b(0";
const OFF = "\u001b(B";

/** Cell text as rabbitmqctl's pretty_table shows it: lists run together, TABs become spaces. */
function prettyText(v: CtlValue): string {
  if (typeof v === "object" && v !== null && v.kind === "list") return v.items.map(prettyText).join("");
  return tableText(v).replace(/\t/g, " ");
}

/** Display width in terminal columns: code points, so non-ASCII names line up (rabbitmqctl crashes here). */
const width = (s: string): number => [...s].length;
export function prettyTable(columns: readonly string[], rows: readonly (readonly CtlValue[])[], bold: (s: string) => string): string {
  const texts = rows.map((r) => r.map(prettyText));
  const widths = columns.map((c, i) => Math.max(width(c), ...texts.map((t) => width(t[i] ?? ""))));
  const rule = (l: string, m: string, r: string): string => `${ON}${l}${widths.map((w) => "q".repeat(w + 2)).join(m)}${r}${OFF}\n`;
  const line = (cells: string[], style: (s: string) => string): string =>
    `${ON}x${OFF} ${cells.map((c, i) => style(c) + " ".repeat(Math.max(0, widths[i]! - width(c)))).join(` ${ON}x${OFF} `)} ${ON}x${OFF}\n`;
  let out = rule("l", "w", "k");
  out += line([...columns], bold);
  for (const t of texts) {
    out += rule("t", "n", "u");
    out += line(columns.map((_c, i) => t[i] ?? ""), (s) => s);
  }
  out += rule("m", "v", "j");
  return out;
}
