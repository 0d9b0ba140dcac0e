// warrenctl under malformed invocations and failing nodes: every usage error exits 64 with rabbitmqctl's usage text and
// sends nothing (a local HTTP server records any request); an unreachable node, a refused connection, a TLS failure,
// refused credentials and a node that never answers each give one clear line and rabbitmqctl's exit code, no stack trace.
import { readFileSync } from "node:fs";
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import { mkdtempSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { usageLine } from "../../../src/cli/help.js";
import { ALL_COMMANDS } from "../../../src/cli/registry.js";
import { type Run, runInProcess } from "../../helpers/run-cli.js";

const FIXTURES = join(import.meta.dirname, "fixtures");
const CERT = join(FIXTURES, "self-signed.crt");
// no config file of the person running the tests may leak in
const HOME = mkdtempSync(join(tmpdir(), "warrenctl-home-"));
const BASE_ENV = { HOME, XDG_CONFIG_HOME: join(HOME, ".config"), NO_COLOR: "1", WARRENCTL_URL: undefined, WARRENCTL_NODE: undefined, WARRENCTL_USERNAME: undefined, WARRENCTL_PASSWORD: undefined };

type Handler = (req: IncomingMessage, res: ServerResponse) => void;
const requests: string[] = [];
let answer: Handler = (_req, res) => res.writeHead(500).end();
let http: Server;
let https: Server;

const listen = (s: Server): Promise<number> => new Promise((r) => s.listen(0, "127.0.0.1", () => r((s.address() as AddressInfo).port)));
const record: Handler = (req, res) => {
  requests.push(`${req.method} ${req.url}`);
  answer(req, res);
};

beforeAll(async () => {
  http = createHttpServer(record);
  https = createHttpsServer({ cert: readFileSync(CERT), key: readFileSync(join(FIXTURES, "self-signed.key")) }, record);
  await Promise.all([listen(http), listen(https)]);
});
afterAll(() => {
  http.closeAllConnections();
  https.closeAllConnections();
  http.close();
  https.close();
});

const urlOf = (s: Server, scheme = "http"): string => `${scheme}://127.0.0.1:${(s.address() as AddressInfo).port}`;
const run = (args: readonly string[], env: Record<string, string | undefined> = {}): Promise<Run> =>
  runInProcess(args, { ...BASE_ENV, WARRENCTL_URL: urlOf(http), ...env });

/** One clear line (or rabbitmqctl's "Error:" heading and one line), nothing that looks like a stack trace. */
function expectOneClearFailure(r: Run, code: number, line: RegExp): void {
  expect(r.code, r.stderr).toBe(code);
  expect(r.stderr).not.toMatch(/^\s+at |node:internal|\bError: Error\b/m);
  const lines = r.stderr.trimEnd().split("\n").filter((l) => l !== "Error:");
  expect(lines, r.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(line);
}

/** Positional arguments a command's usage says are required: <x> outside any [...] or (a | b) choice. */
const requiredArgs = (usage: string): number => (usage.replace(/\[[^\]]*\]/g, "").replace(/\([^)]*\|[^)]*\)/g, "").match(/<[^>]+>/g) ?? []).length;

/**
 * Invocations that look malformed but are not to rabbitmqctl either: tags are variadic, trace_on/trace_off drop their
 * positional arguments before validating them, eval takes an expression, rename_cluster_node fails with 65.
 */
const TAKES_EXTRA = new Set(["set_user_tags", "set_vhost_tags", "trace_on", "trace_off", "eval", "rename_cluster_node"]);

describe("malformed invocations: exit 64, rabbitmqctl's usage text, and not one request", () => {
  it.each(ALL_COMMANDS.map((c) => [c.name, c] as const))("%s", async (_name, cmd) => {
    requests.length = 0;
    const usage = usageLine(cmd, "warrenctl");
    const unknown = await run([cmd.name, "--hostile-no-such-switch"]);
    expect(unknown.code, unknown.stderr).toBe(64);
    expect(unknown.stderr).toContain("Error (argument validation): Invalid options for this command:\n--hostile-no-such-switch : ");
    expect(unknown.stderr).toContain(`Usage\n\n${usage}\n`);
    if (!TAKES_EXTRA.has(cmd.name)) {
      const extra = await run([cmd.name, ...Array.from({ length: 9 }, (_, i) => `hostile-extra-${i}`)]);
      expect(extra.code, extra.stderr).toBe(64);
      expect(extra.stderr).toMatch(/^Error \(argument validation\): /);
      expect(extra.stderr).toContain(`Usage\n\n${usage}\n`);
    }
    if (requiredArgs(cmd.usage) > 0 && cmd.name !== "import_definitions" && cmd.name !== "eval") {
      const none = await run([cmd.name]);
      expect(none.code, none.stderr).toBe(64);
      expect(none.stderr).toContain(`Usage\n\n${usage}\n`);
    }
    expect(requests).toEqual([]);
  });

  it("no command, an unknown command, an unknown formatter: 64 and nothing sent", async () => {
    requests.length = 0;
    expect((await run([])).code).toBe(64);
    expect(await run(["list_queue"])).toMatchObject({ code: 64, stderr: "\nCommand 'list_queue' not found. \nDid you mean 'list_queues'? \n\n" });
    expect(await run(["list_queues", "--formatter", "yaml"])).toMatchObject({ code: 64, stderr: expect.stringMatching(/^Error: unknown formatter 'yaml'/) });
    expect(requests).toEqual([]);
  });

  it("a password given on the command line is not echoed back in a usage error", async () => {
    const r = await run(["add_user", "hostile-user", "s3cret-on-argv", "one-too-many"]);
    expect(r.code).toBe(64);
    expect(r.stderr).not.toContain("s3cret-on-argv");
    const p = await run(["list_vhosts", "--hostile-no-such-switch", "-p", "/", "--password", "s3cret-flag"]);
    expect(p.code).toBe(64);
    expect(p.stderr).not.toContain("s3cret-flag");
  });
});

