// Creating and deleting vhosts as RabbitMQ does; the Broker's addVhost/deleteVhost delegate here.
import type { Broker } from "../broker.js";
import { Vhost } from "./vhost.js";

export const DEFAULT_VHOST = "/";

/** The vhost every broker starts with, described as RabbitMQ describes it. */
export function defaultVhost(): Vhost {
  const v = new Vhost(DEFAULT_VHOST);
  v.description = "Default virtual host";
  return v;
}

export interface VhostMetadata {
  readonly description?: unknown;
  readonly tags?: readonly string[];
  readonly defaultQueueType?: unknown;
  readonly tracing?: boolean;
}

/** Creates a vhost; undefined when one of that name exists already. */
export function addVhost(broker: Broker, name: string, meta: VhostMetadata = {}): Vhost | undefined {
  if (broker.vhosts.has(name)) return undefined;
  const v = new Vhost(name);
  v.description = meta.description ?? "";
  v.tags = meta.tags ?? [];
  v.defaultQueueType = meta.defaultQueueType;
  v.tracing = meta.tracing ?? false;
  v.onMetadataChange = broker.onMetadataChange;
  v.messageLogs = broker.messageLogs;
  broker.vhosts.set(name, v);
  v.changed("vhost");
  return v;
}

/** What a client connected to a deleted vhost is told, as RabbitMQ words it. */
export const vhostDeletedText = (name: string): string => `CONNECTION_FORCED - vhost '${name}' is deleted`;

/**
 * Deletes a vhost in RabbitMQ's order: its permissions first (so nobody new gets in), then its queues (consumers
 * are told) and exchanges, its parameters and policies with it, and finally its connections are closed (320).
 */
export function deleteVhost(broker: Broker, name: string): boolean {
  const v = broker.vhosts.get(name);
  if (v === undefined) return false;
  broker.permissions.dropVhost(name);
  broker.topicPermissions.dropVhost(name);
  for (const q of [...v.queues.values()]) v.deleteQueue(q);
  for (const x of [...v.exchanges.values()]) v.deleteExchange(x);
  broker.vhosts.delete(name);
  // persistence drops what the vhost held with it
  broker.onMetadataChange?.("vhost", name);
  for (const c of [...broker.connections]) if (c.vhost === v) c.close(320, vhostDeletedText(name));
  return true;
}
