// Users section: banners, argument checks and error texts, run in-process with --dry-run or failing
// validation (no node is contacted), plus the definition checks of set_user_limits.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { parseUserLimits, emptyListCrash } from "../../../src/cli/commands/users/_limits.js";
import { exCharlist, exString } from "../../../src/cli/commands/users/_terms.js";
import { CommandError } from "../../../src/cli/errors.js";
import { main } from "../../../src/cli/pipeline.js";
import { REGISTRY } from "../../../src/cli/registry.js";
import { runInProcess } from "../../helpers/run-cli.js";

// an unroutable target: a test that reached the network would fail instead of passing by accident
const env = { WARRENCTL_URL: "http://127.0.0.1:9" };
const run = (...args: string[]) => runInProcess(args, env);
const USAGE = "\u001b[1mUsage\u001b[0m\n\nwarrenctl [--node <node>] [--longnames] [--quiet] ";

const usageError = (detail: string, given: string, usage: string): string =>
  `Error (argument validation): ${detail}\nArguments given:\n\t${given}\n\n${USAGE}${usage}\n`;

describe("users: banners (--dry-run prints the banner only)", () => {
  const cases: [string[], string][] = [
    [["add_user", "carol", "pw"], 'Adding user "carol" ...'],
    [["add_user", "carol"], 'Adding user "carol" ...'],
    [["authenticate_user", "bob", "pw"], 'Authenticating user "bob" ...'],
    [["change_password", "bob", "pw"], 'Changing password for user "bob" ...'],
    [["clear_password", "bob"], 'Clearing password for user "bob" ...'],
    [["clear_user_limits", "bob", "all"], 'Clearing all limits for user "bob" ...'],
    [["clear_user_limits", "bob", "max-channels"], 'Clearing "max-channels" limit for user "bob" ...'],
    [["delete_user", "dry"], 'Deleting user "dry" ...'],
    [["list_user_limits"], 'Listing limits for user "guest" ...'],
    [["list_user_limits", "--user", "bob"], 'Listing limits for user "bob" ...'],
    [["list_user_limits", "--global", "--user", "bob"], "Listing limits for all users ..."],
    [["set_user_limits", "bob", '{"max-connections": 5}'], 'Setting user limits to "{"max-connections": 5}" for user "bob" ...'],
    [["set_user_tags", "bob"], 'Setting tags for user "bob" to [] ...'],
    [["set_user_tags", "bob", "policymaker", "custom tag"], 'Setting tags for user "bob" to [policymaker, custom tag] ...'],
    [["list_users"], "Listing users ..."],
  ];
  for (const [args, banner] of cases) {
    it(args.join(" "), async () => {
      expect(await run(...args, "--dry-run")).toEqual({ stdout: `${banner}\n`, stderr: "", code: 0 });
    });
  }

  it("-q, -s and machine formatters print no banner, and --dry-run never prompts for a password", async () => {
    for (const flag of ["-q", "-s", "--formatter=json", "--formatter=csv"]) {
      expect(await run("add_user", "carol", flag, "--dry-run")).toEqual({ stdout: "", stderr: "", code: 0 });
    }
  });
});

