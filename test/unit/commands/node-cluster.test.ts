// Node, cluster and monitoring commands against a fake management API: checks, banners, requests, extension refusals.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { resetExtensionCache } from "../../../src/api/extensions.js";
import { erlangAtomList } from "../../../src/cli/commands/monitoring/_format.js";
import { REGISTRY } from "../../../src/cli/registry.js";
import { runInProcess } from "../../helpers/run-cli.js";

interface Seen { method: string; path: string; query: Record<string, string>; body: unknown; headers: http.IncomingHttpHeaders }
type Reply = { status?: number; body?: unknown };
let routes: Record<string, (s: Seen) => Reply> = {};
const seen: Seen[] = [];
let server: http.Server;
let base = "";

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://x");
      const text = Buffer.concat(chunks).toString("utf8");
      const s: Seen = { method: req.method ?? "", path: decodeURIComponent(url.pathname), query: Object.fromEntries(url.searchParams), body: text ? JSON.parse(text) : undefined, headers: req.headers };
      seen.push(s);
      const route = routes[`${s.method} ${s.path}`] ?? routes["*"];
      const r = route ? route(s) : { status: 404, body: { error: "Object Not Found", reason: "Not Found" } };
      res.writeHead(r.status ?? 200, { "content-type": "application/json" });
      res.end(r.body === undefined ? "" : JSON.stringify(r.body));
    });
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((ok) => server.close(() => ok())));
beforeEach(() => {
  seen.length = 0;
  routes = {};
  resetExtensionCache();
});

const run = (...args: string[]) => runInProcess([...args, "--url", base], { WARRENCTL_NODE: "rabbit@vm", WARRENCTL_URL: undefined, NO_COLOR: undefined });
const usageOf = (name: string): string => `\u001b[1mUsage\u001b[0m\n\nwarrenctl [--node <node>] [--longnames] [--quiet] ${REGISTRY.get(name)!.usage}\n`;
const validation = (detail: string, given: string, name: string): string => `Error (argument validation): ${detail}\nArguments given:\n\t${given} --url ${base}\n\n${usageOf(name)}`;
const offer = (...names: string[]): void => {
  routes["GET /api/warren/extensions"] = () => ({ body: names.map((name) => ({ name })) });
};
const answer = (name: string, reply: unknown): void => {
  routes[`POST /api/warren/extensions/${name}`] = () => ({ body: reply });
};
const posts = (): Seen[] => seen.filter((s) => s.method !== "GET");

// every extension command, with arguments that pass validation
const EXTENSION_CALLS: string[][] = [
  ["change_cluster_node_type", "disc"], ["force_boot"], ["force_reset"], ["forget_cluster_node", "rabbit@b"],
  ["join_cluster", "rabbit@b"], ["rename_cluster_node", "rabbit@a", "rabbit@b"], ["update_cluster_nodes", "rabbit@b"],
  ["reset"], ["rotate_logs"], ["shutdown"], ["start_app"], ["stop"], ["stop_app"], ["wait", "--pid", String(process.pid)],
  ["schema_info"], ["list_unresponsive_queues"],
];

describe("extension commands on a node without warren's extensions", () => {
  it("covers every command that declares an extension", () => {
    const declared = [...REGISTRY.values()].filter((c) => c.extension && ["nodes", "cluster", "monitoring"].includes(c.section)).map((c) => c.name).sort();
    expect(EXTENSION_CALLS.map((c) => c[0]).sort()).toEqual(expect.arrayContaining(declared));
  });

  for (const args of EXTENSION_CALLS) {
    it(`${args.join(" ")}: one stderr line, exit 69, no banner and no change`, async () => {
      const r = await run(...args);
      expect(r.code).toBe(69);
      expect(r.stdout).toBe("");
      expect(r.stderr).toBe(`Error: ${args[0]} is not available on node rabbit@vm: its management HTTP API does not offer this operation (RabbitMQ performs it over Erlang distribution only; warren-server offers it as an extension). Nothing was changed.\n`);
      expect(posts()).toEqual([]);
      expect(seen.map((s) => s.path)).toEqual(["/api/warren/extensions"]);
    });
  }

  it("a node that lists other extensions still refuses", async () => {
    offer("status");
    const r = await run("reset");
    expect(r.code).toBe(69);
    expect(posts()).toEqual([]);
  });
});

