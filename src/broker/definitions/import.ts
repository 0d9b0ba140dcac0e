// Importing definitions (POST /api/definitions[/:vhost]): the whole file is planned and checked first, in RabbitMQ's
// order and with its errors, then applied. A rejected file changes nothing (RabbitMQ would have applied what came
// before the failing entry); an accepted one merges into the broker exactly as RabbitMQ's import does.
import type { Broker } from "../broker.js";
import { applyPlan } from "./apply.js";
import { emptyPlan, Expected, type Plan } from "./plan.js";
import { planPermissions, planTopicPermissions, planUsers, planVhosts } from "./plan-access.js";
import { planGlobalParameters, planParameters, planPolicies, type VhostOf } from "./plan-parameters.js";
import { checkQueueLimits, planBindings, planExchanges, planQueues } from "./plan-topology.js";
import { readFile, VHOST_CATEGORIES } from "./schema.js";

/** The changes a whole-node import would make; throws DefinitionsRejected (or an HttpError RabbitMQ answers the same way). */
export function planImport(broker: Broker, decoded: unknown, actingUser: string): Plan {
  const file = readFile(decoded);
  const world = new Expected(broker);
  const plan = emptyPlan();
  const ownVhost: VhostOf = (v) => v ?? "undefined";
  planUsers(file, world, plan);
  planVhosts(file, world, plan);
  checkQueueLimits(file, world, ownVhost);
  planPermissions(file, world, plan);
  planTopicPermissions(file, world, plan);
  planExchanges(file, world, plan, ownVhost, actingUser);
  planGlobalParameters(file, plan);
  planPolicies(file, world, plan, ownVhost);
  planParameters(file, world, plan, ownVhost);
  planQueues(file, world, plan, ownVhost);
  planBindings(file, world, plan, ownVhost);
  return plan;
}

/** The changes a per-vhost import would make: exchanges, parameters, policies, queues and bindings, all into `vhost`. */
export function planVhostImport(broker: Broker, decoded: unknown, actingUser: string, vhost: string): Plan {
  const file = readFile(decoded, VHOST_CATEGORIES);
  const world = new Expected(broker);
  const plan = emptyPlan();
  // the path names the vhost; whatever the entries say is ignored
  const pathVhost: VhostOf = () => vhost;
  checkQueueLimits(file, world, pathVhost);
  planExchanges(file, world, plan, pathVhost, actingUser);
  planParameters(file, world, plan, pathVhost);
  planPolicies(file, world, plan, pathVhost);
  planQueues(file, world, plan, pathVhost);
  planBindings(file, world, plan, pathVhost);
  return plan;
}

/** Imports a decoded definitions file into the whole node, or into one existing vhost. */
export function importDefinitions(broker: Broker, decoded: unknown, actingUser: string, vhost?: string): void {
  const plan = vhost === undefined ? planImport(broker, decoded, actingUser) : planVhostImport(broker, decoded, actingUser, vhost);
  applyPlan(broker, plan, actingUser);
}
