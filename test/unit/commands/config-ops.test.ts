// help, configuration, definitions, feature flags and operations commands, run in-process against a tiny fake
// management API on port 0 (--url): argument checks before any request, banners, request bodies of the warren
// extensions, refusal (exit 69, nothing changed) when the node lacks an extension, encode/decode round trips.
import { createServer, type IncomingMessage, type Server } from "node:http";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { resetExtensionCache } from "../../../src/api/extensions.js";
import { evaluate } from "../../../src/cli/commands/configuration/_erlang-parse.js";
import { floatText, printTerm } from "../../../src/cli/commands/configuration/_erlang-print.js";
import { prettyTerm } from "../../../src/cli/commands/configuration/_erlang-pretty.js";
import { binaryToTerm, termToBinary } from "../../../src/cli/commands/configuration/_etf.js";
import { helpParts } from "../../../src/cli/commands/help/help.js";
import { generalHelp } from "../../../src/cli/help.js";
import { ALL_COMMANDS, REGISTRY } from "../../../src/cli/registry.js";
import type { Opts } from "../../../src/cli/types.js";
import { runInProcess } from "../../helpers/run-cli.js";

interface Seen { method: string; url: string; body: string; headers: IncomingMessage["headers"] }
type Reply = { status: number; body?: unknown; text?: string };

let server: Server;
let url = "";
const seen: Seen[] = [];
let routes: Record<string, (s: Seen) => Reply> = {};

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const s: Seen = { method: req.method!, url: req.url!, body: Buffer.concat(chunks).toString("utf8"), headers: req.headers };
      seen.push(s);
      const path = req.url!.split("?")[0]!;
      const r = routes[`${req.method} ${path}`]?.(s) ?? { status: 404, body: { error: "Object Not Found", reason: "Not Found" } };
      res.writeHead(r.status, { "content-type": "application/json" });
      res.end(r.text ?? (r.body === undefined ? "" : JSON.stringify(r.body)));
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));
beforeEach(() => {
  seen.length = 0;
  routes = {};
  resetExtensionCache();
});

const run = (...args: string[]) => runInProcess(["-n", "rabbit@fake", "--url", url, ...args], { NO_COLOR: "1" });
const mutating = () => seen.filter((s) => s.method !== "GET");
const offer = (...names: string[]) => {
  routes["GET /api/warren/extensions"] = () => ({ status: 200, body: names.map((name) => ({ name })) });
  for (const n of names) routes[`POST /api/warren/extensions/${n}`] = () => ({ status: 200, body: { result: "ok" } });
};

