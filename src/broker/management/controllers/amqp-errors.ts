// How the management API reports a failed AMQP operation. RabbitMQ runs declares and deletes as direct channel
// methods (direct_request) and publish/get on a channel of its own (with_channel); each path words errors its way.
import { AmqpError } from "../../errors.js";
import { badRequest, HttpError, notAuthorised } from "../http-error.js";

/** direct_request: not_found is a 404 naming the cause, access refusals the fixed 401, anything else a 400 with the text. */
export function directError(e: unknown): unknown {
  if (!(e instanceof AmqpError)) return e;
  if (e.replyCode === 404) return new HttpError(404, "not_found", e.detail);
  if (e.replyCode === 403 || e.replyCode === 530) return notAuthorised("Access refused.");
  return badRequest(e.detail);
}

/** with_channel, for a call: the channel's close reason, as a 404 or 401 for those codes, else "CODE TEXT" in a 400. */
export function channelCallError(e: unknown): unknown {
  if (!(e instanceof AmqpError)) return e;
  if (e.replyCode === 404) return new HttpError(404, "not_found", e.replyText);
  if (e.replyCode === 403) return notAuthorised(e.replyText);
  return badRequest(`${e.replyCode} ${e.replyText}`);
}

/** with_channel, for a publish (cast): every channel close is "CODE TEXT" in a 400. */
export function channelCastError(e: unknown): unknown {
  return e instanceof AmqpError ? badRequest(`${e.replyCode} ${e.replyText}`) : e;
}

/** Runs an AMQP operation, turning its failure into the HTTP error `map` chooses. */
export function asHttp<T>(map: (e: unknown) => unknown, op: () => T): T {
  try {
    return op();
  } catch (e) {
    throw map(e);
  }
}
