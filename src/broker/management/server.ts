import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Broker } from "../broker.js";
import { jsonText } from "../json/json-text.js";
import { authenticate } from "./auth.js";
import { parseJson, readBody } from "./body.js";
import { CONTROLLERS } from "./controllers/index.js";
import { assertAppServes } from "./extensions/app-gate.js";
import { HttpError } from "./http-error.js";
import { checkedApiPath } from "./request-target.js";
import type { Reply } from "./route.js";
import { Router } from "./router.js";

/** The management HTTP API on one port: RabbitMQ's /api routes plus warren's extensions. */
export function createManagementServer(broker: Broker): Server {
  const router = new Router(CONTROLLERS.flat());
  return createServer((req, res) => {
    handle(broker, router, req, res).catch((e: unknown) => send(res, req, errorReply(e)));
  });
}

async function handle(broker: Broker, router: Router, req: IncomingMessage, res: ServerResponse): Promise<void> {
  // match on the raw path: %2F inside a segment is a vhost named "/", not a separator
  const apiPath = checkedApiPath(req.url ?? "/");
  const url = new URL(req.url ?? "/", "http://localhost");
  if (req.method === "OPTIONS") {
    const allowed = router.allowed(apiPath);
    return send(res, req, { status: allowed.length === 0 ? 404 : 200, headers: { allow: [...allowed, "OPTIONS"].join(", ") } });
  }
  const { route, params } = router.match(req.method ?? "GET", apiPath);
  const user = authenticate(broker, req, route.access);
  assertAppServes(broker, route);
  const rawBody = await readBody(req);
  const body = route.rawBody === true ? undefined : parseJson(rawBody);
  let reply: Reply;
  try {
    reply = await route.handler({
      broker,
      user: user ?? { name: "", tags: [] },
      params,
      query: url.searchParams,
      body,
      req,
      rawBody,
    });
  } finally {
    // as RabbitMQ: a reply to a request that may have changed definitions goes out once the change is durable
    if (route.method !== "GET") await broker.node.definitionsDurable();
  }
  send(res, req, reply);
}

function errorReply(e: unknown): Reply {
  if (e instanceof HttpError) {
    const body = e.body();
    return body === undefined ? { status: e.status, headers: e.headers } : { status: e.status, json: body, headers: e.headers };
  }
  // an unexpected failure is a bug; RabbitMQ answers those with an empty 500, and we log the detail for the operator
  console.error("management API: internal error:", e);
  return { status: 500 };
}

function send(res: ServerResponse, req: IncomingMessage, reply: Reply): void {
  const status = reply.status ?? 200;
  const headers: Record<string, string> = { "cache-control": "no-cache", vary: "accept, accept-encoding, origin", ...reply.headers };
  if (reply.json === undefined) {
    res.writeHead(status, { ...headers, "content-length": "0" });
    res.end();
    return;
  }
  // floats as Erlang writes them (1.0, 1.0e3) and integers exact, as RabbitMQ's encoder sends them
  const text = jsonText(reply.json) ?? "null";
  res.writeHead(status, { ...headers, "content-type": "application/json", "content-length": String(Buffer.byteLength(text)) });
  res.end(req.method === "HEAD" ? undefined : text);
}