describe("argument checks happen before any request", () => {
  const cases: [string[], number, string][] = [
    [["set_disk_free_limit", "abc"], 65, "Error (argument validation): Bad argument.\n"],
    [["set_disk_free_limit", " 5"], 65, "Error (argument validation): Bad argument.\n"],
    [["set_disk_free_limit", "10XB"], 65, "Error (argument validation): Bad argument.\n"],
    [["set_disk_free_limit", "mem_relative", "-1"], 65, "Error (argument validation): Bad argument.\n"],
    [["set_disk_free_limit", "mem_relative"], 64, "Error (argument validation): not enough arguments.\n"],
    [["set_disk_free_limit", "1GB", "x"], 64, "Error (argument validation): too many arguments.\n"],
    [["set_vm_memory_high_watermark", "1.5"], 65, "Error (argument validation): Bad argument: The threshold should be a fraction between 0.0 and 1.0\n"],
    [["set_vm_memory_high_watermark", "absolute", "10XB"], 65, "Error (argument validation): Bad argument: Invalid units.\n"],
    [["set_vm_memory_high_watermark", "absolute", "1.5GB"], 65, "Error (argument validation): Bad argument: The threshold should be an integer.\n"],
    [["set_vm_memory_high_watermark", "abc"], 65, "Error (argument validation): Bad argument.\n"],
    [["set_vm_memory_high_watermark", "foo", "1"], 64, "Error (argument validation): too many arguments.\n"],
    [["set_log_level"], 64, "Error (argument validation): not enough arguments.\n"],
    [["set_cluster_name", "a", "b"], 64, "Error (argument validation): too many arguments.\n"],
    [["encode", "x", "pp", "--cipher", "bogus"], 65, "Error (argument validation): Bad argument: The requested cipher is not supported.\n"],
    [["encode", "x", "pp", "--iterations", "0"], 65, "Error (argument validation): Bad argument: The requested number of iterations is incorrect\n"],
    [["decode"], 64, "Error (argument validation): not enough arguments: Please provide a value to decode and a passphrase\n"],
    [["decode", "x", "pp", "--hash", "md4"], 65, "Error (argument validation): Bad argument: The requested hash is not supported\n"],
    [["export_definitions", "-", "--format", "xml"], 65, "Error (argument validation): Bad argument: Format should be either json or erlang\n"],
    [["export_definitions", "/nonexistent-dir/x.json"], 65, "Error (argument validation): Bad argument: Directory /nonexistent-dir does not exist\n"],
    [["import_definitions", "/nonexistent-file.json"], 65, "Error (argument validation): Bad argument: File /nonexistent-file.json does not exist\n"],
    [["enable_feature_flag", ""], 65, "Error (argument validation): Bad argument: feature_flag cannot be an empty string.\n"],
    [["list_feature_flags", "bogus"], 64, "Error (argument validation): Info key(s) bogus are not supported\n"],
    [["close_all_connections"], 64, "Error (argument validation): not enough arguments.\n"],
    [["close_connection", "a"], 64, "Error (argument validation): not enough arguments.\n"],
    [["eval", ""], 64, 'Error (argument validation): "Expression must not be blank"\n'],
    [["eval_file", "/nonexistent.erl"], 64, 'Error (argument validation): "File /nonexistent.erl does not exist"\n'],
    [["exec", "a", "b"], 64, "Error (argument validation): too many arguments.\n"],
    [["help", "a", "b"], 64, "Error (argument validation): too many arguments.\n"],
    [["autocomplete"], 64, "Error (argument validation): not enough arguments.\n"],
  ];
  for (const [args, code, first] of cases) {
    it(`${args.join(" ")} -> ${code}`, async () => {
      const r = await run(...args);
      expect(r.code).toBe(code);
      expect(r.stdout).toBe("");
      expect(r.stderr.startsWith(first)).toBe(true);
      expect(seen).toEqual([]);
    });
  }

  it("an unknown log level fails as rabbitmqctl's validation does: Error:, exit 69, no banner, no request", async () => {
    offer("set_log_level");
    const r = await run("set_log_level", "bogus");
    expect(r).toEqual({ code: 69, stdout: "", stderr: "Error:\nlevel bogus is not supported. Try one of debug, info, warning, error, critical, none\n" });
    expect(seen).toEqual([]);
  });

  it("the passphrase is never echoed in a usage error", async () => {
    const r = await run("decode", "x", "s3cret", "extra");
    expect(r.stderr).toContain(" decode x [redacted] extra\n");
    expect(r.stderr).not.toContain("s3cret");
  });
});