describe("argument validation (before any request)", () => {
  const cases: [string[], string, number][] = [
    [["change_cluster_node_type"], "not enough arguments.", 64],
    [["change_cluster_node_type", "disk", "x"], "too many arguments.", 64],
    [["change_cluster_node_type", "fast"], "Bad argument: The node type must be either disc or ram.", 65],
    [["join_cluster", "--disc", "--ram", "rabbit@b"], "Bad argument: The node type must be either disc or ram.", 65],
    [["join_cluster"], "not enough arguments.", 64],
    [["forget_cluster_node"], "not enough arguments.", 64],
    [["rename_cluster_node", "a"], "not enough arguments.", 64],
    [["rename_cluster_node", "a", "b", "c"], "Bad argument: Argument list should contain even number of nodes", 65],
    [["update_cluster_nodes", "a", "b"], "too many arguments.", 64],
    [["reset", "x"], "too many arguments.", 64],
    [["stop", "a", "b"], "too many arguments.", 64],
    [["wait"], '"No pid or pidfile specified"', 64],
    [["wait", "file", "--pid", "1"], '"Cannot specify both pid and pidfile"', 64],
    [["await_online_nodes"], "not enough arguments.", 64],
    [["await_online_nodes", "x"], "Bad argument: Argument must be a positive integer", 65],
    [["await_startup", "x"], "too many arguments.", 64],
    [["status", "--unit", "bogus"], '"unit \'bogus\' is not supported. Please use one of: bytes, mb, gb"', 64],
    [["report", "--formatter", "json"], '"Only report formatter is supported"', 64],
    [["hipe_compile", " "], "Bad argument: Target directory path cannot be blank", 65],
    [["hipe_compile"], "not enough arguments.", 64],
    [["list_node_auth_attempt_stats", "x"], "too many arguments.", 64],
    [["schema_info", "bogus"], "Info key(s) bogus are not supported", 64],
    [["list_unresponsive_queues", "zzz", "name"], "Info key(s) zzz are not supported", 64],
  ];
  for (const [args, detail, code] of cases) {
    it(`${args.join(" ")} -> ${code}`, async () => {
      const r = await run(...args);
      expect(r).toEqual({ stdout: "", stderr: validation(detail, args.join(" "), args[0]!), code });
      expect(seen).toEqual([]);
    });
  }

  it("a count below 1 fails as rabbitmqctl 3.10 does (exit 70), before waiting", async () => {
    const r = await run("await_online_nodes", "0");
    expect(r).toEqual({ stdout: "", stderr: '{:case_clause, {0, ""}}\n\n', code: 70 });
    expect(seen).toEqual([]);
  });
});

