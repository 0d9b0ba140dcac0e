// Access Control section: banners, argument and column checks run in-process with --dry-run or failing
// validation (no node is contacted), then the HTTP mapping against a small fake management API.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { REGISTRY } from "../../../src/cli/registry.js";
import { runInProcess } from "../../helpers/run-cli.js";

// an unroutable target: a test that reached the network would fail instead of passing by accident
const env = { WARRENCTL_URL: "http://127.0.0.1:9" };
const run = (...args: string[]) => runInProcess(args, env);
const USAGE = "\u001b[1mUsage\u001b[0m\n\nwarrenctl [--node <node>] [--longnames] [--quiet] ";

describe("access control: banners (--dry-run prints the banner only)", () => {
  const cases: [string[], string][] = [
    [["clear_permissions", "bob"], 'Clearing permissions for user "bob" in vhost "/" ...'],
    [["clear_permissions", "-p", "demo", "bob"], 'Clearing permissions for user "bob" in vhost "demo" ...'],
    [["clear_topic_permissions", "bob"], 'Clearing topic permissions for user "bob" in vhost "/" ...'],
    [["clear_topic_permissions", "-p", "demo", "bob", "amq.topic"], 'Clearing topic permissions on "amq.topic" for user "bob" in vhost "demo" ...'],
    [["list_permissions"], 'Listing permissions for vhost "/" ...'],
    [["list_permissions", "--vhost", "demo"], 'Listing permissions for vhost "demo" ...'],
    [["list_topic_permissions", "-p", "demo"], 'Listing topic permissions for vhost "demo" ...'],
    [["list_user_permissions", "alice"], 'Listing permissions for user "alice" ...'],
    [["list_user_topic_permissions", "alice"], 'Listing topic permissions for user "alice" ...'],
    [["list_vhosts", "name", "tracing"], "Listing vhosts ..."],
    [["set_permissions", "-p", "demo", "bob", "^bob", ".*", ""], 'Setting permissions for user "bob" in vhost "demo" ...'],
    [["set_topic_permissions", "bob", "amq.topic", "^a", ".*"], 'Setting topic permissions on "amq.topic" for user "bob" in vhost "/" ...'],
  ];
  for (const [args, banner] of cases) {
    it(args.join(" "), async () => {
      expect(await run(...args, "--dry-run")).toEqual({ stdout: `${banner}\n`, stderr: "", code: 0 });
    });
  }
});

describe("access control: argument checks", () => {
  const arity: [string[], string, string][] = [
    [["clear_permissions"], "not enough arguments.", "clear_permissions [--vhost <vhost>] <username>"],
    [["clear_permissions", "a", "b"], "too many arguments.", "clear_permissions [--vhost <vhost>] <username>"],
    [["clear_topic_permissions", "a", "b", "c"], "too many arguments.", "clear_topic_permissions [--vhost <vhost>] <username> [<exchange>]"],
    [["list_permissions", "extra"], "too many arguments.", "list_permissions [--vhost <vhost>] [--no-table-headers] [--timeout <timeout>]"],
    [["list_topic_permissions", "extra"], "too many arguments.", "list_topic_permissions [--vhost <vhost>] [--no-table-headers] [--timeout <timeout>]"],
    [["list_user_permissions"], "not enough arguments.", "list_user_permissions [--no-table-headers] <username> [--timeout <timeout>]"],
    [["list_user_topic_permissions", "a", "b"], "too many arguments.", "list_user_topic_permissions [--no-table-headers] <username> [--timeout <timeout>]"],
    [["set_permissions", "-p", "v", "u", "c", "w"], "not enough arguments.", "set_permissions [--vhost <vhost>] <username> <conf> <write> <read>"],
    [["set_topic_permissions", "u", "x", "w", "r", "extra"], "too many arguments.", "set_topic_permissions [--vhost <vhost>] <username> <exchange> <write> <read>"],
  ];
  for (const [args, detail, usage] of arity) {
    it(`${args.join(" ")} → ${detail} (64)`, async () => {
      expect(await run(...args)).toEqual({
        stdout: "",
        stderr: `Error (argument validation): ${detail}\nArguments given:\n\t${args.join(" ")}\n\n${USAGE}${usage}\n`,
        code: 64,
      });
    });
  }

  it("list_vhosts offers rabbitmqctl's six info keys, name by default, and rejects others sorted", async () => {
    const cmd = REGISTRY.get("list_vhosts")!;
    expect([...cmd.columns!.allowed].sort()).toEqual(["cluster_state", "default_queue_type", "description", "name", "tags", "tracing"]);
    expect(cmd.columns!.defaults).toEqual(["name"]);
    const r = await run("list_vhosts", "name,zz", "bogus");
    expect(r.code).toBe(64);
    expect(r.stderr.split("\n")[0]).toBe("Error (argument validation): Info key(s) bogus,zz are not supported");
  });

  it("the list commands default to the table formatter; json rejects the table-only switches", async () => {
    for (const n of ["list_permissions", "list_topic_permissions", "list_user_permissions", "list_user_topic_permissions", "list_vhosts"]) {
      expect(REGISTRY.get(n)!.formatter).toBe("table");
    }
    const r = await run("list_permissions", "--formatter", "json", "--no-table-headers");
    expect(r.code).toBe(64);
    expect(r.stderr).toContain("Invalid options for this command:\n--no-table-headers : \n");
  });
});