describe("banners", () => {
  const opts = { node: "rabbit@fake", vhost: "/", limit: 0, global: false, format: "json" } as unknown as Opts;
  const cases: [string, string[], Partial<Opts>, string][] = [
    ["set_disk_free_limit", ["1GB"], {}, "Setting disk free limit on rabbit@fake to 1GB bytes ..."],
    ["set_disk_free_limit", ["mem_relative", "1.5"], {}, "Setting disk free limit on rabbit@fake to 1.5 times the total RAM ..."],
    ["set_vm_memory_high_watermark", ["0.4"], {}, "Setting memory threshold on rabbit@fake to 0.4 ..."],
    ["set_vm_memory_high_watermark", ["absolute", "2GB"], {}, "Setting memory threshold on rabbit@fake to 2GB bytes ..."],
    ["set_log_level", ["debug"], {}, 'Setting log level to "debug" ...'],
    ["set_cluster_name", ["c1"], {}, "Setting cluster name to c1 ..."],
    ["environment", [], {}, "Application environment of node rabbit@fake ..."],
    ["encode", ["a", "b"], {}, "Encrypting value ..."],
    ["decode", ["a", "b"], {}, "Decrypting value..."],
    ["export_definitions", ["/tmp/d.json"], {}, 'Exporting definitions in JSON to a file at "/tmp/d.json" ...'],
    ["import_definitions", ["/tmp/d.json"], { format: "erlang" }, 'Importing definitions in Erlang term format from a file at "/tmp/d.json" ...'],
    ["import_definitions", [], {}, "Importing definitions in JSON from standard input ..."],
    ["enable_feature_flag", ["all"], {}, "Enabling all feature flags ..."],
    ["enable_feature_flag", ["quorum_queue"], {}, 'Enabling feature flag "quorum_queue" ...'],
    ["list_feature_flags", [], {}, "Listing feature flags ..."],
    ["close_all_connections", ["bye"], {}, "Closing all connections in vhost /, reason: bye..."],
    ["close_all_connections", ["bye"], { limit: 3, vhost: "v" }, "Closing 3 connections in vhost v, reason: bye..."],
    ["close_all_connections", ["bye"], { global: true }, "Closing all connections to node rabbit@fake (across all vhosts), reason: bye..."],
    ["close_all_user_connections", ["u", "bye"], {}, "Closing connections of user u, reason: bye..."],
    ["close_connection", ["c 1", "bye"], {}, "Closing connection c 1, reason: bye..."],
    ["force_gc", [], {}, "Will ask all processes on node rabbit@fake to schedule a full sweep GC"],
    ["suspend_listeners", [], {}, "Will suspend client connection listeners on node rabbit@fake. The node will no longer accept client connections!"],
    ["resume_listeners", [], {}, "Will resume client connection listeners on node rabbit@fake. The node will now accept client connections"],
  ];
  for (const [name, args, extra, text] of cases) {
    it(`${name} ${args.join(" ")}`, () => expect(REGISTRY.get(name)!.banner!(args, { ...opts, ...extra } as Opts)).toBe(text));
  }
  for (const name of ["help", "autocomplete", "eval", "eval_file", "exec"]) {
    it(`${name} has none`, () => expect(REGISTRY.get(name)!.banner?.(["x"], opts)).toBeUndefined());
  }
});

