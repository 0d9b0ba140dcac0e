import type { IncomingMessage } from "node:http";
import { parseJsonText } from "../json/json-parse.js";
import type { JsonValue } from "../json/json-value.js";
import { badRequest, HttpError } from "./http-error.js";

/** Largest request body accepted; definitions files are the big ones. */
export const MAX_BODY_BYTES = 32 * 1024 * 1024;

/** Reads the whole body, refusing more than the limit with 413 before buffering it. */
export async function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  const declared = Number(req.headers["content-length"] ?? "0");
  if (declared > limit) throw new HttpError(413, "bad_request", "request body too large");
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new HttpError(413, "bad_request", "request body too large");
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** JSON from a body, numbers kept as RabbitMQ decodes them; an empty body is undefined, anything unparsable RabbitMQ's not_json. */
export function parseJson(raw: Buffer, notJsonReason = "not_json"): JsonValue | undefined {
  const text = raw.toString("utf8").trim();
  if (text === "") return undefined;
  try {
    return parseJsonText(text);
  } catch {
    throw badRequest(notJsonReason);
  }
}