describe("extension commands on a node that offers them", () => {
  const ok = { result: "ok" };
  const cases: [string[], string, Record<string, unknown>][] = [
    [["change_cluster_node_type", "disk"], "Turning rabbit@vm into a disk node\n", { node_type: "disc" }],
    [["join_cluster", "--ram", "rabbit@b"], "Clustering node rabbit@vm with rabbit@b\n", { cluster_node: "rabbit@b", node_type: "ram" }],
    [["forget_cluster_node", "--offline", "rabbit@b"], "Removing node rabbit@b from the cluster. Warning: quorum queues cannot be shrunk in offline mode\n", { node: "rabbit@b", offline: true }],
    [["forget_cluster_node", "rabbit@b"], "Removing node rabbit@b from the cluster\n", { node: "rabbit@b", offline: false }],
    [["rename_cluster_node", "a@h", "b@h", "c@h", "d@h"], "Renaming cluster nodes: \n a@h -> b@h \nc@h -> d@h \n\n", { pairs: [["a@h", "b@h"], ["c@h", "d@h"]] }],
    [["update_cluster_nodes", "rabbit@seed"], "Will seed rabbit@vm from rabbit@seed on next start\n", { seed_node: "rabbit@seed" }],
    [["force_reset"], "Forcefully resetting node rabbit@vm ...\n", {}],
    [["force_boot"], "", {}],
    [["reset"], "Resetting node rabbit@vm ...\n", {}],
    [["start_app"], "Starting node rabbit@vm ...\n", {}],
    [["stop_app"], "Stopping rabbit application on node rabbit@vm ...\n", {}],
    [["stop", "--idempotent"], "Stopping and halting node rabbit@vm ...\n", { idempotent: true }],
    [["rotate_logs"], "", {}],
    [["shutdown", "--no-wait"], "", {}],
  ];
  for (const [args, banner, body] of cases) {
    it(`${args.join(" ")}: banner and request`, async () => {
      offer(args[0]!);
      answer(args[0]!, ok);
      const r = await run(...args);
      expect(r).toEqual({ stdout: banner, stderr: "", code: 0 });
      expect(posts().map((s) => [s.path, s.body])).toEqual([[`/api/warren/extensions/${args[0]}`, body]]);
    });
  }

  it("-q drops the banner; json prints rabbitmqctl's ok object", async () => {
    offer("reset");
    answer("reset", ok);
    expect(await run("reset", "-q")).toEqual({ stdout: "", stderr: "", code: 0 });
    expect(await run("reset", "--formatter", "json")).toEqual({ stdout: '{"node":"rabbit@vm","result":"ok"}\n', stderr: "", code: 0 });
  });

  it("a reported failure is printed as rabbitmqctl prints it, with its exit code", async () => {
    offer("reset");
    answer("reset", { result: "error", exit_code: 70, error: "Mnesia is still running on node rabbit@vm.\nPlease stop RabbitMQ with 'rabbitmqctl stop_app' first." });
    const r = await run("reset");
    expect(r).toEqual({ stdout: "Resetting node rabbit@vm ...\n", stderr: "Error:\nMnesia is still running on node rabbit@vm.\nPlease stop RabbitMQ with 'rabbitmqctl stop_app' first.\n", code: 70 });
  });

  it("a sentence in the reply is printed (json: under value)", async () => {
    offer("join_cluster");
    answer("join_cluster", { result: "ok", message: "The node is already a member of this cluster" });
    expect((await run("join_cluster", "rabbit@b")).stdout).toBe("Clustering node rabbit@vm with rabbit@b\nThe node is already a member of this cluster\n");
    expect((await run("join_cluster", "rabbit@b", "--formatter", "json")).stdout).toBe('{"node":"rabbit@vm","result":"ok","value":"The node is already a member of this cluster"}\n');
  });

  it("schema_info sends the columns and prints the rows", async () => {
    offer("schema_info");
    answer("schema_info", { result: "ok", rows: [["rabbit_user", ["rabbit@vm"]], ["rabbit_vhost", []]] });
    const r = await run("schema_info", "name", "active_replicas");
    expect(r).toEqual({ stdout: "Asking node rabbit@vm to report its schema...\nname\tactive_replicas\nrabbit_user\t[rabbit@vm]\nrabbit_vhost\t[]\n", stderr: "", code: 0 });
    expect(posts()[0]!.body).toEqual({ columns: ["name", "active_replicas"] });
  });

  it("list_unresponsive_queues sends vhost, columns, --local and the queue timeout", async () => {
    offer("list_unresponsive_queues");
    answer("list_unresponsive_queues", { result: "ok", rows: [] });
    const r = await run("list_unresponsive_queues", "-p", "v1", "--local", "--queue-timeout", "3", "name", "durable");
    expect(r).toEqual({ stdout: "Listing unresponsive queues for vhost v1 ...\n", stderr: "", code: 0 });
    expect(posts()[0]!.body).toEqual({ vhost: "v1", columns: ["name", "durable"], local: true, queue_timeout: 3 });
  });

  it("wait logs its steps and asks the node to wait for its application", async () => {
    offer("wait");
    answer("wait", { result: "ok" });
    const r = await run("wait", "--pid", String(process.pid));
    expect(r.stdout).toBe(`Waiting for erlang distribution on node 'rabbit@vm' while OS process '${process.pid}' is running\nWaiting for applications 'rabbit_and_plugins' to start on node 'rabbit@vm'\nApplications 'rabbit_and_plugins' are running on node 'rabbit@vm'\n`);
    expect(r.code).toBe(0);
    expect((posts()[0]!.body as { timeout: number }).timeout).toBeGreaterThan(9000);
    expect((await run("wait", "--pid", String(process.pid), "-q")).stdout).toBe("");
  });
});