describe("users: argument checks", () => {
  const arity: [string[], string, string][] = [
    [["add_user"], "not enough arguments.", "add_user <username> <password>"],
    [["authenticate_user"], "not enough arguments.", "authenticate_user <username> <password>"],
    [["change_password"], "not enough arguments.", "change_password <username> <password>"],
    [["clear_password", "a", "b"], "too many arguments.", "clear_password <username>"],
    [["clear_user_limits", "a"], "not enough arguments.", "clear_user_limits <username> <limit_type> | all"],
    [["clear_user_limits", "a", "b", "c"], "too many arguments.", "clear_user_limits <username> <limit_type> | all"],
    [["delete_user"], "not enough arguments.", "delete_user <username>"],
    [["list_user_limits", "extra"], "too many arguments.", "list_user_limits [--user <username>] [--global]"],
    [["set_user_limits", "a"], "not enough arguments.", "set_user_limits <username> <definition>"],
    [["set_user_tags"], "not enough arguments.", "set_user_tags <username> <tag> [...]"],
    [["list_users", "extra"], "too many arguments.", "list_users [--no-table-headers] [--timeout <timeout>]"],
  ];
  for (const [args, detail, usage] of arity) {
    it(`${args.join(" ")} → ${detail} (64)`, async () => {
      expect(await run(...args)).toEqual({ stdout: "", stderr: usageError(detail, args.join(" "), usage), code: 64 });
    });
  }

  it("passwords are redacted when the arguments are echoed", async () => {
    const r = await run("add_user", "a", "s3cret", "c");
    expect(r.code).toBe(64);
    expect(r.stderr).toBe(usageError("too many arguments.", "add_user a [redacted] c", "add_user <username> <password>"));
  });

  it("add_user refuses an empty user name with a password: usage layout, exit 65, no banner", async () => {
    const r = await run("add_user", "", "pw", "--formatter", "json");
    expect(r).toEqual({
      stdout: "",
      stderr: usageError("Bad argument: user cannot be an empty string", "add_user  [redacted] --formatter json", "add_user <username> <password>"),
      code: 65,
    });
  });

  it("password commands declare the password secret; list commands default to the table formatter", () => {
    for (const name of ["add_user", "change_password", "authenticate_user"]) expect(REGISTRY.get(name)!.secretArgs).toEqual([1]);
    for (const name of ["list_users", "list_user_limits"]) expect(REGISTRY.get(name)!.formatter).toBe("table");
  });

  it("list_user_limits takes --user and --global, and the table-only switches", async () => {
    expect((await run("list_user_limits", "--global", "--no-table-headers", "--dry-run")).code).toBe(0);
    const r = await run("list_user_limits", "--bogus");
    expect(r.code).toBe(64);
    expect(r.stderr).toContain("Invalid options for this command:\n--bogus : \n");
  });
});

describe("users: term texts", () => {
  it("inspects strings and charlists as Elixir does", () => {
    expect(exString('ü"x\ty')).toBe('"ü\\"x\\ty"');
    expect(exString("a#{b}")).toBe('"a\\#{b}"');
    expect(exString("\u0001")).toBe("<<1>>");
    expect(exCharlist([40])).toBe("'('");
    expect(exCharlist([97, 39, 98])).toBe("'a\\'b'");
    expect(exCharlist([195, 188, 40])).toBe("[195, 188, 40]");
  });
});

