import { redactUrl as redactUri } from "../api/target.js";

export { redactUri };

/** Where and as whom warren-perf connects, parsed from an amqp:// URI. */
export interface AmqpTarget {
  readonly host: string;
  readonly port: number;
  readonly username: string;
  readonly password: string;
  readonly vhost: string;
}

export const DEFAULT_URI = "amqp://guest:guest@127.0.0.1:5672/%2F";

/** Parses amqp://user:pass@host:port/vhost; an empty path means "/" (as most clients read it). Throws a one-line Error. */
export function parseAmqpUri(raw: string): AmqpTarget {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`invalid --uri: ${redactUri(raw)}`);
  }
  if (url.protocol === "amqps:") throw new Error("amqps:// (TLS) is not supported; use amqp://");
  if (url.protocol !== "amqp:") throw new Error(`invalid --uri ${redactUri(raw)}: the scheme must be amqp`);
  const port = url.port === "" ? 5672 : Number(url.port);
  const path = url.pathname;
  return {
    // URL keeps IPv6 literals in brackets; net.connect wants them bare
    host: (url.hostname || "127.0.0.1").replace(/^\[(.*)\]$/, "$1"),
    port,
    username: url.username === "" ? "guest" : decodeURIComponent(url.username),
    password: url.password === "" ? "guest" : decodeURIComponent(url.password),
    vhost: path === "" || path === "/" ? "/" : decodeURIComponent(path.slice(1)),
  };
}