// A fake management API: records requests, answers from a per-test function.
type Reply = { status: number; body?: unknown };
async function withApi(routes: (method: string, path: string, body: unknown) => Reply, args: string[]) {
  const seen: { method: string; path: string; body: unknown }[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const text = Buffer.concat(chunks).toString("utf8");
      const path = new URL(req.url ?? "/", "http://x").pathname;
      const body: unknown = text ? JSON.parse(text) : undefined;
      seen.push({ method: req.method ?? "", path, body });
      const r = routes(req.method ?? "", path, body);
      res.writeHead(r.status, { "content-type": "application/json" });
      res.end(r.body === undefined ? "" : JSON.stringify(r.body));
    });
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  try {
    const out = await runInProcess(args, { WARRENCTL_URL: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
    return { out, seen };
  } finally {
    await new Promise<void>((ok) => server.close(() => ok()));
  }
}

const NOT_FOUND: Reply = { status: 404, body: { error: "Object Not Found", reason: "Not Found" } };
const exists = (path: string): boolean => path === "/api/users/bob" || path === "/api/vhosts/demo";
const missing = (method: string, path: string): Reply => {
  if (method === "GET") return exists(path) ? { status: 200, body: { name: "x" } } : NOT_FOUND;
  if (method === "PUT") return { status: 400, body: { error: "bad_request", reason: "vhost_or_user_not_found" } };
  return NOT_FOUND;
};

describe("access control: requests and failures", () => {
  it("set_permissions PUTs the three patterns", async () => {
    const { out, seen } = await withApi(() => ({ status: 201 }), ["set_permissions", "-p", "demo", "bob", "^a", ".*", "", "-q"]);
    expect(out).toEqual({ stdout: "", stderr: "", code: 0 });
    expect(seen).toEqual([{ method: "PUT", path: "/api/permissions/demo/bob", body: { configure: "^a", write: ".*", read: "" } }]);
  });

  it("a missing user is named first (67), then a missing vhost (69); json prints one JSON line (69)", async () => {
    expect((await withApi(missing, ["set_permissions", "-p", "nosuch", "nouser", "a", "b", "c", "-q"])).out).toEqual({ stdout: "", stderr: "Error:\nUser nouser does not exist\n", code: 67 });
    expect((await withApi(missing, ["set_topic_permissions", "-p", "nosuch", "bob", "x", "b", "c", "-q"])).out).toEqual({ stdout: "", stderr: "Error:\nVirtual host nosuch does not exist\n", code: 69 });
    const json = await withApi(missing, ["clear_permissions", "-p", "demo", "nouser", "--formatter", "json"]);
    expect(json.out.code).toBe(69);
    expect(json.out.stderr).toMatch(/^\{"message":"User nouser does not exist","node":"rabbit@[^"]+","result":"error"\}\n$/);
  });

  it("clearing permissions that are not there succeeds when user and vhost exist", async () => {
    expect((await withApi(missing, ["clear_topic_permissions", "-p", "demo", "bob", "nosuchx", "-q"])).out).toEqual({ stdout: "", stderr: "", code: 0 });
  });

  it("an invalid regexp is printed as the server's error term", async () => {
    const bad = (reason: unknown) => () => ({ status: 400, body: { error: "bad_request", reason } });
    const charlist = await withApi(bad(["invalid_regexp", [40], [[109, 105, 115, 115, 105, 110, 103, 32, 41], 1]]), ["set_permissions", "bob", "(", ".*", ".*", "-q"]);
    expect(charlist.out).toEqual({ stdout: "", stderr: "Error:\n{:invalid_regexp, '(', {'missing )', 1}}\n", code: 69 });
    const binary = await withApi(bad(["invalid_regexp", "ü(", [[109, 105, 115, 115, 105, 110, 103, 32, 41], 3]]), ["set_topic_permissions", "bob", "x", "ü(", ".*", "--formatter", "json"]);
    expect(binary.out).toEqual({ stdout: "", stderr: 'Error:\n{:invalid_regexp, "ü(", {\'missing )\', 3}}\n', code: 69 });
  });

  it("list_permissions: a missing vhost is 65 without an Error: line; an empty list prints one empty line", async () => {
    expect((await withApi(() => NOT_FOUND, ["list_permissions", "-p", "nosuch"])).out).toEqual({
      stdout: 'Listing permissions for vhost "nosuch" ...\n', stderr: "Virtual host 'nosuch' does not exist\n", code: 65,
    });
    expect((await withApi(() => ({ status: 200, body: [] }), ["list_permissions", "-s"])).out.stdout).toBe("\n");
    expect((await withApi(() => ({ status: 200, body: [] }), ["list_permissions", "--formatter", "json"])).out.stdout).toBe("[]\n");
  });

  it("list_user_topic_permissions shows its header row only with --table-headers, as rabbitmqctl 3.10.8", async () => {
    const rows = () => ({ status: 200, body: [{ user: "bob", vhost: "demo", exchange: "amq.topic", write: "^a", read: "" }] });
    expect((await withApi(rows, ["list_user_topic_permissions", "bob", "-q"])).out.stdout).toBe("demo\tamq.topic\t^a\t\n");
    expect((await withApi(rows, ["list_user_topic_permissions", "bob", "-q", "--table-headers"])).out.stdout).toBe("vhost\texchange\twrite\tread\ndemo\tamq.topic\t^a\t\n");
    expect((await withApi(rows, ["list_user_topic_permissions", "bob", "--formatter", "csv"])).out.stdout).toBe('"vhost","exchange","write","read"\n"demo","amq.topic","^a",""\n');
  });

  it("list_user_permissions of a missing user passes the server's error term through (69)", async () => {
    expect((await withApi(() => NOT_FOUND, ["list_user_permissions", "nobody", "-q"])).out).toEqual({ stdout: "", stderr: 'Error:\n{:no_such_user, "nobody"}\n', code: 69 });
  });

  it("list_vhosts renders cluster_state as a list of tuples, and as an object in json", async () => {
    const vhosts = () => ({ status: 200, body: { items: [{ name: "/", tags: [], tracing: false, cluster_state: { "rabbit@vm": "running" }, default_queue_type: "undefined", description: "d" }], page: 1, page_count: 1 } });
    const cols = ["name", "description", "tags", "tracing", "cluster_state", "default_queue_type"];
    expect((await withApi(vhosts, ["list_vhosts", ...cols, "-s"])).out.stdout).toBe("/\td\t[]\tfalse\t[{rabbit@vm, running}]\tundefined\n");
    expect((await withApi(vhosts, ["list_vhosts", "name,cluster_state", "--formatter", "json"])).out.stdout).toBe('[\n{"name":"/","cluster_state":{"rabbit@vm":"running"}}\n]\n');
  });
});