describe("failing nodes: one clear line and rabbitmqctl's exit code", () => {
  it("a refused connection is 69", async () => {
    const closed = createHttpServer();
    const port = await listen(closed);
    await new Promise((r) => closed.close(r));
    expectOneClearFailure(await run(["list_vhosts"], { WARRENCTL_URL: `http://127.0.0.1:${port}` }), 69, /^Error: unable to perform an operation on node '.+': its management API at http:\/\/127\.0\.0\.1:\d+ is unreachable: connection refused$/);
  });

  it("a host that does not resolve is 69", async () => {
    expectOneClearFailure(await run(["list_vhosts", "--timeout", "20"], { WARRENCTL_URL: "http://hostile-no-such-host.invalid:15672" }), 69, /is unreachable: host hostile-no-such-host\.invalid not found \(nxdomain\)$/);
  });

  it("https to a plain HTTP port is a TLS failure, 69", async () => {
    expectOneClearFailure(await run(["list_vhosts"], { WARRENCTL_URL: urlOf(http, "https") }), 69, /is unreachable: TLS failure: the server did not answer in TLS; is that port plain HTTP\?$/);
  });

  it("a self-signed certificate without --cacert is a TLS failure, 69; with --cacert or --insecure it works", async () => {
    answer = (_req, res) => res.writeHead(200, { "content-type": "application/json" }).end("[]");
    try {
      const env = { WARRENCTL_URL: urlOf(https, "https") };
      expectOneClearFailure(await run(["list_vhosts"], env), 69, /is unreachable: TLS failure: self[- ]signed certificate \(use --cacert or --insecure\)$/);
      expect(await run(["list_vhosts", "-q", "--cacert", CERT], env)).toMatchObject({ code: 0, stderr: "" });
      expect(await run(["list_vhosts", "-q", "--insecure"], env)).toMatchObject({ code: 0, stderr: "" });
    } finally {
      answer = (_req, res) => res.writeHead(500).end();
    }
  });

  it("refused credentials (401) are 77, saying which settings to check", async () => {
    answer = (_req, res) => res.writeHead(401, { "content-type": "application/json" }).end('{"error":"not_authorized","reason":"Login failed"}');
    try {
      expectOneClearFailure(await run(["list_vhosts", "--username", "someone", "--password", "s3cret-refused"]), 77, /^Error: the management API refused the credentials for this operation \(HTTP 401: Login failed\)\. Check --username\/--password/);
      expect((await run(["list_vhosts", "--username", "someone", "--password", "s3cret-refused"])).stderr).not.toContain("s3cret-refused");
    } finally {
      answer = (_req, res) => res.writeHead(500).end();
    }
  });

  it("a node that accepts the request and never answers is 75 once --timeout passes", async () => {
    answer = () => {};
    try {
      const t0 = Date.now();
      expectOneClearFailure(await run(["list_vhosts", "--timeout", "1"]), 75, /^Error: operation list_vhosts on node .+ timed out\. Timeout value used: 1000$/);
      expect(Date.now() - t0).toBeLessThan(5000);
    } finally {
      http.closeAllConnections();
      answer = (_req, res) => res.writeHead(500).end();
    }
  });

  it("a connection cut mid-answer, or an answer that is not JSON, fails cleanly too", async () => {
    answer = (req) => req.socket.destroy();
    try {
      expectOneClearFailure(await run(["list_vhosts"]), 69, /is unreachable: (connection reset by peer|socket hang up)$/);
      answer = (_req, res) => res.writeHead(200, { "content-type": "text/html" }).end("<html>not the API</html>");
      const garbage = await run(["list_vhosts", "-q"]);
      expect(garbage.code).not.toBe(0);
      expect(garbage.stderr).not.toMatch(/^\s+at |node:internal/m);
      expect(garbage.stderr.trimEnd().split("\n").length).toBeLessThanOrEqual(2);
    } finally {
      answer = (_req, res) => res.writeHead(500).end();
    }
  });
});
