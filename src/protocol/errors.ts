import { replyName } from "./methods.generated.js";

/** A connection-level AMQP failure: the broker answers it with connection.close(replyCode, replyText, classId, methodId). */
export class ProtocolError extends Error {
  /** The method being decoded when it failed (0 when not known), echoed in connection.close. */
  classId = 0;
  methodId = 0;

  constructor(
    readonly replyCode: number,
    message: string,
  ) {
    super(message);
    this.name = "ProtocolError";
  }

  /** RabbitMQ's reply-text form, "FRAME_ERROR - <detail>", cut to fit the reply-text shortstr. */
  get replyText(): string {
    let text = `${replyName(this.replyCode) ?? "INTERNAL_ERROR"} - ${this.message}`;
    while (Buffer.byteLength(text, "utf8") > 255) text = text.slice(0, -1);
    return text;
  }

  /** Records which method was being decoded, unless an inner frame already did. */
  inMethod(classId: number, methodId: number): this {
    if (this.classId === 0 && this.methodId === 0) {
      this.classId = classId;
      this.methodId = methodId;
    }
    return this;
  }
}

/** 501 FRAME_ERROR: the bytes do not form a valid frame or method. */
export class FrameError extends ProtocolError {
  constructor(message: string) {
    super(501, message);
    this.name = "FrameError";
  }
}

/** 501 for bytes that ran out or were left over; method decoding rewords it as RabbitMQ does ("cannot decode"). */
export class DecodeError extends FrameError {
  constructor(message: string) {
    super(message);
    this.name = "DecodeError";
  }
}

export const frameError = (message: string): FrameError => new FrameError(message);
/** 502 SYNTAX_ERROR: a field value is not acceptable (unknown field-table type letter, out-of-range number). */
export const syntaxError = (message: string): ProtocolError => new ProtocolError(502, message);
/** 503 COMMAND_INVALID: e.g. a class/method id pair the protocol does not define. */
export const commandInvalid = (message: string): ProtocolError => new ProtocolError(503, message);
/** 505 UNEXPECTED_FRAME: a frame that is not allowed where it arrived. */
export const unexpectedFrame = (message: string): ProtocolError => new ProtocolError(505, message);

/** Bytes Erlang's ~p shows as text: printable latin-1 and the escapes it knows (\b \t \n \v \f \r \e). */
const isPrintable = (b: number): boolean => (b >= 32 && b <= 126) || b >= 160 || (b >= 8 && b <= 13) || b === 27;
const ESCAPES: Readonly<Record<number, string>> = { 8: "\\b", 9: "\\t", 10: "\\n", 11: "\\v", 12: "\\f", 13: "\\r", 27: "\\e", 34: '\\"', 92: "\\\\" };

/**
 * Formats bytes as Erlang's ~p prints a binary in RabbitMQ's reply texts: `<<"text">>` when every byte is printable,
 * else `<<0,50,0,10>>`. Input past `max` bytes is cut (reply texts stop at 255 bytes anyway).
 */
export function erlangBinary(bytes: Uint8Array, max = 256): string {
  const shown = bytes.length > max ? bytes.subarray(0, max) : bytes;
  const more = bytes.length > max ? "..." : "";
  if (shown.length > 0 && shown.every(isPrintable)) {
    return `<<"${Array.from(shown, (b) => ESCAPES[b] ?? String.fromCharCode(b)).join("")}${more}">>`;
  }
  return `<<${shown.join(",")}${more === "" ? "" : ",..."}>>`;
}

/** How RabbitMQ quotes a bad frame's payload: all of it up to 16 bytes, else the first 16. */
export function payloadSnippet(payload: Uint8Array): string {
  return payload.length <= 16 ? `all octets = ${erlangBinary(payload)}` : `first 16 octets = ${erlangBinary(payload.subarray(0, 16))}`;
}