const NODE = {
  name: "rabbit@vm", type: "disc", running: true, partitions: [], mem_alarm: false, disk_free_alarm: false, os_pid: "4242",
  applications: [{ name: "rabbit", version: "3.10.8" }],
};
const OVERVIEW = {
  node: "rabbit@vm", cluster_name: "prod", product_name: "RabbitMQ", product_version: "3.10.8", rabbitmq_version: "3.10.8",
  erlang_version: "25.2.3", erlang_full_version: "Erlang/OTP 25 [erts-13.1.5]\n", release_series_support_status: "supported",
  listeners: [
    { node: "rabbit@vm", protocol: "amqp", ip_address: "::", port: 5672 },
    { node: "rabbit@vm", protocol: "clustering", ip_address: "::", port: 25672 },
    { node: "rabbit@vm", protocol: "http", ip_address: "0.0.0.0", port: 15672 },
    { node: "rabbit@b", protocol: "amqp", ip_address: "::", port: 5672 },
  ],
};

describe("cluster_status over HTTP", () => {
  beforeEach(() => {
    routes["GET /api/nodes"] = () => ({
      body: [
        { ...NODE, mem_alarm: true, partitions: ["rabbit@c"] },
        { ...NODE, name: "rabbit@b", type: "ram", disk_free_alarm: true },
        { ...NODE, name: "rabbit@c", running: false },
      ],
    });
    routes["GET /api/overview"] = () => ({ body: OVERVIEW });
    routes["GET /api/feature-flags"] = () => ({ body: [{ name: "zz", state: "disabled", desc: "d", doc_url: "", stability: "stable", provided_by: "rabbit" }, { name: "aa", state: "enabled", desc: "e", doc_url: "u", stability: "stable", provided_by: "rabbit" }] });
  });

  it("prints rabbitmqctl's sections", async () => {
    const r = await run("cluster_status");
    const b = (s: string): string => `\u001b[1m${s}\u001b[0m`;
    expect(r.stdout).toBe([
      "Cluster status of node rabbit@vm ...", b("Basics"), "", "Cluster name: prod", "", b("Disk Nodes"), "", "rabbit@c", "rabbit@vm", "",
      b("RAM Nodes"), "", "rabbit@b", "", b("Running Nodes"), "", "rabbit@b", "rabbit@vm", "", b("Versions"), "",
      "rabbit@b: RabbitMQ 3.10.8 on Erlang 25.2.3", "rabbit@vm: RabbitMQ 3.10.8 on Erlang 25.2.3", "", b("Maintenance status"), "",
      "Node: rabbit@b, status: unknown", "Node: rabbit@vm, status: unknown", "", b("Alarms"), "",
      "Memory alarm on node rabbit@vm", "Free disk space alarm on node rabbit@b", "", b("Network Partitions"), "",
      "Node rabbit@vm cannot communicate with rabbit@c", "", b("Listeners"), "",
      "Node: rabbit@b, interface: [::], port: 5672, protocol: amqp, purpose: AMQP 0-9-1 and AMQP 1.0",
      "Node: rabbit@vm, interface: 0.0.0.0, port: 15672, protocol: http, purpose: HTTP API",
      "Node: rabbit@vm, interface: [::], port: 25672, protocol: clustering, purpose: inter-node and CLI tool communication",
      "Node: rabbit@vm, interface: [::], port: 5672, protocol: amqp, purpose: AMQP 0-9-1 and AMQP 1.0",
      "", b("Feature flags"), "", "Flag: aa, state: enabled", "Flag: zz, state: disabled", "",
    ].join("\n"));
    expect(r.code).toBe(0);
  });

  it("json has rabbitmqctl's keys and shapes", async () => {
    const r = await run("cluster_status", "--formatter", "json");
    const j = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(Object.keys(j)).toEqual(["alarms", "cluster_name", "disk_nodes", "feature_flags", "listeners", "maintenance_status", "partitions", "ram_nodes", "running_nodes", "versions"]);
    expect(j.alarms).toEqual([{ node: "rabbit@vm", resource: "memory", type: "resource_limit" }, { node: "rabbit@b", resource: "disk", type: "resource_limit" }]);
    expect(j.partitions).toEqual({ "rabbit@vm": ["rabbit@c"] });
    expect(j.ram_nodes).toEqual(["rabbit@b"]);
    expect(j.versions).toEqual({ "rabbit@b": { erlang_version: "25.2.3", rabbitmq_name: "RabbitMQ", rabbitmq_version: "3.10.8" }, "rabbit@vm": { erlang_version: "25.2.3", rabbitmq_name: "RabbitMQ", rabbitmq_version: "3.10.8" } });
    expect(r.stdout.endsWith("}\n")).toBe(true);
  });

  it("a node the API does not list cannot be asked (exit 69)", async () => {
    const r = await run("cluster_status", "-n", "other@vm");
    expect(r.code).toBe(69);
    expect(r.stderr).toMatch(/^Error: unable to perform an operation on node 'other@vm': /);
  });
});

