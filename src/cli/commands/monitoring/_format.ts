// Number and text shapes of rabbitmqctl's status-like output: units, Erlang lists, formatter crashes.
import { erlangFloat } from "../../format/values.js";
import type { CommandOutput, Opts } from "../../types.js";

/** Rounds to `digits` decimals on the float's exact value, as Elixir's Float.round does. */
export function roundTo(n: number, digits: number): number {
  return Number(n.toFixed(digits));
}

/** Units `status --unit` accepts (case-insensitive), with their size in bytes. */
const UNITS: Record<string, number> = {
  bytes: 1, kb: 1e3, kilobytes: 1e3, mb: 1e6, megabytes: 1e6, gb: 1e9, gigabytes: 1e9, tb: 1e12, terabytes: 1e12,
};

export const knownUnit = (unit: string): boolean => unit.toLowerCase() in UNITS;

/** Bytes in `unit`: an integer for "bytes", else rounded to 4 decimals and printed as Elixir prints floats. */
export function inUnit(bytes: number, unit: string): string {
  const u = unit.toLowerCase();
  if (u === "bytes") return String(bytes);
  return erlangFloat(roundTo(bytes / (UNITS[u] ?? 1), 4));
}

/** Elixir's inspect of a string: what rabbitmqctl shows when a formatter crashes on it. */
export function inspectString(s: string): string {
  const esc: Record<string, string> = { "\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r", "\u001b": "\\e" };
  return `"${s.replace(/[\\"\n\t\r\u001b]/g, (c) => esc[c]!)}"`;
}

/** A one-sentence result ("Ping succeeded") in the shapes rabbitmqctl's formatters give it. */
export function sentenceOutput(text: string, opts: Opts): CommandOutput {
  // erlang prints the binary (<<"...">>), pretty_table a one-cell "Output" table
  if (opts.formatter === "erlang") return { kind: "value", text, json: text };
  if (opts.formatter === "pretty_table") return { kind: "rows", columns: ["Output"], rows: [[text]], stream: false };
  return { kind: "message", text };
}

/** A multi-line text report (status, cluster_status): plain text or the JSON value (csv is refused up front). */
export function reportOutput(text: string, json: unknown, opts: Opts): CommandOutput {
  return { kind: "value", text, json };
}

/** A list of atoms as Erlang's ~p lays it out at 80 columns: as many per line as fit, continuation indented. */
export function erlangAtomList(atoms: readonly string[]): string {
  const flat = `[${atoms.join(",")}]`;
  if (flat.length < 80) return flat;
  const lines: string[] = [];
  let line = "[";
  atoms.forEach((a, i) => {
    const sep = i === atoms.length - 1 ? "]" : ",";
    // an element joins the line only when the line, with its separator, stays under 80 columns
    if (line.length > 1 && line.length + a.length + sep.length >= 80) {
      lines.push(line);
      line = " ";
    }
    line += a + sep;
  });
  lines.push(line);
  return lines.join("\n");
}

/** list_ciphers/list_hashes results in each formatter's shape (erlang by default). */
export function atomListOutput(atoms: readonly string[], opts: Opts): CommandOutput {
  switch (opts.formatter) {
    case "json": return { kind: "value", text: "", json: { node: opts.node, result: "ok", value: [...atoms] } };
    case "table": return { kind: "lines", lines: atoms.map((a) => `:${a}`) };
    case "string": return { kind: "lines", lines: [...atoms] };
    // rabbitmqctl crashes in these formatters; a one-column list is the faithful reading
    case "csv": case "pretty_table": case "json_stream":
      return { kind: "rows", columns: ["name"], rows: atoms.map((a) => [a]), stream: false };
    default: return { kind: "lines", lines: erlangAtomList(atoms).split("\n") };
  }
}
