// Passwords stay secret: no API answer carries one (password_hash, as RabbitMQ returns it, is the only trace), no log line
// or file on disk holds one, and every check of one goes through crypto.timingSafeEqual, for unknown users too.
// (guest refused from a non-loopback address: test/integration/broker/access-control.test.ts, "loopback_users".)
import * as crypto from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import amqp from "amqplib";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { type RunningBroker, startBroker } from "../../../src/index.js";
import { CONTROLLERS } from "../../../src/broker/management/controllers/index.js";

vi.mock("node:crypto", async (importOriginal) => {
  const real = await importOriginal<typeof import("node:crypto")>();
  return { ...real, timingSafeEqual: vi.fn(real.timingSafeEqual) };
});

const SECRETS = {
  created: "s3cret-created-over-http",
  imported: "s3cret-imported-in-definitions",
  changed: "s3cret-changed-later",
  wrongAmqp: "s3cret-wrong-on-amqp",
  wrongHttp: "s3cret-wrong-on-http",
  startup: "s3cret-given-at-start",
};
const leaks = (text: string): string[] => Object.values(SECRETS).filter((s) => text.includes(s));

let broker: RunningBroker;
let dataDir = "";
let logFile = "";
const consoleOutput: string[] = [];

async function api(method: string, path: string, body?: unknown, auth = "guest:guest"): Promise<{ status: number; text: string }> {
  const r = await fetch(`http://127.0.0.1:${broker.httpPort}/api${path}`, {
    method,
    headers: { authorization: `Basic ${Buffer.from(auth).toString("base64")}`, "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: r.status, text: await r.text() };
}

const filesUnder = (dir: string): string[] =>
  readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? filesUnder(join(dir, n)) : [join(dir, n)]));

beforeAll(async () => {
  for (const level of ["log", "info", "warn", "error", "debug"] as const) {
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void consoleOutput.push(args.map(String).join(" ")));
  }
  dataDir = mkdtempSync(join(tmpdir(), "warren-secrets-"));
  logFile = join(dataDir, "node.log");
  broker = await startBroker({
    amqpPort: 0,
    httpPort: 0,
    dataDir,
    log: logFile,
    logLevel: "debug",
    users: [
      { name: "guest", password: "guest", tags: ["administrator"] },
      { name: "s-start", password: SECRETS.startup, tags: ["management"] },
    ],
  });
  expect((await api("PUT", "/users/s-http", { password: SECRETS.created, tags: "management" })).status).toBe(201);
  expect((await api("PUT", "/permissions/%2F/s-http", { configure: ".*", write: ".*", read: ".*" })).status).toBe(201);
  const defs = { users: [{ name: "s-defs", password: SECRETS.imported, tags: "" }] };
  expect((await api("POST", "/definitions", defs)).status).toBeLessThan(300);
  expect((await api("PUT", "/users/s-http", { password: SECRETS.changed, tags: "management" })).status).toBe(204);
  // failed logins, over both protocols
  await expect(amqp.connect(`amqp://s-http:${SECRETS.wrongAmqp}@127.0.0.1:${broker.amqpPort}`)).rejects.toThrow(/ACCESS_REFUSED/);
  expect((await api("GET", "/whoami", undefined, `s-http:${SECRETS.wrongHttp}`)).status).toBe(401);
  // and a successful one, so the connection shows in the API
  const c = await amqp.connect(`amqp://s-http:${SECRETS.changed}@127.0.0.1:${broker.amqpPort}`);
  await c.createChannel();
  afterAll(() => c.close());
});
afterAll(async () => {
  await broker?.close();
  vi.restoreAllMocks();
});

describe("passwords are never given back", () => {
  it("no GET route of the API answers with a password, only with password_hash where RabbitMQ shows it", async () => {
    const sub: Record<string, string> = { vhost: "%2F", user: "s-http", name: "s-http", node: encodeURIComponent(broker.nodeName) };
    let hashes = 0;
    for (const route of CONTROLLERS.flat().filter((r) => r.method === "GET")) {
      const path = route.path.replace(/:(\w+)/g, (_, k: string) => sub[k] ?? "none");
      const r = await api("GET", path);
      expect(leaks(r.text), path).toEqual([]);
      // the key "password" never appears; "password_hash" may (users, definitions), salted and hashed
      expect(r.text, path).not.toMatch(/"password"\s*:/);
      hashes += (r.text.match(/"password_hash":"[A-Za-z0-9+/=]+"/g) ?? []).length;
    }
    expect(hashes).toBeGreaterThan(0);
  });

  it("a stored password is RabbitMQ's salted SHA-256, not the text", async () => {
    const user = JSON.parse((await api("GET", "/users/s-http")).text) as { password_hash: string; hashing_algorithm: string };
    expect(user.hashing_algorithm).toBe("rabbit_password_hashing_sha256");
    const raw = Buffer.from(user.password_hash, "base64");
    const digest = crypto.createHash("sha256").update(raw.subarray(0, 4)).update(SECRETS.changed).digest();
    expect(raw.subarray(4)).toEqual(digest);
  });
});

describe("passwords are never written down", () => {
  it("not in the node's log (at debug level), not on the console, not in any file of the data directory", () => {
    expect(leaks(readFileSync(logFile, "utf8"))).toEqual([]);
    expect(leaks(consoleOutput.join("\n"))).toEqual([]);
    const files = filesUnder(dataDir).map((f) => [f, readFileSync(f).toString("latin1")] as const);
    for (const [f, text] of files) expect(leaks(text), f).toEqual([]);
    // the users are on disk (so the check above looked at them), as hashes
    expect(files.some(([, text]) => text.includes("s-http") && text.includes("s-defs"))).toBe(true);
  });
});

describe("passwords are compared in constant time", () => {
  const timingSafeEqual = vi.mocked(crypto.timingSafeEqual);

  it("on AMQP and HTTP logins, right or wrong, and for users that do not exist", async () => {
    const attempts: [string, () => Promise<unknown>][] = [
      ["AMQP, right password", async () => (await amqp.connect(`amqp://s-http:${SECRETS.changed}@127.0.0.1:${broker.amqpPort}`)).close()],
      ["AMQP, wrong password", () => amqp.connect(`amqp://s-http:nope@127.0.0.1:${broker.amqpPort}`).catch(() => {})],
      ["AMQP, unknown user", () => amqp.connect(`amqp://nobody:nope@127.0.0.1:${broker.amqpPort}`).catch(() => {})],
      ["HTTP, right password", () => api("GET", "/whoami", undefined, `s-http:${SECRETS.changed}`)],
      ["HTTP, wrong password", () => api("GET", "/whoami", undefined, "s-http:nope")],
      ["HTTP, unknown user", () => api("GET", "/whoami", undefined, "nobody:nope")],
    ];
    for (const [what, attempt] of attempts) {
      timingSafeEqual.mockClear();
      await attempt();
      expect(timingSafeEqual.mock.calls.length, what).toBe(1);
      const [a, b] = timingSafeEqual.mock.calls[0]!;
      // whole digests compared, never a prefix that could end early
      expect([a.byteLength, b.byteLength], what).toEqual([32, 32]);
    }
  });
});