describe("status over HTTP", () => {
  beforeEach(() => {
    routes["GET /api/nodes/rabbit@vm"] = () => ({
      body: {
        ...NODE, enabled_plugins: ["rabbitmq_management"], config_files: [], log_files: ["/var/log/r.log"], db_dir: "/var/lib/r", uptime: 61999,
        net_ticktime: 60, proc_used: 400, proc_total: 1048576, run_queue: 1, fd_used: 30, fd_total: 1024, sockets_used: 2, sockets_total: 832,
        mem_limit: 100000000000, mem_calculation_strategy: "rss", disk_free: 85236879360, disk_free_limit: 50000000,
        memory: { code: 34681638, binary: 87881056, atom: 0, strategy: "rss", total: { erlang: 2, rss: 289550336, allocated: 3 } },
      },
    });
    routes["GET /api/overview"] = (s) => ({ body: s.query.disable_stats ? { object_totals: { queues: 15, connections: 1 } } : OVERVIEW });
    routes["GET /api/vhosts"] = () => ({ body: [{ name: "/" }, { name: "v" }] });
  });

  it("without the extension, prints what HTTP has and leaves the rest out", async () => {
    const r = await run("status");
    expect(r.code).toBe(0);
    const out = r.stdout.replace(/\u001b\[[01]m/g, "");
    expect(out).toContain("Runtime\n\nOS PID: 4242\nUptime (seconds): 61\nRabbitMQ version: 3.10.8\n");
    expect(out).toContain("Erlang configuration: Erlang/OTP 25 [erts-13.1.5]\nErlang processes: 400 used, 1048576 limit\n");
    expect(out).toContain("Enabled plugins:\n\n * rabbitmq_management\n\nData directory\n\nNode data directory: /var/lib/r\n\nConfig files\n\n\nLog file(s)\n\n * /var/log/r.log\n");
    expect(out).toContain("Total memory used: 0.2896 gb\nCalculation strategy: rss\n\nbinary: 0.0879 gb (30.35 %)\ncode: 0.0347 gb (11.98 %)\natom: 0.0 gb (0.0 %)\n");
    expect(out).toContain("Low free disk space watermark: 0.05 gb\nFree disk space: 85.2369 gb\n");
    expect(out).toContain("Connection count: 1\nQueue count: 15\nVirtual host count: 2\n");
    expect(out).toContain("Listeners\n\nInterface: 0.0.0.0, port: 15672, protocol: http, purpose: HTTP API\nInterface: [::], port: 25672, protocol: clustering");
    expect(out).not.toMatch(/OS: |Crypto library|Enabled plugin file|Raft data directory|Memory high watermark setting|Is under maintenance/);
  });

  it("fills the gaps from warren's status extension when offered", async () => {
    offer("status");
    answer("status", { os: "Linux", crypto_lib_version: "OpenSSL 3", is_under_maintenance: false, enabled_plugin_file: "/etc/e", raft_data_directory: "/var/lib/r/q", vm_memory_high_watermark_setting: { relative: 0.4 } });
    const out = (await run("status", "--unit", "mb")).stdout;
    expect(out).toContain("OS PID: 4242\nOS: Linux\nUptime (seconds): 61\nIs under maintenance?: false\n");
    expect(out).toContain("Memory high watermark setting: 0.4 of available memory, computed to: 1.0e5 mb\n\n");
    expect(out).toContain("Low free disk space watermark: 50.0 mb\n");
    expect(seen.find((s) => s.method === "POST")?.body).toEqual({ node: "rabbit@vm" });
  });

  it("prints Erlang's float forms (5.0e4 kb) and integer bytes", async () => {
    expect((await run("status", "--unit", "kb")).stdout).toContain("Low free disk space watermark: 5.0e4 kb\n");
    expect((await run("status", "--unit", "bytes")).stdout).toContain("Low free disk space watermark: 50000000 bytes\nFree disk space: 85236879360 bytes\n");
  });

  it("json: sorted keys, the counters rabbitmqctl reports", async () => {
    const j = JSON.parse((await run("status", "--formatter", "json")).stdout) as Record<string, unknown>;
    expect(Object.keys(j)).toEqual([...Object.keys(j)].sort());
    expect(j.totals).toEqual({ virtual_host_count: 2, connection_count: 1, queue_count: 15 });
    expect(j.pid).toBe(4242);
    expect(j.product_name).toBe("");
  });

  it("csv, which crashes rabbitmqctl, is refused before any request (exit 64)", async () => {
    const r = await run("status", "--formatter", "csv");
    expect(r.code).toBe(64);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/^Error \(argument validation\): formatter csv is not supported by status; use one of: table, json/);
  });
});