describe("extension commands", () => {
  const commands: [string[], string, unknown][] = [
    [["environment"], "environment", {}],
    [["set_disk_free_limit", "1GB"], "set_disk_free_limit", { limit: 1e9 }],
    [["set_disk_free_limit", "2G"], "set_disk_free_limit", { limit: 2 * 2 ** 30 }],
    [["set_disk_free_limit", "-5"], "set_disk_free_limit", { limit: -5 }],
    [["set_disk_free_limit", "mem_relative", "1.5"], "set_disk_free_limit", { mem_relative: 1.5 }],
    [["set_vm_memory_high_watermark", "0.4"], "set_vm_memory_high_watermark", { fraction: 0.4 }],
    [["set_vm_memory_high_watermark", "absolute", "3MiB"], "set_vm_memory_high_watermark", { absolute: 3 * 2 ** 20 }],
    [["set_log_level", "debug"], "set_log_level", { level: "debug" }],
    [["force_gc"], "force_gc", {}],
    [["suspend_listeners"], "suspend_listeners", {}],
    [["resume_listeners"], "resume_listeners", {}],
  ];
  for (const [args, ext, body] of commands) {
    it(`${args.join(" ")}: refused with exit 69 and nothing changed when the node lacks ${ext}`, async () => {
      const r = await run(...args);
      expect(r.code).toBe(69);
      expect(r.stdout).toBe("");
      expect(r.stderr).toBe(`Error: ${args[0]} is not available on node rabbit@fake: its management HTTP API does not offer this operation (RabbitMQ performs it over Erlang distribution only; warren-server offers it as an extension). Nothing was changed.\n`);
      expect(mutating()).toEqual([]);
    });
    it(`${args.join(" ")}: POST /api/warren/extensions/${ext} ${JSON.stringify(body)}`, async () => {
      offer(ext);
      if (ext === "environment") routes[`POST /api/warren/extensions/${ext}`] = () => ({ status: 200, body: { result: "ok", environment: { app: { k: 1 } } } });
      const r = await run(...args);
      expect(r.code).toBe(0);
      const posts = mutating();
      expect(posts.map((s) => s.url)).toEqual([`/api/warren/extensions/${ext}`]);
      expect(JSON.parse(posts[0]!.body)).toEqual(body);
    });
  }

  it("an error reply is printed as rabbitmqctl prints the node's error, with its exit code", async () => {
    offer("set_log_level");
    routes["POST /api/warren/extensions/set_log_level"] = () => ({ status: 200, body: { result: "error", exit_code: 70, error: "level debug is not supported. Try one of debug, info, warning, error, critical, none" } });
    const r = await run("set_log_level", "debug");
    expect(r).toEqual({ code: 70, stdout: 'Setting log level to "debug" ...\n', stderr: "Error:\nlevel debug is not supported. Try one of debug, info, warning, error, critical, none\n" });
  });

  it("environment prints the node's pre-rendered erlang text, or the JSON environment for --formatter json", async () => {
    offer("environment");
    routes["POST /api/warren/extensions/environment"] = () => ({ status: 200, body: { result: "ok", environment: { rabbit: { heartbeat: 60 } }, erlang: "[{rabbit,[{heartbeat,60}]}]" } });
    expect((await run("environment")).stdout).toBe("Application environment of node rabbit@fake ...\n[{rabbit,[{heartbeat,60}]}]\n");
    resetExtensionCache();
    expect((await run("environment", "--formatter", "json")).stdout).toBe('{"rabbit":{"heartbeat":60}}\n');
  });
});

