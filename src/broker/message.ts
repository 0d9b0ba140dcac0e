import type { FieldTable, Properties } from "../protocol/index.js";

/** A published message: properties stay the bytes that arrived. */
export interface Message {
  readonly exchange: string;
  readonly routingKey: string;
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
}