describe("ping, node_health_check, await_online_nodes", () => {
  it("ping succeeds only for a running node the API lists", async () => {
    routes["GET /api/nodes"] = () => ({ body: [{ name: "rabbit@vm", running: true }] });
    expect(await run("ping")).toEqual({ stdout: "Will ping rabbit@vm. This only checks if the OS process is running and registered with epmd. Timeout: 60000 ms.\nPing succeeded\n", stderr: "", code: 0 });
    expect(await run("ping", "-n", "other@vm", "-q")).toEqual({ stdout: "", stderr: "Error:\nFailed to connect and authenticate to other@vm in 60000 ms\n", code: 69 });
    expect((await run("ping", "-t", "0")).stderr).toBe("Error:\nFailed to connect and authenticate to rabbit@vm in 0 ms\n");
  });

  it("node_health_check passes the timeout and reports a failed check (exit 70)", async () => {
    routes["GET /api/healthchecks/node/rabbit@vm"] = () => ({ status: 503, body: { status: "failed", reason: "resource alarm(s) in effect:[memory]" } });
    const r = await run("node_health_check", "-q", "-t", "5");
    expect(r).toEqual({ stdout: "", stderr: "Error:\nError: health check failed. Message: resource alarm(s) in effect:[memory]\n", code: 70 });
    expect(seen[0]!.headers.timeout).toBe("5000");
  });

  it("await_online_nodes polls until enough nodes run", async () => {
    let calls = 0;
    routes["GET /api/nodes"] = () => ({ body: [{ name: "rabbit@vm", running: true }, { name: "rabbit@b", running: ++calls > 2 }] });
    const r = await run("await_online_nodes", "2");
    expect(r).toEqual({ stdout: "Will wait for at least 2 nodes to join the cluster of rabbit@vm. Timeout: 300 seconds.\n", stderr: "", code: 0 });
    expect(calls).toBe(3);
  });

  it("await_online_nodes gives up with rabbitmqctl's message (exit 70)", async () => {
    routes["GET /api/nodes"] = () => ({ body: [{ name: "rabbit@vm", running: true }] });
    const r = await run("await_online_nodes", "2", "-t", "1", "-q");
    expect(r).toEqual({ stdout: "", stderr: "Error:\nError: timed out while waiting. Not enough nodes joined rabbit@vm's cluster.\n", code: 70 });
  });
});