describe("encode and decode", () => {
  const lastLine = (s: string) => s.trimEnd().split("\n").at(-1)!;

  it("decodes a value rabbitmqctl 3.10.8 encoded (defaults aes_128_cbc, sha256, 1 iteration)", async () => {
    const r = await run("decode", '{encrypted,<<"tY/rNG7zFZtIPw02Qm/g8N/gLNBMwM3tGGrXeAdvsA35QPp+CK2WGsZpEHhgULxr">>}', "mypassphrase");
    expect(r).toEqual({ code: 0, stdout: 'Decrypting value...\n<<"guest">>\n', stderr: "" });
    expect(seen).toEqual([]);
  });

  for (const value of ['<<"guest">>', '"guest"', "guest", '{a,[1,2.5,"x"],#{k => <<1,2>>}}', "12345678901234567890", "'Quoted atom'", "1000.0"]) {
    it(`round trip of ${value}`, async () => {
      const enc = await run("encode", value, "pp", "-q");
      expect(enc.code).toBe(0);
      expect(lastLine(enc.stdout)).toMatch(/^\{encrypted,<<"[A-Za-z0-9+/=]+">>\}$/);
      const dec = await run("decode", lastLine(enc.stdout), "pp", "-q");
      expect(dec).toEqual({ code: 0, stdout: `${printTerm(evaluate(value))}\n`, stderr: "" });
    });
  }

  it("round trip with --cipher/--hash/--iterations; other settings fail to decrypt", async () => {
    const flags = ["--cipher", "aes_256_cbc", "--hash", "sha512", "--iterations", "1000"];
    const enc = await run("encode", '<<"s3cret">>', "pp", ...flags, "-q");
    expect((await run("decode", lastLine(enc.stdout), "pp", ...flags, "-q")).stdout).toBe('<<"s3cret">>\n');
    const wrong = await run("decode", lastLine(enc.stdout), "pp", "-q");
    expect(wrong).toEqual({ code: 69, stdout: "", stderr: "Error:\nFailed to decrypt the value. Things to check: is the passphrase correct? Are the cipher and hash algorithms the same as those used for encryption?\n" });
  });

  it("json formatter output", async () => {
    const r = await run("decode", '{encrypted,<<"tY/rNG7zFZtIPw02Qm/g8N/gLNBMwM3tGGrXeAdvsA35QPp+CK2WGsZpEHhgULxr">>}', "mypassphrase", "--formatter", "json");
    expect(r.stdout).toBe('{"node":"rabbit@fake","result":"ok","value":"guest"}\n');
  });

  it("a value that is not an Erlang term fails as rabbitmqctl's does", async () => {
    expect(await run("encode", "foo(", "pp")).toEqual({ code: 69, stdout: "Encrypting value ...\n", stderr: "Error:\nError during cipher operation\n" });
  });

  it("missing arguments are read from stdin; at its end: not_enough_args", async () => {
    expect(await run("encode", "x")).toEqual({ code: 69, stdout: "Encrypting value ...\nPassphrase: \n", stderr: "Error:\nnot_enough_args\n" });
  });

  it("term_to_binary as Erlang/OTP 25 writes it; binary_to_term reads it back", () => {
    expect([...termToBinary(evaluate("guest"))]).toEqual([131, 100, 0, 5, 103, 117, 101, 115, 116]);
    expect([...termToBinary(evaluate('<<"guest">>'))]).toEqual([131, 109, 0, 0, 0, 5, 103, 117, 101, 115, 116]);
    expect([...termToBinary(evaluate('"ab"'))]).toEqual([131, 107, 0, 2, 97, 98]);
    const t = evaluate('{x,[1,-2,300,2.5|tail],#{<<"k">> => "v"},<<1:3>>}');
    expect(printTerm(binaryToTerm(termToBinary(t)))).toBe(printTerm(t));
  });

  it("lays long terms out as io_lib's ~p does (outputs of erl 25)", () => {
    expect(prettyTerm(evaluate("[{abc,[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30]},{defghi,[x,y]}]")))
      .toBe("[{abc,[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,\n       27,28,29,30]},\n {defghi,[x,y]}]");
    expect(prettyTerm(evaluate('[{amqp_client,[{gen_server_call_timeout,130000},{prefer_ipv6,false},{ssl_options,[]},{writer_gc_threshold,1000000000}]},{asn1,[]},{ra,[{data_dir,"/var/lib/rabbitmq/mnesia/rabbit@vm/quorum"},{wal_max_batch_size,4096}]}]')))
      .toBe('[{amqp_client,[{gen_server_call_timeout,130000},\n               {prefer_ipv6,false},\n               {ssl_options,[]},\n               {writer_gc_threshold,1000000000}]},\n {asn1,[]},\n {ra,[{data_dir,"/var/lib/rabbitmq/mnesia/rabbit@vm/quorum"},\n      {wal_max_batch_size,4096}]}]');
    expect(prettyTerm(evaluate("{k,<<1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32>>}")))
      .toBe("{k,<<1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,\n     28,29,30,31,32>>}");
  });

  const envFixture = new URL("../../../../shared/reference/rabbitmqctl-fixtures/environment.stdout", import.meta.url);
  it.skipIf(!existsSync(envFixture))("re-lays out rabbitmqctl's 193-line environment output byte for byte", () => {
    const text = readFileSync(envFixture, "latin1").split("\n").slice(1).join("\n").trimEnd();
    expect(prettyTerm(evaluate(text))).toBe(text);
  });

  it("prints terms as io_lib's ~p does", () => {
    expect(printTerm(evaluate('[<<"café"/utf8>>, "a\\nb", end, \'A b\', 16#ff, $a, 1.0e3, 100.0, 0.0001, #{b => 1, a => 2}]')))
      .toBe('[<<"cafÃ©">>,"a\\nb",\'end\',\'A b\',255,97,1.0e3,100.0,0.0001,#{a => 2,b => 1}]');
    expect(floatText(1.5e-10)).toBe("1.5e-10");
    expect(floatText(123456789012345)).toBe("123456789012345.0");
  });
});

