import type { Broker } from "../../broker.js";
import { HttpError } from "../http-error.js";
import type { Route } from "../route.js";

/** warren's own node operations; they must answer while the broker application is stopped (start_app, reset). */
export const EXTENSION_ROUTE_PREFIX = "/warren/";

/**
 * RabbitMQ's management API is part of the broker application and goes away with stop_app. warren keeps
 * the HTTP listener for its node operations, so the RabbitMQ routes answer 503 until start_app instead.
 */
export function assertAppServes(broker: Broker, route: Route): void {
  if (broker.node.running || route.path.startsWith(EXTENSION_ROUTE_PREFIX)) return;
  throw new HttpError(503, "not_running", `the rabbit application is not running on node ${broker.node.name}; start it with start_app`);
}