describe("set_user_limits: the definition is checked before anything is written", () => {
  const failure = (text: string): string => {
    try {
      parseUserLimits(text);
    } catch (e) {
      expect(e).toBeInstanceOf(CommandError);
      expect((e as CommandError).exitCode).toBe(69);
      return (e as CommandError).body as string;
    }
    throw new Error(`${text} was accepted`);
  };

  it("accepts integer limits, in key order", () => {
    expect(parseUserLimits('{"max-connections":4,"max-channels":11}')).toEqual([["max-channels", 11], ["max-connections", 4]]);
    expect(parseUserLimits("{}")).toEqual([]);
    expect(parseUserLimits('{"max-connections":-1}')).toEqual([["max-connections", -1]]);
    expect(parseUserLimits("[]")).toBe("empty-list");
  });

  it("words refusals as the server does", () => {
    expect(failure("{bad")).toBe("JSON decoding error. Reason: badarg");
    expect(failure('{"other":2,"bogus":1}')).toBe('Unrecognised terms [{<<"bogus">>,1},{<<"other">>,2}] in user-limits');
    expect(failure('{"max-connections":"ü"}')).toBe('max-connections should be a number, actually was <<"Ã¼">>');
    expect(failure('{"max-connections":1e3}')).toBe("max-connections should be a number, actually was 1.0e3");
    expect(failure('{"max-connections":1.0}')).toBe("max-connections should be a number, actually was 1.0");
    expect(failure('{"max-connections":{"a":1}}')).toBe('max-connections should be a number, actually was #{<<"a">> => 1}');
    expect(failure('{"max-connections":[1,"x",null]}')).toBe('max-connections should be a number, actually was [1,<<"x">>,null]');
    expect(failure('"str"')).toBe('user-limits not a list <<"str">>');
    expect(failure("null")).toBe("user-limits not a list null");
    expect(failure('[{"max-connections":1}]')).toBe('Unrecognised terms [#{<<"max-connections">> => 1}] in user-limits');
  });

  it("several problems come out as the server's case_clause crash", () => {
    expect(failure('{"max-connections":"x","bogus":1}')).toBe(
      "{{:case_clause, {:errors, [{'Unrecognised terms ~p in ~s', [[{\"bogus\", 1}], \"user-limits\"]}, " +
      "{'~s should be a number, actually was ~p', [\"max-connections\", \"x\"]}]}}, " +
      "[{:rabbit_auth_backend_internal, :validate_parameters_and_update_limit, 3, [file: 'rabbit_auth_backend_internal.erl', line: 868]}, " +
      "{:rabbit_auth_backend_internal, :set_user_limits, 3, []}]}",
    );
  });

  it("an empty array crashes with the user's current limits", () => {
    expect(emptyListCrash({ "max-connections": 4 }).body).toMatch(/^\{\{:badmap, \[\]\}, \[\{:maps, :merge, \[%\{"max-connections" => 4\}, \[\]\]/);
  });
});

// A fake management API: records each request and answers from a per-test table.
interface Seen { method: string; path: string; accept: string | undefined; auth: string; body: unknown }
type Reply = { status: number; body?: unknown };

async function fakeApi(routes: (method: string, path: string) => Reply): Promise<{ url: string; seen: Seen[]; close(): Promise<void> }> {
  const seen: Seen[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const text = Buffer.concat(chunks).toString("utf8");
      const path = new URL(req.url ?? "/", "http://x").pathname;
      const auth = Buffer.from((req.headers.authorization ?? "").replace(/^Basic /, ""), "base64").toString("utf8");
      seen.push({ method: req.method ?? "", path, accept: req.headers.accept, auth, body: text ? JSON.parse(text) : undefined });
      const r = routes(req.method ?? "", path);
      res.writeHead(r.status, { "content-type": "application/json" });
      res.end(r.body === undefined ? "" : JSON.stringify(r.body));
    });
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, seen, close: () => new Promise<void>((ok) => server.close(() => ok())) };
}

const BOB = { name: "bob", password_hash: "HASH", hashing_algorithm: "rabbit_password_hashing_sha256", tags: ["a,b", "x"], limits: { "max-channels": 3 } };
const users = (method: string, path: string): Reply => {
  if (path === "/api/users/bob" && method === "GET") return { status: 200, body: BOB };
  if (path.startsWith("/api/users/") && method !== "PUT") return { status: 404, body: { error: "Object Not Found", reason: "Not Found" } };
  if (path === "/api/whoami") return { status: 401, body: { error: "not_authorised", reason: "Not management user" } };
  return { status: 204 };
};

async function withApi(args: string[], stdin?: string): Promise<{ out: { stdout: string; stderr: string; code: number }; seen: Seen[] }> {
  const api = await fakeApi(users);
  try {
    let stdout = "";
    let stderr = "";
    const code = await main(args, {
      stdout: { write: (s: string) => (stdout += s) },
      stderr: { write: (s: string) => (stderr += s) },
      ...(stdin !== undefined ? { stdin: Readable.from([Buffer.from(stdin)]) } : {}),
      env: { WARRENCTL_URL: api.url },
    });
    return { out: { stdout, stderr, code }, seen: api.seen.filter((s) => s.method !== "GET" || s.path !== "/api/overview") };
  } finally {
    await api.close();
  }
}

describe("users: requests to the management API", () => {
  it("set_user_tags reads the user, then writes it back whole with the kept hash and the new tags", async () => {
    const { out, seen } = await withApi(["set_user_tags", "bob", "policymaker", "c d", "-q"]);
    expect(out).toEqual({ stdout: "", stderr: "", code: 0 });
    expect(seen.map((s) => `${s.method} ${s.path}`)).toEqual(["GET /api/users/bob", "PUT /api/users/bob"]);
    expect(seen[1]!.body).toEqual({ password_hash: "HASH", hashing_algorithm: "rabbit_password_hashing_sha256", tags: ["policymaker", "c d"] });
  });

  it("change_password sends the new password with the existing tags; clear_password an empty hash", async () => {
    expect((await withApi(["change_password", "bob", "new"])).seen[1]!.body).toEqual({ password: "new", tags: ["a,b", "x"] });
    expect((await withApi(["clear_password", "bob"])).seen[1]!.body).toEqual({ password_hash: "", hashing_algorithm: "rabbit_password_hashing_sha256", tags: ["a,b", "x"] });
  });

  it("a missing user: 67 with rabbitmqctl's text, or a JSON line with json (exit 69)", async () => {
    expect((await withApi(["set_user_tags", "nobody", "x", "-q"])).out).toEqual({ stdout: "", stderr: 'Error:\nUser "nobody" does not exist\n', code: 67 });
    const json = await withApi(["delete_user", "nobody", "--formatter", "json"]);
    expect(json.out.code).toBe(69);
    expect(json.out.stderr).toMatch(/^\{"message":"User nobody does not exists","node":"rabbit@[^"]+","result":"error"\}\n$/);
    expect((await withApi(["clear_password", "nobody"])).out.stderr).toBe('Error:\n{:no_such_user, "nobody"}\n');
  });

  it("add_user without a password prompts, reads one trimmed line of stdin, then creates the user", async () => {
    const { out, seen } = await withApi(["add_user", "carol"], "  s3cret \nmore\n");
    expect(out.stdout).toBe('Adding user "carol" ...\nPassword: \nDone. Don\'t forget to grant the user permissions to some virtual hosts! See \'warrenctl help set_permissions\' to learn more.\n');
    expect(seen.at(-1)).toMatchObject({ method: "PUT", path: "/api/users/carol", body: { password: "s3cret", tags: [] } });
  });

  it("add_user with nothing on stdin fails (65) without creating anything", async () => {
    const { out, seen } = await withApi(["add_user", "carol"], "");
    expect(out).toEqual({ stdout: 'Adding user "carol" ...\nPassword: \n', stderr: "Error:\nPassword is not provided via argument or stdin\n", code: 65 });
    expect(seen.filter((s) => s.method !== "GET")).toEqual([]);
  });

  it("add_user refuses an existing user: 70, or a JSON line with json", async () => {
    expect((await withApi(["add_user", "bob", "pw", "-q"])).out).toEqual({ stdout: "", stderr: 'Error:\nUser "bob" already exists\n', code: 70 });
    expect((await withApi(["add_user", "bob", "pw", "--formatter", "json"])).out.stderr).toMatch(/^\{"message":"User bob already exists",/);
  });

  it("authenticate_user asks /api/whoami with the user's own credentials; 'Not management user' still means the password is right", async () => {
    const { out, seen } = await withApi(["authenticate_user", "bob", "pw", "-q"]);
    expect(out).toEqual({ stdout: "Success\n", stderr: "", code: 0 });
    expect(seen.at(-1)).toMatchObject({ path: "/api/whoami", auth: "bob:pw" });
    expect((await withApi(["authenticate_user", "bob", "pw", "--formatter", "csv"])).out).toEqual({
      stdout: '"message"\n"Success"\n', stderr: "", code: 0,
    });
  });

  it("authenticate_user refuses a blank password without asking the node", async () => {
    const { out, seen } = await withApi(["authenticate_user", "bob", "", "-q"]);
    expect(out.code).toBe(65);
    expect(out.stderr).toMatch(/^Error:\nError: failed to authenticate user "bob"\nuser 'bob' attempted to log in with a blank password/);
    expect(seen.filter((s) => s.path === "/api/whoami")).toEqual([]);
  });

  it("user-limits writes and deletes do not ask for JSON back (RabbitMQ 3.10 answers 406 to that)", async () => {
    const set = await withApi(["set_user_limits", "bob", '{"max-connections":5,"max-channels":2}']);
    expect(set.seen.filter((s) => s.method === "PUT").map((s) => [s.path, s.accept, s.body])).toEqual([
      ["/api/user-limits/bob/max-channels", "*/*", { value: 2 }],
      ["/api/user-limits/bob/max-connections", "*/*", { value: 5 }],
    ]);
    const clear = await withApi(["clear_user_limits", "bob", "all"]);
    expect(clear.seen.filter((s) => s.method === "DELETE").map((s) => [s.path, s.accept])).toEqual([["/api/user-limits/bob/max-channels", "*/*"]]);
  });

  it("list_user_limits prints one user's limits as a JSON sentence, even with -q", async () => {
    expect((await withApi(["list_user_limits", "--user", "bob", "-q"])).out).toEqual({ stdout: '{"max-channels":3}\n', stderr: "", code: 0 });
  });
});
