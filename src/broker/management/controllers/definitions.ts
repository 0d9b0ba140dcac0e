import type { IncomingMessage } from "node:http";
import { exportDefinitions, exportVhostDefinitions } from "../../definitions/export.js";
import { importDefinitions } from "../../definitions/import.js";
import { parseMultipart } from "../../definitions/multipart.js";
import { DefinitionsRejected } from "../../definitions/rejection.js";
import { parseJsonText } from "../../json/json-parse.js";
import type { Vhost } from "../../vhost/vhost.js";
import { authenticate } from "../auth.js";
import { badRequest, HttpError } from "../http-error.js";
import type { AuthenticatedUser, Controller, Reply, RequestContext, Route } from "../route.js";
import { noContent } from "../route.js";

/**
 * Administrators only, for both forms. The web UI cannot set a header on a download link, so RabbitMQ also takes
 * the Basic credentials as ?auth=<base64 user:password>.
 */
function administrator(ctx: RequestContext): AuthenticatedUser {
  const auth = ctx.query.get("auth");
  const req = auth === null ? ctx.req : ({ headers: { authorization: `Basic ${auth}` }, socket: ctx.req.socket } as IncomingMessage);
  return authenticate(ctx.broker, req, "administrator")!;
}

/** ?download=<file> asks the browser to save the export; the name's bytes go out as they came (control characters dropped). */
function downloadHeaders(ctx: RequestContext): Record<string, string> {
  const file = ctx.query.get("download");
  if (file === null) return {};
  const bytes = Buffer.from(file.replace(/[\u0000-\u001f\u007f]/g, ""), "utf8").toString("latin1");
  return { "Content-Disposition": `attachment; filename=${bytes}` };
}

const vhostParam = (ctx: RequestContext): Vhost | undefined => ctx.broker.vhosts.get(ctx.params.vhost!);

function exportAll(ctx: RequestContext): Reply {
  administrator(ctx);
  return { json: exportDefinitions(ctx.broker), headers: downloadHeaders(ctx) };
}

function exportVhost(ctx: RequestContext): Reply {
  administrator(ctx);
  const v = vhostParam(ctx);
  if (v === undefined) throw badRequest("vhost_not_found");
  return { json: exportVhostDefinitions(v), headers: downloadHeaders(ctx) };
}

/** RabbitMQ's decoder: an empty body is an empty file, anything that is not JSON is failed_to_parse_json. */
function decode(raw: Buffer | undefined): unknown {
  if (raw === undefined) throw badRequest("failed_to_parse_json");
  if (raw.length === 0) return {};
  try {
    // numbers as RabbitMQ's decoder reads them: 1.0 stays a float, 2^64 exact
    return parseJsonText(raw.toString("utf8"));
  } catch {
    throw badRequest("failed_to_parse_json");
  }
}

/** The file from a JSON body or from the `file` field of a form upload; `redirect` is where a form upload goes next. */
function uploaded(ctx: RequestContext): { file: unknown; redirect: string | undefined } {
  const type = (ctx.req.headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase();
  if (type === "application/json") return { file: decode(ctx.rawBody), redirect: undefined };
  // RabbitMQ accepts JSON and form uploads only
  if (type !== "multipart/form-data") throw new HttpError(415, undefined);
  const fields = parseMultipart(ctx.req.headers["content-type"]!, ctx.rawBody);
  if (fields === undefined) throw new HttpError(400, undefined);
  return { file: decode(fields.get("file")), redirect: fields.get("redirect")?.toString("utf8") };
}

/** POST: 204 once imported (303 to the form's redirect); a refused file is a 400 with RabbitMQ's reason and changes nothing. */
function importRoute(path: string, vhostScoped: boolean): Route {
  return {
    method: "POST",
    path,
    access: "public",
    rawBody: true,
    handler: (ctx) => {
      const user = administrator(ctx);
      const { file, redirect } = uploaded(ctx);
      // the body is decoded before the vhost is looked up
      const vhost = vhostScoped ? vhostParam(ctx) : undefined;
      if (vhostScoped && vhost === undefined) throw new HttpError(404, "not_found", "vhost_not_found");
      try {
        importDefinitions(ctx.broker, file, user.name, vhost?.name);
      } catch (e) {
        if (e instanceof DefinitionsRejected) throw badRequest(vhostScoped ? e.perVhost : e.full);
        throw e;
      }
      return redirect === undefined ? noContent() : { status: 303, headers: { location: redirect } };
    },
  };
}

/** /api/definitions (and its old name /api/all-configuration): export and import of the node's or one vhost's definitions. */
export const definitionsController: Controller = [
  { method: "GET", path: "/definitions", access: "public", handler: exportAll },
  { method: "GET", path: "/all-configuration", access: "public", handler: exportAll },
  { method: "GET", path: "/definitions/:vhost", access: "public", handler: exportVhost },
  importRoute("/definitions", false),
  importRoute("/all-configuration", false),
  importRoute("/definitions/:vhost", true),
];
