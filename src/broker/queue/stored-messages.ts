import { Properties } from "../../protocol/index.js";
import type { Message, QueuedMessage } from "../message.js";
import type { RecordRef } from "../store/index.js";

/**
 * What a ready list needs to keep a message only on disk and read it back when it nears the head: the queue's
 * log in the message store (durable-log.ts). Persistent messages on durable queues are already there, so paging
 * them costs no second write, and recovered ones are never read before they are about to be delivered.
 */
export interface StoredMessages {
  /** Body bytes of a stored message, without reading it. */
  bodySizeOf(ref: RecordRef): number;
  /**
   * The messages of these entries (each has a storeRef, and STORED as its message), read in as few disk reads as
   * possible, in order; undefined for one that could not be read (the log has dropped and reported it).
   */
  load(entries: readonly QueuedMessage[]): (Message | undefined)[];
}

/** The body of a message whose bytes are on disk (compared by identity; a real empty body is another buffer). */
export const PAGED = Buffer.alloc(0);

/** Stands for a stored message none of which is in memory (recovered, or paged out): everything comes from its record. */
export const STORED: Message = Object.freeze({ exchange: "", routingKey: "", routingKeys: undefined, properties: Properties.EMPTY, body: PAGED });

export const withBody = (m: Message, body: Buffer): Message => ({ exchange: m.exchange, routingKey: m.routingKey, routingKeys: m.routingKeys, properties: m.properties, body });