describe("local commands", () => {
  it("list_ciphers lays atoms out as Erlang's ~p does at 80 columns", () => {
    // rabbitmqctl 3.10.8's own list and output, for the layout
    const theirs = "chacha20,aes_256_ofb,aes_192_ofb,aes_128_ofb,blowfish_ofb64,blowfish_cfb64,blowfish_cbc,des_cfb,des_cbc,rc4,rc2_cbc,aes_192_cbc,aes_256_cbc,aes_128_cfb128,aes_192_cfb128,aes_256_cfb128,aes_128_cfb8,aes_192_cfb8,aes_256_cfb8,aes_256_ctr,aes_192_ctr,aes_128_ctr,des_ede3_cfb,aes_128_cbc,des_ede3_cbc,aes_cbc,aes_cfb128,aes_cfb8,aes_ctr".split(",");
    expect(erlangAtomList(theirs)).toBe([
      "[chacha20,aes_256_ofb,aes_192_ofb,aes_128_ofb,blowfish_ofb64,blowfish_cfb64,",
      " blowfish_cbc,des_cfb,des_cbc,rc4,rc2_cbc,aes_192_cbc,aes_256_cbc,",
      " aes_128_cfb128,aes_192_cfb128,aes_256_cfb128,aes_128_cfb8,aes_192_cfb8,",
      " aes_256_cfb8,aes_256_ctr,aes_192_ctr,aes_128_ctr,des_ede3_cfb,aes_128_cbc,",
      " des_ede3_cbc,aes_cbc,aes_cfb128,aes_cfb8,aes_ctr]",
    ].join("\n"));
    expect(erlangAtomList(["a", "b"])).toBe("[a,b]");
  });

  it("list_hashes needs no node and prints the erlang list, json and table forms", async () => {
    const r = await run("list_hashes");
    expect(r).toEqual({ stdout: "Listing supported hash algorithms ...\n[blake2s,blake2b,sha3_512,sha3_384,sha3_256,sha3_224,sha512,sha384,sha256,\n sha224,sha,ripemd160,md5]\n", stderr: "", code: 0 });
    expect(JSON.parse((await run("list_hashes", "--formatter", "json")).stdout)).toEqual({ node: "rabbit@vm", result: "ok", value: ["blake2s", "blake2b", "sha3_512", "sha3_384", "sha3_256", "sha3_224", "sha512", "sha384", "sha256", "sha224", "sha", "ripemd160", "md5"] });
    expect((await run("list_ciphers", "--formatter", "table", "-q")).stdout.split("\n").slice(0, 2)).toEqual([":chacha20", ":aes_256_ofb"]);
    expect(seen).toEqual([]);
  });

  it("hipe_compile creates the directory and contacts no node", async () => {
    const dir = `${process.env.TMPDIR ?? "/tmp"}/warren-hipe-${process.pid}/sub`;
    const r = await run("hipe_compile", dir);
    expect(r).toEqual({ stdout: "This command is a no-op. HiPE is no longer supported by modern Erlang versions\n", stderr: "", code: 0 });
    const { statSync, rmSync } = await import("node:fs");
    expect(statSync(dir).isDirectory()).toBe(true);
    rmSync(dir.replace(/\/sub$/, ""), { recursive: true });
    expect(seen).toEqual([]);
  });

  it("list_node_auth_attempt_stats reads the per-node counters", async () => {
    routes["GET /api/auth/attempts/rabbit@vm/source"] = () => ({ body: [] });
    routes["GET /api/auth/attempts/rabbit@vm"] = () => ({ body: [{ protocol: "http", auth_attempts: 3, auth_attempts_failed: 1, auth_attempts_succeeded: 2 }] });
    expect((await run("list_node_auth_attempt_stats", "-s")).stdout).toBe("http\t3\t1\t2\n");
    expect((await run("list_node_auth_attempt_stats", "--by-source", "-q")).stdout).toBe("Node rabbit@vm reported no authentication attempt stats\n");
  });
});

