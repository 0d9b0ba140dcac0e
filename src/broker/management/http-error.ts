/** A failed API request, answered as RabbitMQ's management API answers it: a status and {"error","reason"} (or an empty body). */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly error: string | undefined,
    /** RabbitMQ's reason is a string, an array (["no_such_user","x"]) or an Erlang-term string. */
    readonly reason: unknown = undefined,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(typeof reason === "string" ? reason : (error ?? `HTTP ${status}`));
    this.name = "HttpError";
  }

  /** undefined means an empty body, as RabbitMQ sends for 405, 500 and a 401 without credentials. */
  body(): { error: string; reason: unknown } | undefined {
    return this.error === undefined ? undefined : { error: this.error, reason: this.reason };
  }
}

export const objectNotFound = (): HttpError => new HttpError(404, "Object Not Found", "Not Found");
export const badRequest = (reason: unknown): HttpError => new HttpError(400, "bad_request", reason);
export const notAuthorised = (reason: string): HttpError => new HttpError(401, "not_authorised", reason);
export const methodNotAllowed = (allow: readonly string[]): HttpError => new HttpError(405, undefined, undefined, { allow: allow.join(", ") });
/** RabbitMQ's {key_missing,k} list for a body without mandatory keys. */
export function keysMissing(keys: readonly string[]): HttpError {
  const items = keys.map((k) => `{key_missing,${k}}`);
  const flat = `[${items.join(",")}]`;
  // Erlang's ~p keeps a list on one line up to 78 characters, else puts each element on its own line
  return badRequest(flat.length <= 78 ? flat : `[${items.join(",\n ")}]`);
}
