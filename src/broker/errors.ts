import { HARD_ERROR_CODES, ProtocolError } from "../protocol/index.js";

/** A failure the broker reports to the client with channel.close or connection.close, worded as RabbitMQ words it; the reply text and method echo come from ProtocolError. */
export class AmqpError extends ProtocolError {
  constructor(
    replyCode: number,
    readonly detail: string,
    /** Hard errors close the connection; RabbitMQ picks by code, but a few soft codes are raised as connection errors (e.g. 403 on login). */
    readonly scope: "channel" | "connection" = HARD_ERROR_CODES.has(replyCode) ? "connection" : "channel",
  ) {
    super(replyCode, detail);
    this.name = "AmqpError";
  }
}

export const accessRefused = (detail: string): AmqpError => new AmqpError(403, detail);
export const notFound = (detail: string): AmqpError => new AmqpError(404, detail);
export const resourceLocked = (detail: string): AmqpError => new AmqpError(405, detail);
export const preconditionFailed = (detail: string): AmqpError => new AmqpError(406, detail);
export const commandInvalid = (detail: string): AmqpError => new AmqpError(503, detail);
export const channelError = (detail: string): AmqpError => new AmqpError(504, detail);
export const unexpectedFrame = (detail: string): AmqpError => new AmqpError(505, detail);
export const notAllowed = (detail: string): AmqpError => new AmqpError(530, detail);
export const notImplemented = (detail: string): AmqpError => new AmqpError(540, detail);

/** RabbitMQ's resource naming in error texts: "queue 'q' in vhost '/'". */
export const describe = (kind: "queue" | "exchange", name: string, vhost: string): string => `${kind} '${name}' in vhost '${vhost}'`;