describe("help and autocomplete", () => {
  it("help prints the general help on stdout", async () => {
    const r = await run("help");
    expect(r).toEqual({ code: 0, stdout: generalHelp(ALL_COMMANDS, "warrenctl", (s) => s), stderr: "" });
    expect(seen).toEqual([]);
  });

  it("help --list-commands prints the sections alone, ending with two empty lines", async () => {
    const r = await run("help", "--list-commands");
    expect(r.stdout.startsWith("\nHelp:\n\n   autocomplete ")).toBe(true);
    expect(r.stdout.endsWith("node_health_check".padEnd(30) + REGISTRY.get("node_health_check")!.description + "\n\n\n")).toBe(true);
  });

  it("help <unknown> suggests a close name, or says it is not found (exit 64)", async () => {
    expect(await run("help", "list_queue")).toEqual({ code: 64, stdout: "", stderr: "Error:\n\nCommand 'list_queue' not found. \nDid you mean 'list_queues'? \n\n" });
    expect(await run("help", "frobnicate")).toEqual({ code: 64, stdout: "", stderr: "Error:\n\nCommand 'frobnicate' not found.\n" });
  });

  it("help <command> ignores -t 0 (no node is involved)", async () => {
    const r = await run("help", "encode", "-t", "0");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("warrenctl [--node <node>] [--longnames] [--quiet] encode value passphrase [--cipher <cipher>]");
  });

  it("helpParts splits the general help at rabbitmqctl's seams and joins back to it", () => {
    const text = generalHelp(ALL_COMMANDS, "warrenctl", (s) => s);
    const parts = helpParts(text);
    expect(parts.join("")).toBe(text.replace(/\n$/, ""));
    expect(parts.slice(1, 4)).toEqual(["\n\nAvailable commands:\n", "\nHelp:\n\n", `   ${"autocomplete".padEnd(28)}  ${REGISTRY.get("autocomplete")!.description}\n`]);
  });

  it("autocomplete completes command names, lists global options for an empty prefix, nothing for a full name", async () => {
    expect((await run("autocomplete", "close")).stdout).toBe("close_all_connections\nclose_all_user_connections\nclose_connection\n");
    expect((await run("autocomplete", "stop")).stdout).toBe("");
    const opts = (await run("autocomplete", "")).stdout.split("\n");
    expect(opts.slice(0, 3)).toEqual(["--aliases-file", "--dry-run", "--enabled-plugins-file"]);
    expect(opts).not.toContain("--url");
    expect((await run("autocomplete", "zz", "--formatter", "json")).stdout).toBe("[\n]\n");
    expect((await run("autocomplete", "trace_o", "--formatter", "json")).stdout).toBe('[\n{"message":"trace_off"}\n,{"message":"trace_on"}\n]\n');
  });
});

describe("eval, eval_file, exec", () => {
  it("fail clearly with exit 69 and make no request", async () => {
    for (const args of [["eval", "1+1."], ["exec", "1+1"]]) {
      const r = await run(...args);
      expect(r.code).toBe(69);
      expect(r.stderr).toMatch(new RegExp(`^Error: ${args[0]} is not available in warrenctl: .*Nothing was evaluated\\.\\n$`));
    }
    expect(seen).toEqual([]);
  });

  it("eval without an expression on stdin says so (exit 65)", async () => {
    expect(await run("eval")).toEqual({ code: 65, stdout: "", stderr: "Error:\nExpression to evaluate is not provided via argument or stdin\n" });
  });
});

