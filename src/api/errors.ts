/** A non-2xx answer from the management API, with RabbitMQ's {"error","reason"} body when it sent one. */
export class ApiError extends Error {
  constructor(
    readonly method: string,
    readonly path: string,
    readonly status: number,
    readonly error: string | undefined,
    /** RabbitMQ sends a string, an array (["no_such_user","x"]) or an Erlang-term string. */
    readonly reason: unknown,
  ) {
    super(`${method} ${path}: HTTP ${status}${error ? ` ${error}` : ""}${reason !== undefined ? `: ${reasonText(reason)}` : ""}`);
    this.name = "ApiError";
  }
  get reasonText(): string {
    return reasonText(this.reason);
  }
}

export function reasonText(reason: unknown): string {
  if (typeof reason === "string") return reason;
  if (reason === undefined || reason === null) return "";
  return JSON.stringify(reason);
}

/** RabbitMQ HTML-escapes some validation messages (&lt;&lt;"bogus-key"&gt;&gt;); undo it for display. */
export function unescapeHtml(s: string): string {
  return s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, "&");
}
