// kill -9 of a real warren-server right after (and during) a burst of definition changes over HTTP: after the
// restart, every change that got its 201/204 is there.
import { beforeAll, describe, expect, it } from "vitest";
import { useTmpDirs } from "../../unit/store/records.js";
import { bundleServer, type ChildServer as Child, startChildServer } from "./child-server.js";
import { apiOf, type Api, useRestarts } from "./restart-harness.js";

const tmp = useTmpDirs("meta-kill");
const brokers = useRestarts();
const NODE_NAME = "kill9";
let launcher = "";

beforeAll(async () => {
  launcher = await bundleServer("metadata-kill");
}, 60_000);

/** Starts warren-server on the data directory. */
const startServer = (dataDir: string): Promise<Child> => startChildServer(launcher, dataDir, NODE_NAME);

const childApi = (c: Child): Api => apiOf({ httpPort: c.httpPort } as Parameters<typeof apiOf>[0]);

/** One definition change and how to see it afterwards. */
interface Change {
  readonly method: string;
  readonly path: string;
  readonly body: unknown;
}

/** A burst of independent changes of every kind the HTTP API makes, named after the round. */
function burst(round: string, n: number): Change[] {
  const out: Change[] = [];
  for (let i = 0; i < n; i++) {
    const id = `${round}-${i}`;
    switch (i % 5) {
      case 0: out.push({ method: "PUT", path: `/vhosts/kv-${id}`, body: { description: id } }); break;
      case 1: out.push({ method: "PUT", path: `/users/ku-${id}`, body: { password: id, tags: "management" } }); break;
      case 2: out.push({ method: "PUT", path: `/queues/%2F/kq-${id}`, body: { durable: true, arguments: { "x-max-length": i } } }); break;
      case 3: out.push({ method: "PUT", path: `/policies/%2F/kp-${id}`, body: { pattern: `^kq-${id}$`, definition: { "max-length": i } } }); break;
      default: out.push({ method: "PUT", path: `/global-parameters/kg-${id}`, body: { value: { i } } });
    }
  }
  return out;
}

/** Sends every change at once; resolves with those acknowledged (2xx) before the server went away. */
async function send(api: Api, changes: readonly Change[], onAck?: (acked: number) => void): Promise<Change[]> {
  const acked: Change[] = [];
  await Promise.all(
    changes.map(async (c) => {
      const r = await api(c.method, c.path, c.body).catch(() => undefined);
      if (r === undefined || r.status >= 300) return;
      acked.push(c);
      onAck?.(acked.length);
    }),
  );
  return acked;
}

/** Whether the node now has what the change made (same description, queue arguments, policy, value). */
async function present(api: Api, c: Change): Promise<boolean> {
  const r = await api("GET", c.path);
  if (r.status !== 200) return false;
  const got = r.json as Record<string, unknown>;
  const body = c.body as Record<string, unknown>;
  if (c.path.startsWith("/vhosts/")) return got.description === body.description;
  if (c.path.startsWith("/users/")) return (await api("GET", "/whoami", undefined, `${got.name as string}:${body.password as string}`)).status === 200;
  if (c.path.startsWith("/queues/")) return JSON.stringify(got.arguments) === JSON.stringify(body.arguments) && got.durable === true;
  if (c.path.startsWith("/policies/")) return JSON.stringify(got.definition) === JSON.stringify(body.definition);
  return JSON.stringify(got.value) === JSON.stringify(body.value);
}

async function missing(api: Api, acked: readonly Change[]): Promise<string[]> {
  const out: string[] = [];
  for (const c of acked) if (!(await present(api, c))) out.push(c.path);
  return out;
}

describe("kill -9 after acknowledged changes", () => {
  it("keeps every change acknowledged before the kill, whether the kill came after the burst or in the middle of one", async () => {
    const dir = tmp();
    const first = await startServer(dir);
    const acked = await send(childApi(first), burst("a", 150));
    expect(acked).toHaveLength(150);
    first.process.kill("SIGKILL");
    expect(await first.exited).toBe("SIGKILL");

    // a second burst, killed once a third of it is acknowledged: the rest may or may not be there, those are
    const second = await startServer(dir);
    expect(await missing(childApi(second), acked)).toEqual([]);
    const changes = burst("b", 150);
    const ackedMidway = await send(childApi(second), changes, (n) => {
      if (n === 50) second.process.kill("SIGKILL");
    });
    expect(await second.exited).toBe("SIGKILL");
    expect(ackedMidway.length).toBeGreaterThanOrEqual(50);

    const third = await brokers.start(dir, { nodeName: NODE_NAME });
    const api = apiOf(third);
    expect(await missing(api, [...acked, ...ackedMidway])).toEqual([]);
    expect((await api("GET", "/whoami")).status).toBe(200);
  }, 60_000);
});
