// In-process brokers on a data directory, restarted on the same one, with a management API client per broker.
import { join } from "node:path";
import { afterEach } from "vitest";
import { type BrokerOptions, type RunningBroker, startBroker } from "../../../src/index.js";
import { METADATA_DIR } from "../../../src/broker/persistence/node-definitions.js";
import { sortedLists } from "../management/definitions-fixture.js";

export const NODE = "warren-restart";

type Entry = Record<string, unknown>;

export interface Reply {
  status: number;
  json: unknown;
  text: string;
}

export type Api = (method: string, path: string, body?: unknown, auth?: string) => Promise<Reply>;

/** A management API client for the broker, as guest unless `auth` ("user:password") says otherwise. */
export function apiOf(broker: RunningBroker, defaultAuth = "guest:guest"): Api {
  return async (method, path, body, auth = defaultAuth) => {
    const headers: Record<string, string> = { authorization: `Basic ${Buffer.from(auth).toString("base64")}` };
    if (body !== undefined) headers["content-type"] = "application/json";
    const r = await fetch(`http://127.0.0.1:${broker.httpPort}/api${path}`, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    const text = await r.text();
    let json: unknown;
    try {
      json = text === "" ? undefined : JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: r.status, json, text };
  };
}

/** Like apiOf, but every call must succeed (2xx). */
export function strictApi(api: Api): Api {
  return async (method, path, body, auth) => {
    const r = await api(method, path, body, auth);
    if (r.status >= 300) throw new Error(`${method} ${path}: ${r.status} ${r.text}`);
    return r;
  };
}

/** Starts brokers on data directories and closes whatever is still running after each test. */
export function useRestarts(): { start(dataDir: string, options?: BrokerOptions): Promise<RunningBroker> } {
  const running = new Set<RunningBroker>();
  afterEach(async () => {
    for (const b of running) await b.close();
    running.clear();
  });
  return {
    async start(dataDir, options = {}) {
      const b = await startBroker({ amqpPort: 0, httpPort: 0, dataDir, nodeName: NODE, ...options });
      running.add(b);
      void b.closed.then(() => running.delete(b));
      return b;
    },
  };
}

/** Where the broker on dataDir keeps its metadata store. */
export const metadataDir = (dataDir: string, nodeName: string): string => join(dataDir, nodeName, METADATA_DIR);

/** What a restart keeps of an export: no transient queues or exchanges, and no bindings with a transient end. */
export function durablePart(defs: Record<string, unknown>): Record<string, unknown> {
  const list = (k: string) => defs[k] as Entry[];
  const transientQueues = new Set(list("queues").filter((q) => q.durable !== true).map((q) => `${q.vhost}/${q.name}`));
  const transientExchanges = new Set(list("exchanges").filter((x) => x.durable !== true).map((x) => `${x.vhost}/${x.name}`));
  const transientEnd = (b: Entry) =>
    transientExchanges.has(`${b.vhost}/${b.source}`) || (b.destination_type === "queue" ? transientQueues : transientExchanges).has(`${b.vhost}/${b.destination}`);
  return sortedLists({
    ...defs,
    queues: list("queues").filter((q) => q.durable === true),
    exchanges: list("exchanges").filter((x) => x.durable === true),
    bindings: list("bindings").filter((b) => !transientEnd(b)),
  });
}

