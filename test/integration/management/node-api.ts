// In-process broker and a small management API client for the node-level tests (overview, nodes, health, extensions).
import { afterAll, beforeAll } from "vitest";
import { startBroker, type BrokerOptions, type RunningBroker } from "../../../src/broker/server.js";

export interface Answer {
  status: number;
  body: any;
  headers: Headers;
}

export interface NodeApi {
  broker: RunningBroker;
  get(path: string, user?: string): Promise<Answer>;
  send(method: string, path: string, body?: unknown, init?: { user?: string; contentType?: string }): Promise<Answer>;
  /** POST /api/warren/extensions/<name>. */
  ext(name: string, body?: unknown): Promise<Answer>;
}

const basic = (user: string): string => `Basic ${Buffer.from(user).toString("base64")}`;

/** Starts a broker per test file (beforeAll) and closes it afterwards. */
export function useNodeApi(options: BrokerOptions = {}): NodeApi {
  const api = {} as NodeApi;
  beforeAll(async () => {
    api.broker = await startBroker({ amqpPort: 0, httpPort: 0, ...options });
  });
  afterAll(async () => {
    await api.broker.close();
  });
  api.send = async (method, path, body, init = {}) => {
    const headers: Record<string, string> = { authorization: basic(init.user ?? "guest:guest") };
    if (body !== undefined) headers["content-type"] = init.contentType ?? "application/json";
    const r = await fetch(`http://127.0.0.1:${api.broker.httpPort}/api${path}`, {
      method,
      headers,
      ...(body !== undefined ? { body: typeof body === "string" ? body : JSON.stringify(body) } : {}),
    });
    const text = await r.text();
    return { status: r.status, body: text === "" ? undefined : JSON.parse(text), headers: r.headers };
  };
  api.get = (path, user) => api.send("GET", path, undefined, user === undefined ? {} : { user });
  api.ext = (name, body = {}) => api.send("POST", `/warren/extensions/${name}`, body);
  return api;
}
