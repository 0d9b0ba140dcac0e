import http from "node:http";
import type https from "node:https";
import { TransportError } from "../cli/errors.js";
import { ExitCode } from "../cli/exit-codes.js";
import { ApiError } from "./errors.js";
import { lazyBuiltin } from "../cli/lazy-builtin.js";
import type { Target } from "./target.js";

export interface RequestOptions {
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  /** A body already serialised as JSON text, sent as is (keeps a user's 1.0 or 2^64 exact). */
  json?: string;
  headers?: Record<string, string>;
  /** Other credentials for this one request (authenticate_user checks a user's own password). */
  auth?: { username: string; password: string };
}

export interface ApiResponse {
  status: number;
  body: unknown;
  headers: http.IncomingHttpHeaders;
  /** The body as received, for values whose JSON numbers must survive byte for byte. */
  text?: string;
}

// https pulls in tls and crypto: loaded only for https targets
const httpsModule = lazyBuiltin<typeof https>("node:https");

/** Largest page RabbitMQ accepts. */
export const PAGE_SIZE = 500;

/** Percent-encodes every interpolated path segment: p`/api/queues/${vhost}/${name}`. */
export function p(strings: TemplateStringsArray, ...segments: string[]): string {
  let out = strings[0] ?? "";
  segments.forEach((s, i) => {
    out += encodeURIComponent(s) + (strings[i + 1] ?? "");
  });
  return out;
}

/** The management HTTP API of one node, over node:http (undici costs ~80 ms of start-up per run). */
export class ManagementClient {
  private readonly agent: http.Agent;
  /** Called on every response (any status): the pipeline prints its banner once the node has answered. */
  onResponse?: () => void;

  constructor(
    readonly target: Target,
    private readonly signal?: AbortSignal,
  ) {
    const secure = target.baseUrl.protocol === "https:";
    this.agent = secure
      ? new (httpsModule().Agent)({ keepAlive: true, ...(target.ca ? { ca: target.ca } : {}), rejectUnauthorized: !target.insecure })
      : new http.Agent({ keepAlive: true });
  }

  /** Releases pooled sockets so the process can exit at once. */
  close(): void {
    this.agent.destroy();
  }

