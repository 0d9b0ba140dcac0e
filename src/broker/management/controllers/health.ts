import type { Broker } from "../../broker.js";
import { nodeListeners } from "../../node/listeners.js";
import { normaliseProtocol } from "../../node/protocols.js";
import { badRequest, objectNotFound } from "../http-error.js";
import type { Controller, Handler, Reply, RequestContext } from "../route.js";
import { ok } from "../route.js";

const HEALTH_CHECK_FAILURE = 503;
const CERT_UNITS = new Set(["days", "weeks", "months", "years"]);
/** Erlang's list_to_integer: optional sign, decimal digits. */
const INTEGER = /^[+-]?\d+$/;

const failed = (body: Record<string, unknown>): Reply => ({ status: HEALTH_CHECK_FAILURE, json: { status: "failed", ...body } });

/** Health checks report listeners newest first, as RabbitMQ's registry returns them. */
const listenersNewestFirst = (broker: Broker) => nodeListeners(broker.node).reverse();

function alarmsCheck(reason: string): Handler {
  return (ctx) => {
    ctx.broker.node.checkResources();
    const alarms = ctx.broker.node.alarms.list(ctx.broker.node.name);
    return alarms.length === 0 ? ok({ status: "ok" }) : failed({ reason, alarms });
  };
}

function certificateExpiration(ctx: RequestContext): Reply {
  if (!INTEGER.test(ctx.params.within ?? "")) throw badRequest("Invalid expiration value.");
  if (!CERT_UNITS.has((ctx.params.unit ?? "").toLowerCase())) throw badRequest("Time unit not recognised. Supported units: days, weeks, months, years.");
  // warren has no TLS listeners yet, so no certificate can be expiring
  return ok({ status: "ok" });
}

function portListener(ctx: RequestContext): Reply {
  const text = ctx.params.port ?? "";
  if (!INTEGER.test(text)) throw badRequest("Invalid port");
  const port = Number.parseInt(text, 10);
  const listeners = listenersNewestFirst(ctx.broker);
  if (listeners.some((l) => l.port === port)) return ok({ status: "ok", port });
  return failed({ reason: "No active listener", missing: port, ports: listeners.map((l) => l.port) });
}

function protocolListener(ctx: RequestContext): Reply {
  const protocol = normaliseProtocol(ctx.params.protocol ?? "");
  const listeners = listenersNewestFirst(ctx.broker);
  if (listeners.some((l) => l.protocol === protocol)) return ok({ status: "ok", protocol });
  return failed({ reason: "No active listener", missing: protocol, protocols: listeners.map((l) => l.protocol) });
}

const SINGLE_NODE = { status: "ok", reason: "single node cluster" };

/** RabbitMQ's health checks (GET /api/health/checks/...) and the deprecated /api/healthchecks/node. */
export const healthController: Controller = [
  { method: "GET", path: "/health/checks/alarms", access: "management", handler: alarmsCheck("There are alarms in effect in the cluster") },
  { method: "GET", path: "/health/checks/local-alarms", access: "management", handler: alarmsCheck("There are alarms in effect on the node") },
  { method: "GET", path: "/health/checks/certificate-expiration/:within/:unit", access: "management", handler: certificateExpiration },
  { method: "GET", path: "/health/checks/port-listener/:port", access: "management", handler: portListener },
  { method: "GET", path: "/health/checks/protocol-listener/:protocol", access: "management", handler: protocolListener },
  // vhosts have no processes of their own in warren: a vhost that exists is up
  { method: "GET", path: "/health/checks/virtual-hosts", access: "management", handler: () => ok({ status: "ok" }) },
  // a standalone node holds the only copy of everything, so no peer depends on it for a quorum or a mirror
  { method: "GET", path: "/health/checks/node-is-mirror-sync-critical", access: "management", handler: () => ok(SINGLE_NODE) },
  { method: "GET", path: "/health/checks/node-is-quorum-critical", access: "management", handler: () => ok(SINGLE_NODE) },
  { method: "GET", path: "/healthchecks/node", access: "management", handler: () => ok({ status: "ok" }) },
  {
    method: "GET",
    path: "/healthchecks/node/:node",
    access: "management",
    handler: (ctx) => {
      if (ctx.params.node !== ctx.broker.node.name) throw objectNotFound();
      return ok({ status: "ok" });
    },
  },
];