describe("progress of shutdown and stop", () => {
  it("shutdown waits until the node is gone and reports each step", async () => {
    let stopped = false;
    offer("shutdown");
    routes["POST /api/warren/extensions/shutdown"] = () => ((stopped = true), { body: { result: "ok" } });
    routes["GET /api/nodes"] = () => ({ body: [{ name: "rabbit@far", running: !stopped, os_pid: "777" }] });
    const r = await run("shutdown", "-n", "rabbit@far");
    expect(r).toEqual({
      stdout: "Shutting down RabbitMQ node rabbit@far running at PID 777\nWaiting for PID 777 to terminate\nRabbitMQ node rabbit@far running at PID 777 successfully shut down\n",
      stderr: "",
      code: 0,
    });
  });

  it("stop with a pid file waits for that process to exit", async () => {
    const { spawnSync } = await import("node:child_process");
    const { mkdtempSync, writeFileSync } = await import("node:fs");
    const { join } = await import("node:path");
    const { tmpdir } = await import("node:os");
    const dead = spawnSync(process.execPath, ["-e", "0"]).pid!;
    const file = join(mkdtempSync(join(tmpdir(), "warren-stop-")), "node.pid");
    writeFileSync(file, `  ${dead}\n`);
    offer("stop");
    answer("stop", { result: "ok" });
    const r = await run("stop", file);
    expect(r).toEqual({ stdout: `Stopping and halting node rabbit@vm (will monitor pid file ${file}) ...\nprocess ${dead} (take from pid file ${file}) is no longer running\n`, stderr: "", code: 0 });
    expect(posts()[0]!.body).toEqual({ idempotent: false });
  });
});

describe("report", () => {
  it("runs each part with its banner after an empty line, in rabbitmqctl's order", async () => {
    routes["GET /api/nodes/rabbit@vm"] = () => ({ body: { ...NODE, memory: { total: { rss: 1 } } } });
    routes["GET /api/nodes"] = () => ({ body: [NODE] });
    routes["GET /api/overview"] = (s) => ({ body: s.query.disable_stats ? { object_totals: {} } : OVERVIEW });
    routes["GET /api/feature-flags"] = () => ({ body: [] });
    routes["GET /api/vhosts"] = () => ({ body: [] });
    routes["*"] = () => ({ body: [] });
    const r = await run("report");
    expect(r.code).toBe(0);
    const heads = r.stdout.split("\n").filter((l) => /^(Reporting|Status of|Cluster status|Listing)/.test(l));
    expect(heads).toEqual(["Reporting server status of node rabbit@vm ...", "Status of node rabbit@vm ...", "Cluster status of node rabbit@vm ...", "Listing connections ...", "Listing channels ..."]);
    expect(r.stdout.startsWith("Reporting server status of node rabbit@vm ...\n\nStatus of node rabbit@vm ...\n")).toBe(true);
    // no environment part: the node does not offer that extension
    expect(seen.some((s) => s.method === "POST")).toBe(false);
  });
});