  url(path: string, query?: RequestOptions["query"]): URL {
    const u = new URL(this.target.baseUrl.pathname.replace(/\/+$/, "") + path, this.target.baseUrl.origin);
    for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined) u.searchParams.set(k, String(v));
    return u;
  }

  /** Any status; non-JSON bodies come back as text, empty ones as undefined. */
  raw(method: string, path: string, opts: RequestOptions = {}): Promise<ApiResponse> {
    const url = this.url(path, opts.query);
    const auth = opts.auth ?? this.target;
    const payload = opts.json !== undefined ? Buffer.from(opts.json) : opts.body === undefined ? undefined : Buffer.from(JSON.stringify(opts.body));
    const headers: Record<string, string | number> = {
      accept: "application/json",
      authorization: `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString("base64")}`,
      ...opts.headers,
    };
    if (payload) {
      headers["content-type"] = "application/json";
      headers["content-length"] = payload.length;
    }
    const mod = url.protocol === "https:" ? httpsModule() : http;
    return new Promise<ApiResponse>((resolve, reject) => {
      const req = mod.request(url, { method, headers, agent: this.agent, ...(this.signal ? { signal: this.signal } : {}) }, (res) => {
        this.onResponse?.();
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("error", reject);
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          let body: unknown = undefined;
          if (text.length > 0) {
            try {
              body = JSON.parse(text);
            } catch {
              body = text;
            }
          }
          resolve({ status: res.statusCode ?? 0, body, headers: res.headers, text });
        });
      });
      req.on("error", (e: NodeJS.ErrnoException) => {
        if (e.name === "AbortError") reject(e);
        else reject(this.transportError(e));
      });
      req.end(payload);
    });
  }

  /** 2xx or throws ApiError. */
  async request(method: string, path: string, opts: RequestOptions = {}): Promise<ApiResponse> {
    const res = await this.raw(method, path, opts);
    if (res.status >= 200 && res.status < 300) return res;
    const b = (typeof res.body === "object" && res.body !== null ? res.body : {}) as { error?: string; reason?: unknown };
    throw new ApiError(method, path, res.status, b.error, b.reason ?? (typeof res.body === "string" ? res.body : undefined));
  }

  async get<T = unknown>(path: string, query?: RequestOptions["query"]): Promise<T> {
    return (await this.request("GET", path, query ? { query } : {})).body as T;
  }
  /** GET that answers undefined on 404 instead of throwing. */
  async find<T = unknown>(path: string, query?: RequestOptions["query"]): Promise<T | undefined> {
    const res = await this.raw("GET", path, query ? { query } : {});
    if (res.status === 404) return undefined;
    if (res.status >= 200 && res.status < 300) return res.body as T;
    const b = (typeof res.body === "object" && res.body !== null ? res.body : {}) as { error?: string; reason?: unknown };
    throw new ApiError("GET", path, res.status, b.error, b.reason);
  }
  put(path: string, body: unknown = {}, headers?: Record<string, string>): Promise<ApiResponse> {
    return this.request("PUT", path, { body, ...(headers ? { headers } : {}) });
  }
  post(path: string, body: unknown = {}, headers?: Record<string, string>): Promise<ApiResponse> {
    return this.request("POST", path, { body, ...(headers ? { headers } : {}) });
  }
  delete(path: string, opts: RequestOptions = {}): Promise<ApiResponse> {
    return this.request("DELETE", path, opts);
  }

  /**
   * Pages through a list endpoint that supports `page` (queues, exchanges, connections, channels, vhosts),
   * yielding each page's items as soon as it arrives, so a long list never sits in memory whole.
   */
  async *pages<T = unknown>(path: string, query: RequestOptions["query"] = {}): AsyncGenerator<T[]> {
    for (let page = 1; ; page++) {
      const res = await this.raw("GET", path, { query: { ...query, page, page_size: PAGE_SIZE } });
      // a page past the end (the list shrank meanwhile) is the end
      if (res.status === 400 && (res.body as { error?: string } | undefined)?.error === "page_out_of_range") return;
      if (res.status < 200 || res.status >= 300) {
        const b = (typeof res.body === "object" && res.body !== null ? res.body : {}) as { error?: string; reason?: unknown };
        throw new ApiError("GET", path, res.status, b.error, b.reason);
      }
      if (Array.isArray(res.body)) {
        yield res.body as T[]; // a server without pagination sends the whole list
        return;
      }
      const env = res.body as { items: T[]; page_count: number };
      if (env.items.length > 0) yield env.items;
      if (page >= env.page_count) return;
    }
  }

  /**
   * A GET whose 2xx body is yielded chunk by chunk as it arrives (one pass over a list too long to buffer);
   * other statuses throw ApiError.
   */
  async *stream(path: string, query?: RequestOptions["query"]): AsyncGenerator<Buffer> {
    const url = this.url(path, query);
    const headers = { accept: "application/json", authorization: `Basic ${Buffer.from(`${this.target.username}:${this.target.password}`).toString("base64")}` };
    const res = await new Promise<http.IncomingMessage>((resolve, reject) => {
      const mod = url.protocol === "https:" ? httpsModule() : http;
      const req = mod.request(url, { method: "GET", headers, agent: this.agent, ...(this.signal ? { signal: this.signal } : {}) }, (res) => {
        this.onResponse?.();
        resolve(res);
      });
      req.on("error", (e: NodeJS.ErrnoException) => reject(e.name === "AbortError" ? e : this.transportError(e)));
      req.end();
    });
    try {
      const status = res.statusCode ?? 0;
      if (status < 200 || status >= 300) {
        const chunks: Buffer[] = [];
        for await (const c of res) chunks.push(c as Buffer);
        let b: { error?: string; reason?: unknown } = {};
        try { b = JSON.parse(Buffer.concat(chunks).toString("utf8")) as typeof b; } catch { /* not JSON */ }
        throw new ApiError("GET", path, status, b.error, b.reason);
      }
      for await (const c of res) yield c as Buffer;
    } finally {
      if (!res.complete) res.destroy();
    }
  }

  private transportError(e: NodeJS.ErrnoException): TransportError {
    const where = this.target.baseUrl.origin + this.target.baseUrl.pathname.replace(/\/$/, "");
    const why = e.code === "ENOTFOUND" ? `host ${this.target.baseUrl.hostname} not found (nxdomain)`
      : e.code === "ECONNREFUSED" ? "connection refused"
      : e.code === "ECONNRESET" ? "connection reset by peer"
      : e.code === "ETIMEDOUT" ? "connection timed out"
      : /wrong version number|packet length too long|http request/i.test(e.message) ? "TLS failure: the server did not answer in TLS; is that port plain HTTP?"
      : /certificate|SSL|TLS|self.signed/i.test(`${e.code ?? ""} ${e.message}`) ? `TLS failure: ${firstLine(e.message)} (use --cacert or --insecure)`
      : firstLine(e.message);
    return new TransportError(
      ExitCode.unavailable,
      `Error: unable to perform an operation on node '${this.target.node}': its management API at ${where} is unreachable: ${why}`,
    );
  }
}

/** OpenSSL errors end in a newline and a source location: one line is what the user needs. */
function firstLine(message: string): string {
  return message.split("\n")[0]!.replace(/:\.\.\/deps\/openssl\/\S+$/, "").trim();
}
