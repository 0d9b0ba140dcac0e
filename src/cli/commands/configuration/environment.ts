import { arity } from "../common.js";
import { nodeOperation, type ExtensionReply } from "../nodes/_extension.js";
import type { Command } from "../../types.js";
import { prettyTerm } from "./_erlang-pretty.js";
import { atom, int, type Term } from "./_etf.js";

/** A JSON environment as Erlang terms: objects are proplists, atom-like strings atoms, other strings binaries. */
function toTerm(v: unknown): Term {
  if (v === null || v === undefined) return atom("undefined");
  if (typeof v === "boolean") return atom(String(v));
  if (typeof v === "number") return Number.isInteger(v) ? int(v) : { t: "float", v };
  if (typeof v === "string") return /^[a-z][A-Za-z0-9_@]*$/.test(v) ? atom(v) : { t: "bin", v: Buffer.from(v, "utf8") };
  if (Array.isArray(v)) return { t: "list", v: v.map(toTerm) };
  return { t: "list", v: Object.entries(v as Record<string, unknown>).map(([k, x]): Term => ({ t: "tuple", v: [atom(k), toTerm(x)] })) };
}

export const environment: Command<ExtensionReply> = {
  name: "environment",
  section: "configuration",
  description: "Prints the configuration of every application running on the node",
  usage: "environment",
  docGuides: ["https://rabbitmq.com/configure.html", "https://rabbitmq.com/monitoring.html"],
  formatter: "erlang",
  extension: "environment",
  notes: "Needs warren's `environment` extension. Request {}; reply {\"result\":\"ok\",\"environment\":{\"<application>\":{\"<key>\":<value>,...} or [] when empty,...},\"erlang\":\"<optional: the same as rabbitmqctl's erlang formatter lays it out, without the final newline>\"}. The json formatter prints `environment`; the erlang formatter prints `erlang`, or else lays the environment out as ~p would (objects as proplists, atom-like strings as atoms, other strings as binaries).",
  validate: (args) => arity(args, 0),
  banner: (_args, opts) => `Application environment of node ${opts.node} ...`,
  run: (_args, _opts, ctx) => nodeOperation(ctx, "environment"),
  output: (reply, opts) => {
    const env = reply.environment ?? {};
    if (opts.formatter === "json" || opts.formatter === "json_stream") return { kind: "value", text: "", json: env };
    return { kind: "lines", lines: [typeof reply.erlang === "string" ? reply.erlang : prettyTerm(toTerm(env))] };
  },
};
