import { HARD_ERROR_CODES, replyName } from "../protocol/index.js";

/** A failure the broker reports to the client with channel.close or connection.close, worded as RabbitMQ words it. */
export class AmqpError extends Error {
  classId = 0;
  methodId = 0;

  constructor(
    readonly replyCode: number,
    readonly detail: string,
    /** Hard errors close the connection; RabbitMQ picks by code, but a few soft codes are raised as connection errors (e.g. 403 on login). */
    readonly scope: "channel" | "connection" = HARD_ERROR_CODES.has(replyCode) ? "connection" : "channel",
  ) {
    super(detail);
    this.name = "AmqpError";
  }

  /** "NOT_FOUND - no queue 'x' in vhost '/'", cut to fit a shortstr. */
  get replyText(): string {
    let text = `${replyName(this.replyCode) ?? "INTERNAL_ERROR"} - ${this.detail}`;
    while (Buffer.byteLength(text, "utf8") > 255) text = text.slice(0, -1);
    return text;
  }

  inMethod(classId: number, methodId: number): this {
    if (this.classId === 0 && this.methodId === 0) {
      this.classId = classId;
      this.methodId = methodId;
    }
    return this;
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
