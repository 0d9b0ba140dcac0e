// Reading a definitions file the way rabbitmqctl does (its JSON decoder's errors, {:badmap, _} for a
// non-object), Erlang-format files turned into the JSON the management API imports, and the client-side
// --skip-if-unchanged check.
import { CommandError } from "../../errors.js";
import { ExitCode } from "../../exit-codes.js";
import { exTerm, scanJson, type RawJson } from "../parameters/_raw-json.js";
import { printTerm, floatText } from "../configuration/_erlang-print.js";
import { binaryToTerm, type Term } from "../configuration/_etf.js";
import { elixirJson, fromRaw, RawNumber, sortDeep } from "./_elixir-json.js";

const failed = (format: string, error: string): CommandError =>
  new CommandError(ExitCode.dataErr, `Failed to deserialise input (format: ${format}) (error: ${error})`);

/** The JSON text to POST, checked as rabbitmqctl's decoder would check it. */
export function jsonDocument(text: string): { text: string; doc: RawJson } {
  let doc: RawJson;
  try {
    doc = scanJson(text);
  } catch (e) {
    const at = Number(/at (\d+)/.exec((e as Error).message)?.[1] ?? text.length);
    const rest = text.slice(at).trimEnd();
    throw failed("JSON", rest === "" ? ":unexpected_end_of_buffer" : `{:unexpected_token, ${JSON.stringify(rest)}}`);
  }
  if (doc.t !== "obj") throw new CommandError(ExitCode.software, `{:badmap, ${exTerm(doc)}}\n`);
  return { text, doc };
}

/** Erlang term -> the JSON the management API reads (maps and proplists as objects, atoms and binaries as strings). */
function termToJson(t: Term): unknown {
  switch (t.t) {
    case "int": return new RawNumber(t.v.toString());
    case "float": return new RawNumber(floatText(t.v));
    case "atom": return t.v === "true" ? true : t.v === "false" ? false : t.v === "undefined" || t.v === "null" ? null : t.v;
    case "bin": return t.v.toString("utf8");
    case "tuple": return t.v.map(termToJson);
    case "map": return Object.fromEntries(t.v.map(([k, v]) => [keyOf(k), termToJson(v)]));
    case "list":
      if (t.v.length > 0 && t.v.every((e) => e.t === "tuple" && e.v.length === 2 && (e.v[0]!.t === "atom" || e.v[0]!.t === "bin"))) {
        return Object.fromEntries(t.v.map((e) => [keyOf((e as { v: Term[] }).v[0]!), termToJson((e as { v: Term[] }).v[1]!)]));
      }
      return t.v.map(termToJson);
  }
}

const keyOf = (k: Term): string => (k.t === "atom" ? k.v : k.t === "bin" ? k.v.toString("utf8") : printTerm(k));

/** Standard JSON (unlike the export's encoder) with RawNumber kept exact. */
function plainJson(v: unknown): string {
  if (v instanceof RawNumber) return v.text;
  if (Array.isArray(v)) return `[${v.map(plainJson).join(",")}]`;
  if (v !== null && typeof v === "object") return `{${Object.entries(v).map(([k, x]) => `${JSON.stringify(k)}:${plainJson(x)}`).join(",")}}`;
  return JSON.stringify(v) ?? "null";
}

/** An Erlang-format (term_to_binary, possibly compressed) export, as JSON text for the management API. */
export function erlangDocument(bytes: Buffer): { text: string; doc: RawJson } {
  let term: Term;
  try {
    term = binaryToTerm(bytes);
  } catch {
    throw failed("Erlang term format", '"errors were found at the given arguments:\\n\\n  * 1st argument: invalid external representation of a term\\n"');
  }
  if (term.t !== "map") throw new CommandError(ExitCode.software, `{:badmap, ${printTerm(term)}}\n`);
  const text = plainJson(termToJson(term));
  return { text, doc: scanJson(text) };
}

const canon = (v: unknown): string => elixirJson(sortDeep(v));

/** True when every object of the file is already on the node with the same properties (those the node reports). */
export function alreadyApplied(file: RawJson, current: RawJson): boolean {
  const cur = fromRaw(current) as Record<string, unknown>;
  for (const [key, value] of Object.entries(fromRaw(file) as Record<string, unknown>)) {
    if (!Array.isArray(value)) continue;
    const existing = Array.isArray(cur[key]) ? (cur[key] as Record<string, unknown>[]) : [];
    for (const item of value as Record<string, unknown>[]) {
      const found = existing.some((e) => Object.keys(e).every((k) => !(k in item) || canon(e[k]) === canon(item[k])) && Object.keys(item).filter((k) => k in e).length > 0);
      if (!found) return false;
    }
  }
  return true;
}
