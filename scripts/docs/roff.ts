// Escaping for man(7) source: text from the registry must never be read as a request or an escape.

/** Backslashes and hyphens escaped, non-ASCII as \[uXXXX] (groff -ww then has nothing to warn about). */
function escText(text: string): string {
  let out = "";
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (ch === "\\") out += "\\e";
    else if (ch === "-") out += "\\-";
    else if (c > 0x7e) out += `\\[u${c.toString(16).toUpperCase().padStart(4, "0")}]`;
    else out += ch;
  }
  return out;
}

/** A line starting with "." or "'" would be a request; \& is a zero-width guard. */
const guard = (line: string): string => (/^[.']/.test(line) ? `\\&${line}` : line);

/** Plain text for one roff line. */
export const esc = (text: string): string => guard(escText(text));
export const bold = (s: string): string => `\\fB${escText(s)}\\fR`;
export const italic = (s: string): string => `\\fI${escText(s)}\\fR`;

/** Prose with **bold** and __italic__ spans, escaped for roff. */
export function md(text: string): string {
  let out = "";
  let last = 0;
  for (const m of text.matchAll(/\*\*(.+?)\*\*|__(.+?)__/g)) {
    out += escText(text.slice(last, m.index)) + (m[1] !== undefined ? bold(m[1]) : italic(m[2]!));
    last = m.index + m[0].length;
  }
  return guard(out + escText(text.slice(last)));
}

/** Paragraphs of prose, separated by .PP. */
export const paras = (texts: readonly string[]): string[] => texts.flatMap((t, i) => (i === 0 ? [md(t)] : [".PP", md(t)]));

/** A bulleted list. */
export const bullets = (items: readonly string[]): string[] => items.flatMap((i) => [".IP \\(bu 2", md(i)]);

/** Lines shown verbatim as an indented paragraph of the current list entry: no filling. */
export const verbatim = (lines: readonly string[]): string[] => [".IP", ".nf", ...lines.map(esc), ".fi"];
