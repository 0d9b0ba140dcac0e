// The reply contract of warren's node/cluster extension operations, and the cells of those that return rows.
import { callExtension } from "../../../api/extensions.js";
import { CommandError } from "../../errors.js";
import { ExitCode } from "../../exit-codes.js";
import { atom, list, type CtlValue } from "../../format/values.js";
import type { CommandContext, CommandOutput, Opts } from "../../types.js";

/** A node/cluster extension's reply: {"result":"ok"[,"message"]} or {"result":"error","exit_code"?,"error"}, plus any data (rows). */
export interface ExtensionReply {
  result?: "ok" | "error";
  message?: string;
  exit_code?: number;
  error?: string;
  [field: string]: unknown;
}

/** Calls a node operation and turns a reported failure into rabbitmqctl's error output. */
export async function nodeOperation(ctx: CommandContext, name: string, body: Record<string, unknown> = {}): Promise<ExtensionReply> {
  const reply = (await callExtension<ExtensionReply | undefined>(ctx, name, body)) ?? {};
  if (reply.result === "error") throw new CommandError(reply.exit_code ?? ExitCode.unavailable, reply.error ?? `${name} failed`);
  return reply;
}

/** A JSON cell from an extension: strings are atoms/names, arrays lists, null empty; objects become {k, v} tuples. */
export function cellOf(v: unknown): CtlValue {
  if (v === null || v === undefined) return null;
  if (typeof v === "string") return atom(v);
  if (typeof v === "number" || typeof v === "boolean") return v;
  if (Array.isArray(v)) return list(v.map(cellOf));
  return list(Object.entries(v as Record<string, unknown>).map(([k, x]) => ({ kind: "tuple", items: [atom(k), cellOf(x)] })));
}

/** Rows of an extension reply ({"rows": [[cell, ...], ...]}, cells in the requested column order). */
export const extensionRows = (reply: ExtensionReply): CtlValue[][] =>
  (Array.isArray(reply.rows) ? (reply.rows as unknown[][]) : []).map((r) => r.map(cellOf));

/** rabbitmqctl's {:ok, sentence} (printed; json puts it under "value") or plain :ok. */
export function replyOutput(reply: ExtensionReply, opts: Opts): CommandOutput {
  if (typeof reply.message !== "string") return { kind: "ok" };
  return { kind: "value", text: reply.message, json: { node: opts.node, result: "ok", value: reply.message } };
}
