// Why a definitions import was refused, as RabbitMQ 3.10.8 reports it. The whole-node import answers with the
// error term itself as JSON; the per-vhost import formats it first (rabbit_definitions:format/1), so each
// rejection carries both renderings.
import { replyName } from "../../protocol/index.js";
import type { AmqpError } from "../errors.js";
import { jsonText } from "../json/json-text.js";
import { bin, formatTerm, list, num } from "../parameters/erlang-term.js";

/** An Erlang string (a list of character codes) as JSON: RabbitMQ's encoder writes it as a list of numbers. */
export const charCodes = (s: string): number[] => [...Buffer.from(s, "utf8")];

/** A refused import: `full` is the reason POST /api/definitions gives, `perVhost` the one POST /api/definitions/:vhost gives. */
export class DefinitionsRejected extends Error {
  constructor(
    readonly full: unknown,
    readonly perVhost: unknown = full,
  ) {
    super(typeof full === "string" ? full : jsonText(full));
    this.name = "DefinitionsRejected";
  }
}

/** A reason both forms give as it is (warren's schema messages, RabbitMQ's plain atoms such as tags_not_present). */
export const rejected = (reason: unknown): DefinitionsRejected => new DefinitionsRejected(reason);

export const noSuchVhost = (vhost: string): DefinitionsRejected =>
  new DefinitionsRejected(["no_such_vhost", vhost], `Please create virtual host "${vhost}" prior to importing definitions.`);

export const noSuchUser = (user: string): DefinitionsRejected => rejected(["no_such_user", user]);

/** A declare refused with an AMQP error: {amqp_error, Name, Explanation, none} as JSON, or "name: explanation". */
export function amqpRejected(e: AmqpError): DefinitionsRejected {
  const name = (replyName(e.replyCode) ?? "internal_error").toLowerCase();
  return new DefinitionsRejected(["amqp_error", name, charCodes(e.detail), "none"], `${name}: ${e.detail}`);
}

/** A component's refusal (a binary in RabbitMQ): the text itself, or ~p of the binary in the per-vhost form. */
export const textRejected = (text: string): DefinitionsRejected => new DefinitionsRejected(text, formatTerm(bin(text)));

/** A refusal RabbitMQ raises as an Erlang string: the per-vhost form prints it quoted. */
export const stringRejected = (text: string): DefinitionsRejected => new DefinitionsRejected(text, formatTerm(list(charCodes(text).map(num))));

/** RabbitMQ's up-front check that the queues a file adds fit the vhost's max-queues. */
export function queueLimitExceeded(vhost: string, adding: number, limit: number, current: number): DefinitionsRejected {
  const text =
    `Adding ${adding} queue(s) to virtual host "${vhost}" would exceed the limit of ${limit} queue(s).\n\n` +
    `This virtual host currently has ${current} queue(s) defined.\n\nImport aborted!`;
  return new DefinitionsRejected(["vhost_limit_exceeded", charCodes(text)], text);
}
