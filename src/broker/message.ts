import type { FieldTable, FieldValue, Properties } from "../protocol/index.js";
import type { RecordRef } from "./store/index.js";

/** A published message: properties stay the bytes that arrived. */
export interface Message {
  readonly exchange: string;
  /** The key it is delivered with: the publish's key, or the first of routingKeys. */
  readonly routingKey: string;
  /** Every key it was routed with when there is more than routingKey (CC/BCC); dead-lettering re-routes with them. */
  readonly routingKeys: readonly string[] | undefined;
  readonly properties: Properties;
  readonly body: Buffer;
}

/** What exchanges look at when routing: the key plus any CC/BCC keys, and headers decoded on demand. */
export interface MessageRouting {
  readonly routingKeys: readonly string[];
  headers(): FieldTable | undefined;
}

/** A message sitting in a queue; seq orders requeued messages back into place. */
export interface QueuedMessage {
  readonly seq: number;
  readonly message: Message;
  redelivered: boolean;
  /** Deadline on the queue's clock (ms), fixed when enqueued and kept across requeues; Infinity without a TTL. */
  readonly expiresAt: number;
  /** Level in a priority queue (the priority property capped at x-max-priority); 0 elsewhere. */
  readonly priority: number;
  /** Where the queue's log holds it (persistent messages on durable queues, src/broker/queue/durable-log.ts); undefined when only in memory. */
  storeRef?: RecordRef | undefined;
}

/** The keys a message was routed with, first one first. */
export const allRoutingKeys = (m: Message): readonly string[] => m.routingKeys ?? [m.routingKey];

/** The longstr elements of a CC/BCC-style header array (other values are skipped, as RabbitMQ skips them). */
export const longstrList = (v: FieldValue | undefined): string[] =>
  v?.type === "A" ? v.value.flatMap((x) => (x.type === "S" ? [x.value.toString("utf8")] : [])) : [];