describe("HTTP commands against the fake API", () => {
  it("set_cluster_name PUTs /api/cluster-name", async () => {
    routes["PUT /api/cluster-name"] = () => ({ status: 204 });
    expect(await run("set_cluster_name", "c1")).toEqual({ code: 0, stdout: "Setting cluster name to c1 ...\n", stderr: "" });
    expect(JSON.parse(seen[0]!.body)).toEqual({ name: "c1" });
  });

  it("enable_feature_flag: unknown flag -> exit 64; all enables each stable disabled flag", async () => {
    routes["PUT /api/feature-flags/nope/enable"] = () => ({ status: 400, body: { error: "bad_request", reason: "unsupported" } });
    expect(await run("enable_feature_flag", "nope")).toEqual({ code: 64, stdout: 'Enabling feature flag "nope" ...\n', stderr: "Error:\nThis feature flag is not supported by node rabbit@fake\n" });
    seen.length = 0;
    routes["GET /api/feature-flags"] = () => ({ status: 200, body: [{ name: "a", state: "enabled", stability: "stable" }, { name: "b", state: "disabled", stability: "stable" }, { name: "c", state: "disabled", stability: "experimental" }] });
    routes["PUT /api/feature-flags/b/enable"] = () => ({ status: 204 });
    expect((await run("enable_feature_flag", "all")).code).toBe(0);
    expect(mutating().map((s) => s.url)).toEqual(["/api/feature-flags/b/enable"]);
  });

  it("list_feature_flags prints the columns asked for", async () => {
    routes["GET /api/feature-flags"] = () => ({ status: 200, body: [{ name: "quorum_queue", desc: "Support queues of type `quorum`", doc_url: "", state: "enabled", stability: "stable", provided_by: "rabbit" }] });
    expect((await run("list_feature_flags", "name", "doc_url", "provided_by")).stdout).toBe("Listing feature flags ...\nname\tdoc_url\tprovided_by\nquorum_queue\t\trabbit\n");
  });

  it("close_all_connections closes the vhost's connections (up to --limit) with the explanation in X-Reason", async () => {
    routes["GET /api/vhosts/v/connections"] = () => ({ status: 200, body: [{ name: "c1", node: "rabbit@fake" }, { name: "c2", node: "rabbit@fake" }, { name: "c3", node: "rabbit@fake" }] });
    routes["GET /api/users"] = () => ({ status: 200, body: [] });
    for (const n of ["c1", "c2", "c3"]) routes[`DELETE /api/connections/${n}`] = () => ({ status: 204 });
    const r = await run("close_all_connections", "-p", "v", "--limit", "2", "bye café");
    expect(r).toEqual({ code: 0, stdout: "Closing 2 connections in vhost v, reason: bye café...\nClosed 2 connections\n", stderr: "" });
    const deletes = mutating();
    expect(deletes.map((s) => s.url)).toEqual(["/api/connections/c1", "/api/connections/c2"]);
    expect(Buffer.from(deletes[0]!.headers["x-reason"] as string, "latin1").toString("utf8")).toBe("bye café");
  });

  it("close_connection takes the connection name; one already gone is not an error", async () => {
    const r = await run("close_connection", "127.0.0.1:1 -> 127.0.0.1:5672", "bye");
    expect(r).toEqual({ code: 0, stdout: "Closing connection 127.0.0.1:1 -> 127.0.0.1:5672, reason: bye...\n", stderr: "" });
    expect(seen.map((s) => `${s.method} ${s.url}`)).toEqual(["DELETE /api/connections/127.0.0.1%3A1%20-%3E%20127.0.0.1%3A5672"]);
  });

  it("export_definitions writes rabbitmqctl's document: sorted keys, its filters, numbers as the node wrote them", async () => {
    routes["GET /api/definitions"] = () => ({ status: 200, text: '{"rabbit_version":"3.10.8","rabbitmq_version":"3.10.8","product_name":"RabbitMQ","product_version":"3.10.8","users":[],"vhosts":[{"name":"v"}],"permissions":[],"topic_permissions":[],"parameters":[{"value":[],"vhost":"v","component":"vhost-limits","name":"limits"}],"global_parameters":[{"name":"internal_cluster_id","value":"x"},{"name":"g","value":{"b":1.0e3,"a":"\\u0001"}}],"policies":[],"queues":[{"name":"q","vhost":"v","durable":true,"auto_delete":false,"arguments":{"x-max-length":12345678901234567890}}],"exchanges":[{"name":"x","vhost":"v","type":"topic","durable":true,"auto_delete":false,"internal":false,"arguments":{}},{"name":"i","vhost":"v","type":"topic","durable":true,"auto_delete":false,"internal":true,"arguments":{}}],"bindings":[]}' });
    routes["GET /api/queues"] = () => ({ status: 200, body: [{ name: "q", vhost: "v", type: "quorum" }] });
    routes["GET /api/vhosts"] = () => ({ status: 200, body: [{ name: "v", metadata: { tags: [], description: "d" } }] });
    routes["GET /api/vhost-limits"] = () => ({ status: 200, body: [{ vhost: "v", value: { "max-queues": 5 } }] });
    const r = await run("export_definitions", "-");
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('{"bindings":[],"exchanges":[{"arguments":{},"auto_delete":false,"durable":true,"name":"x","type":"topic","vhost":"v"}],'
      + '"global_parameters":[{"name":"g","value":[["b",1.0e3],["a","\\u1000"]]}],"parameters":[{"component":"vhost-limits","name":"limits","value":{},"vhost":"v"}],'
      + '"permissions":[],"policies":[],"queues":[{"arguments":{"x-max-length":12345678901234567890},"auto_delete":false,"durable":true,"name":"q","type":"quorum","vhost":"v"}],'
      + '"rabbit_version":"3.10.8","rabbitmq_version":"3.10.8","topic_permissions":[],"users":[],"vhosts":[{"limits":[["max-queues",5]],"metadata":{"description":"d","tags":[]},"name":"v"}]}');
    expect(mutating()).toEqual([]);
  });

  it("import_definitions posts the file as it is; --skip-if-unchanged skips what the node already has", async () => {
    const dir = mkdtempSync(join(tmpdir(), "warren-defs-"));
    const file = join(dir, "d.json");
    const text = '{"vhosts":[{"name":"v"}],"queues":[{"name":"q","vhost":"v","durable":true,"auto_delete":false,"arguments":{"x-message-ttl":1.0e3}}]}';
    writeFileSync(file, text);
    routes["POST /api/definitions"] = () => ({ status: 204 });
    expect(await run("import_definitions", file)).toEqual({ code: 0, stdout: `Importing definitions in JSON from a file at "${file}" ...\nSuccessfully started definition import. This process is asynchronous and can take some time.\n`, stderr: "" });
    expect(mutating()[0]!.body).toBe(readFileSync(file, "utf8"));
    expect((await run("import_definitions", file, "--formatter", "json")).stdout).toBe('{"node":"rabbit@fake","result":"ok"}');
    seen.length = 0;
    routes["GET /api/definitions"] = () => ({ status: 200, text: `{"vhosts":[{"name":"v"}],"queues":[{"name":"q","vhost":"v","durable":true,"auto_delete":false,"arguments":{"x-message-ttl":1.0e3}}],"users":[]}` });
    expect((await run("import_definitions", file, "--skip-if-unchanged")).code).toBe(0);
    expect(mutating()).toEqual([]);
  });

  it("import_definitions reports a node-side failure as rabbitmqctl does", async () => {
    const dir = mkdtempSync(join(tmpdir(), "warren-defs-"));
    const file = join(dir, "d.json");
    writeFileSync(file, '{"queues":[{"name":"q","vhost":"nope"}]}');
    routes["POST /api/definitions"] = () => ({ status: 400, body: { error: "bad_request", reason: ["no_such_vhost", "nope"] } });
    expect((await run("import_definitions", file, "-q"))).toEqual({ code: 65, stdout: "", stderr: "Virtual host 'nope' does not exist\n" });
    routes["POST /api/definitions"] = () => ({ status: 400, body: { error: "bad_request", reason: "tags_not_present" } });
    expect((await run("import_definitions", file, "-q"))).toEqual({ code: 69, stdout: "", stderr: "Error:\ntags_not_present\n" });
  });
});
