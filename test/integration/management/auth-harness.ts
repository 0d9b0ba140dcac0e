// An in-process broker plus a small management API client for the users/permissions/limits tests.
import { afterAll, beforeAll } from "vitest";
import { type RunningBroker, startBroker } from "../../../src/broker/server.js";

export interface ApiReply {
  status: number;
  /** The parsed JSON body, or undefined for an empty one. */
  json: unknown;
  text: string;
}

export interface RequestOptions {
  /** "user:password"; default guest:guest, null for no credentials. */
  auth?: string | null;
  /** A JSON value, or a raw string sent as it is. */
  body?: unknown;
  contentType?: string | null;
}

export interface ManagementHandle {
  broker: RunningBroker;
  api(method: string, path: string, o?: RequestOptions): Promise<ApiReply>;
}

/** Starts a broker for the file; api() calls its management API at /api + path (segments already encoded). */
export function useManagement(): ManagementHandle {
  const handle = { broker: undefined as unknown as RunningBroker } as ManagementHandle;
  beforeAll(async () => {
    handle.broker = await startBroker({ amqpPort: 0, httpPort: 0 });
  });
  afterAll(() => handle.broker.close());
  handle.api = async (method, path, o = {}) => {
    const headers: Record<string, string> = {};
    const auth = o.auth === undefined ? "guest:guest" : o.auth;
    if (auth !== null) headers.authorization = `Basic ${Buffer.from(auth).toString("base64")}`;
    let body: string | undefined;
    if (o.body !== undefined) {
      body = typeof o.body === "string" ? o.body : JSON.stringify(o.body);
      if (o.contentType !== null) headers["content-type"] = o.contentType ?? "application/json";
    }
    const r = await fetch(`http://127.0.0.1:${handle.broker.httpPort}/api${path}`, { method, headers, ...(body === undefined ? {} : { body }) });
    const text = await r.text();
    return { status: r.status, json: text === "" ? undefined : (JSON.parse(text) as unknown), text };
  };
  return handle;
}

/** RabbitMQ's 400 envelope. */
export const badRequest = (reason: unknown) => ({ error: "bad_request", reason });
export const NOT_FOUND = { error: "Object Not Found", reason: "Not Found" };
