// help, configuration, definitions, feature flags and operations commands against the real rabbitmqctl on
// this machine. Every object is ours (t-cfg-*). Setters that would change the node (disk/memory limits, log
// level, listeners) are only compared on arguments both tools reject.
import { createHash } from "node:crypto";
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import amqp from "amqplib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { amqpUrl, both, compare, expectSame, http, mgmtUrls, MODE, onSide, REAL, runCtl, runSide, sides } from "./harness.js";
import { runWarren } from "../helpers/run-cli.js";
import { scanJson, strOf, type RawJson } from "../../src/cli/commands/parameters/_raw-json.js";

const enc = encodeURIComponent;
const VH = "t-cfg-defs";
const VH_CONN = "t-cfg-conn";
const USER = "t-cfg-user";
const GP = "t-cfg-gp";
// Debian's rabbitmqctl re-runs itself as the rabbitmq user: our files must be readable, the dir writable, by it
const dir = mkdtempSync(join(tmpdir(), "t-cfg-"));
chmodSync(dir, 0o777);
const writeFile = (path: string, text: string): void => {
  writeFileSync(path, text);
  chmodSync(path, 0o666);
};

/** A PUT with the body text as written, so that 1.0 stays a float (JSON.stringify would write 1). */
async function putRaw(path: string, text: string): Promise<void> {
  for (const base of mgmtUrls()) {
    const r = await fetch(`${base}${path}`, { method: "PUT", body: text, headers: { authorization: `Basic ${Buffer.from("guest:guest").toString("base64")}`, "content-type": "application/json" } });
    if (r.status >= 300) throw new Error(`PUT ${base}${path} -> ${r.status}`);
  }
}

async function must(method: string, path: string, body?: unknown): Promise<void> {
  const r = await http(method, path, body);
  if (r.status >= 300 && !(method === "DELETE" && r.status === 404)) throw new Error(`${method} ${path} -> ${r.status} ${JSON.stringify(r.body)}`);
}

async function cleanup(): Promise<void> {
  for (const v of [VH, VH_CONN, "t-cfg-imp"]) await must("DELETE", `/api/vhosts/${enc(v)}`);
  await must("DELETE", `/api/users/${USER}`);
  await must("DELETE", `/api/global-parameters/${GP}`);
}

/** Help text with the descriptions (ours are our own words by design) masked; layout and names kept. */
const layout = (s: string): string =>
  s.replace(/^( {3}[a-z_]+) .*$/gm, "$1").replace(/^\t.*$/gm, "\t<text>").replace(/(\n\n)[^\n]*\.\n(\n\n)/, "$1<description>\n$2").split("General Options")[0]!;

describe.skipIf(!REAL)("compat: help and autocomplete", () => {
  it("help: the same sections and command names in the same order", async () => {
    const { ctl, warren } = await both(["help"]);
    expect([warren.code, warren.stderr]).toEqual([ctl.code, ctl.stderr]);
    expect(layout(warren.stdout)).toBe(layout(ctl.stdout));
  });

  it("help --list-commands", async () => {
    const { ctl, warren } = await both(["help", "--list-commands"]);
    expect(warren.code).toBe(ctl.code);
    expect(layout(warren.stdout)).toBe(layout(ctl.stdout));
  });

  const mine = ["help", "autocomplete", "encode", "decode", "environment", "set_cluster_name", "set_disk_free_limit", "set_log_level",
    "set_vm_memory_high_watermark", "export_definitions", "import_definitions", "enable_feature_flag", "list_feature_flags",
    "close_all_connections", "close_all_user_connections", "close_connection", "eval", "eval_file", "exec", "force_gc",
    "resume_listeners", "suspend_listeners"];
  for (const name of mine) {
    it(`help ${name}: same usage, argument names and guides`, async () => {
      const { ctl, warren } = await both(["help", name]);
      expect(warren.code).toBe(ctl.code);
      expect(layout(warren.stdout)).toBe(layout(ctl.stdout));
    });
  }

  for (const args of [["help", "frobnicate"], ["help", "list_queue"], ["help", "a", "b"], ["help", "--bogus"], ["list_queue"], ["help", "-t", "0", "nope"]]) {
    it(args.join(" "), () => compare(args).then(() => undefined));
  }

  it("an unknown command without a close match prints the whole help on stderr", async () => {
    const { ctl, warren } = await both(["frobnicate"]);
    expect([warren.code, warren.stdout]).toEqual([ctl.code, ctl.stdout]);
    expect(layout(warren.stderr)).toBe(layout(ctl.stderr));
  });

  for (const prefix of ["list_q", "close", "del", "stop", "", "zz", "-"]) {
    it(`autocomplete '${prefix}'`, () => compare(["autocomplete", prefix]).then(() => undefined));
  }
  it("autocomplete --formatter json", () => compare(["autocomplete", "trace_o", "--formatter", "json"]).then(() => undefined));
  it("autocomplete without a prefix", () => compare(["autocomplete"]).then(() => undefined));
});

describe.skipIf(!REAL)("compat: encode and decode", () => {
  const last = (s: string) => s.trimEnd().split("\n").at(-1)!;
  for (const value of ['<<"guest">>', '"guest"', "guest", '{a,[1,2.5,"x"],#{k => <<1,2>>}}', '<<"café"/utf8>>', "16#ff", "1000.0", "[{a,1},{b,<<\"x\">>}]",
    "[{abc,[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30]},{defghi,[x,y]},#{k => <<1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27>>}]"]) {
    it(`rabbitmqctl decodes what warrenctl encodes, and the other way round: ${value}`, async () => {
      const ours = await runWarren(["encode", value, "pass phrase", "-q"]);
      const theirs = await runCtl(["encode", value, "pass phrase", "-q"]);
      const a = await both(["decode", last(ours.stdout), "pass phrase"]);
      expectSame(a);
      expect(a.ctl.code).toBe(0);
      const b = await both(["decode", last(theirs.stdout), "pass phrase"]);
      expectSame(b);
      expect(b.warren.stdout).toBe(a.ctl.stdout);
    });
  }

  it("with explicit --cipher, --hash and --iterations", async () => {
    const flags = ["--cipher", "aes_256_cbc", "--hash", "sha512", "--iterations", "1000"];
    const ours = await runWarren(["encode", '<<"x">>', "pp", ...flags, "-q"]);
    const pair = await both(["decode", last(ours.stdout), "pp", ...flags, "--formatter", "json"]);
    expectSame(pair);
    expect(pair.ctl.stdout).toContain('"value":"x"');
  });

  const errors: string[][] = [
    ["decode", '{encrypted,<<"tY/rNG7zFZtIPw02Qm/g8N/gLNBMwM3tGGrXeAdvsA35QPp+CK2WGsZpEHhgULxr">>}', "wrong"],
    ["decode"], ["encode"], ["encode", "x"], ["encode", "foo(", "pp"], ["decode", "abc", "pp"],
  ];
  for (const args of errors) it(args.join(" "), () => compare(args).then(() => undefined));

  // by design warrenctl never echoes a passphrase (nor encode's clear value) in "Arguments given"
  for (const [args, shown] of [[["encode", "x", "pp", "--iterations", "-1", "-q"], "encode [redacted] [redacted] --iterations -1 -q"], [["decode", "x", "pp", "--cipher", "nope"], "decode x [redacted] --cipher nope"]] as const) {
    it(`${args.join(" ")} (secrets redacted)`, async () => {
      const { ctl, warren } = await both(args);
      expect({ ...warren, stderr: warren.stderr.replace(shown, args.join(" ")) }).toEqual(ctl);
    });
  }
});

describe.skipIf(!REAL)("compat: configuration setters (arguments both refuse; the node is never changed)", () => {
  const cases: string[][] = [
    ["set_disk_free_limit"], ["set_disk_free_limit", "abc"], ["set_disk_free_limit", "10XB"], ["set_disk_free_limit", "1.5"],
    ["set_disk_free_limit", " 5"], ["set_disk_free_limit", "-5GB"], ["set_disk_free_limit", "mem_relative"], ["set_disk_free_limit", "mem_relative", "-1"],
    ["set_disk_free_limit", "mem_relative", "x"], ["set_disk_free_limit", "1GB", "x"],
    ["set_vm_memory_high_watermark"], ["set_vm_memory_high_watermark", "abc"], ["set_vm_memory_high_watermark", "1.5"],
    ["set_vm_memory_high_watermark", "-0.1"], ["set_vm_memory_high_watermark", "absolute"], ["set_vm_memory_high_watermark", "absolute", "abc"],
    ["set_vm_memory_high_watermark", "absolute", "10XB"], ["set_vm_memory_high_watermark", "absolute", "1.5GB"], ["set_vm_memory_high_watermark", "0.4", "x"],
    ["set_log_level"], ["set_log_level", "bogus"], ["set_log_level", "a", "b"],
    ["set_cluster_name"], ["set_cluster_name", "a", "b"], ["environment", "x"], ["force_gc", "x"], ["suspend_listeners", "x"], ["resume_listeners", "x"],
  ];
  for (const args of cases) it(args.join(" "), () => compare(args).then(() => undefined));

  it("set_cluster_name to the current name", async () => {
    const name = ((await http("GET", "/api/cluster-name")).body as { name: string }).name;
    await compare(["set_cluster_name", name]);
    await compare(["set_cluster_name", name, "--formatter", "json"]);
  });

  it.skipIf(MODE === "warren")("environment is refused clearly by a node without warren's extension, and nothing is printed on stdout", async () => {
    const r = await runWarren(["environment"]);
    expect(r.code).toBe(69);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/^Error: environment is not available on node \S+: its management HTTP API does not offer this operation/);
  });
});

/** RabbitMQ's salted SHA-256 of "pw" with a fixed salt: base64(salt ++ sha256(salt ++ password)). */
const FIXED_PW_HASH = (() => {
  const salt = Buffer.from([1, 2, 3, 4]);
  return Buffer.concat([salt, createHash("sha256").update(Buffer.concat([salt, Buffer.from("pw")])).digest()]).toString("base64");
})();

describe.skipIf(!REAL)("compat: definitions", () => {
  beforeAll(async () => {
    await cleanup();
    await must("PUT", `/api/vhosts/${VH}`, { description: "defs ü", tags: "a,b" });
    await must("PUT", `/api/permissions/${VH}/guest`, { configure: ".*", write: ".*", read: ".*" });
    await must("PUT", `/api/vhost-limits/${VH}/max-queues`, { value: 10 });
    await must("PUT", `/api/queues/${VH}/qq`, { durable: true, arguments: { "x-queue-type": "quorum" } });
    await must("PUT", `/api/queues/${VH}/cq`, { durable: true, arguments: { "x-max-length": 5, b: 1.5, a: "z" } });
    await must("PUT", `/api/exchanges/${VH}/xd`, { type: "fanout", durable: true });
    await must("PUT", `/api/exchanges/${VH}/xi`, { type: "topic", internal: true });
    await must("POST", `/api/bindings/${VH}/e/xd/q/cq`, { routing_key: "rk", arguments: { z: 1, a: 2 } });
    await must("PUT", `/api/policies/${VH}/pol`, { pattern: "^c", definition: { "max-length": 7 }, "apply-to": "queues" });
    // one salted hash for both nodes, so the exported users compare byte for byte
    await must("PUT", `/api/users/${USER}`, { password_hash: FIXED_PW_HASH, hashing_algorithm: "rabbit_password_hashing_sha256", tags: "management" });
    await must("PUT", `/api/topic-permissions/${VH}/${USER}`, { exchange: "xd", write: ".*", read: "^a" });
    await putRaw(`/api/global-parameters/${GP}`, '{"value":{"b":{"y":1,"x":[1.0,"s"]},"a":1.0e3,"c":"\\u00fc\\u0001"}}');
  });
  afterAll(cleanup);

  /** The objects of an export that are ours, as their JSON text (rabbitmqctl's key order and number format). */
  const ours = (doc: string): string[] => {
    const root = scanJson(doc);
    if (root.t !== "obj") return [];
    const mine = (item: RawJson) => /^t-cfg-/.test(strOf(item, "vhost") || strOf(item, "name"));
    return root.entries.flatMap(([, v]) => (v.t === "arr" ? v.items.filter(mine).map((i) => i.raw) : [])).sort();
  };

  it("export_definitions -: rabbitmqctl's document; our objects are byte-identical", async () => {
    const { ctl, warren } = await both(["export_definitions", "-"]);
    expect(warren.code).toBe(0);
    expect(warren.stderr).toBe("");
    expect(Object.keys(JSON.parse(warren.stdout))).toEqual(["bindings", "exchanges", "global_parameters", "parameters", "permissions", "policies",
      "queues", "rabbit_version", "rabbitmq_version", "topic_permissions", "users", "vhosts"]);
    expect(warren.stdout.endsWith("}")).toBe(true);
    const mine = ours(warren.stdout);
    expect(mine).toContain(`{"arguments":{"a":"z","b":1.5,"x-max-length":5},"auto_delete":false,"durable":true,"name":"cq","type":"classic","vhost":"${VH}"}`);
    expect(mine).toContain(`{"limits":[["max-queues",10]],"metadata":{"description":"defs ü","tags":["a","b"]},"name":"${VH}"}`);
    // checked against the node's own term encoded by rabbitmqctl's JSON encoder: a stored proplist, 0x01 as "\u1000"
    expect(warren.stdout).toContain(`{"name":"${GP}","value":[["a",1.0e3],["b",{"x":[1.0,"s"],"y":1}],["c","ü\\u1000"]]}`);
    expect(mine.some((t) => t.includes('"name":"xi"'))).toBe(false);
    // other suites' objects can make rabbitmqctl's own encoder crash (exit 70); when it succeeds, ours must match
    if (ctl.code === 0) {
      // warren has classic queues only: the quorum queue exists on the real node alone
      const theirs = ours(ctl.stdout).filter((t) => MODE !== "warren" || !t.includes('"name":"qq"'));
      expect(mine).toEqual(theirs);
      expect(Object.keys(JSON.parse(ctl.stdout))).toEqual(Object.keys(JSON.parse(warren.stdout)));
    }
  });

  it("export_definitions to a file", async () => {
    const file = join(dir, "export.json");
    const { ctl, warren } = await both(["export_definitions", file]);
    expect(warren).toEqual({ code: 0, stdout: `Exporting definitions in JSON to a file at "${file}" ...\n`, stderr: "" });
    if (ctl.code === 0) expect(warren.stdout).toBe(ctl.stdout);
    expect(ours(readFileSync(file, "utf8")).length).toBeGreaterThan(5);
  });

  for (const args of [["export_definitions"], ["export_definitions", "a", "b"], ["export_definitions", "/nonexistent/x.json"], ["export_definitions", "-", "--format", "xml"]]) {
    it(args.join(" "), () => compare(args).then(() => undefined));
  }

  it("import_definitions of a file: same output and same resulting state", async () => {
    const file = join(dir, "import.json");
    writeFile(file, JSON.stringify({
      vhosts: [{ name: "t-cfg-imp" }],
      permissions: [{ user: "guest", vhost: "t-cfg-imp", configure: ".*", write: ".*", read: ".*" }],
      queues: [{ name: "q1", vhost: "t-cfg-imp", durable: true, auto_delete: false, arguments: { "x-max-length": 3 } }],
      policies: [{ vhost: "t-cfg-imp", name: "p1", pattern: "^q", "apply-to": "queues", definition: { "max-length": 9 }, priority: 2 }],
    }));
    const reset = () => must("DELETE", "/api/vhosts/t-cfg-imp");
    const snapshot = async () => [
      (await http("GET", "/api/queues/t-cfg-imp?columns=name,durable,arguments")).body,
      (await http("GET", "/api/policies/t-cfg-imp")).body,
      (await http("GET", "/api/vhosts/t-cfg-imp/permissions")).body,
    ];
    for (const extra of [[], ["--formatter", "json"], ["-q"], ["--skip-if-unchanged"]]) {
      await reset();
      const ctl = await runSide("ctl", ["import_definitions", file, ...extra]);
      const ctlState = await onSide("ctl", snapshot);
      await reset();
      const warren = await runSide("warren", ["import_definitions", file, ...extra]);
      expectSame({ ctl, warren });
      expect(await onSide("warren", snapshot)).toEqual(ctlState);
    }
    // from stdin
    await reset();
    const pair = await both(["import_definitions"], { stdin: readFileSync(file, "utf8") });
    expectSame(pair);
    for (const s of sides) expect(((await onSide(s, snapshot))[0] as unknown[]).length).toBe(1);
  });

  const bad: [string, string][] = [["unexpected token", '{"a":}'], ["end of input", "[1,2"], ["trailing garbage", '{"a":1} x'], ["not an object", '"str"'], ["node-side error", '{"users":[{"name":"t-cfg-nope"}]}'], ["missing vhost", '{"queues":[{"name":"q","vhost":"t-cfg-nosuchvh","durable":true,"auto_delete":false,"arguments":{}}]}']];
  for (const [what, text] of bad) {
    it(`import_definitions: ${what}`, async () => {
      const file = join(dir, "bad.json");
      writeFile(file, text);
      await compare(["import_definitions", file]);
    });
  }
  for (const args of [["import_definitions", "/nonexistent.json"], ["import_definitions", "a", "b"], ["import_definitions", "/tmp"], ["import_definitions", "x", "--format", "xml"]]) {
    it(args.join(" "), () => compare(args).then(() => undefined));
  }
  it("import_definitions of an empty file", async () => {
    const file = join(dir, "empty.json");
    writeFile(file, "");
    await compare(["import_definitions", file]);
  });
});

describe.skipIf(!REAL)("compat: feature flags", () => {
  it("list_feature_flags", () => compare(["list_feature_flags"], { head: 2 }).then(() => undefined));
  it("list_feature_flags, every column", () => compare(["list_feature_flags", "name", "desc", "doc_url", "provided_by", "stability", "state"], { head: 2 }).then(() => undefined));
  it("list_feature_flags --formatter json", () => compare(["list_feature_flags", "--formatter", "json"], { head: 1 }).then(() => undefined));
  it("list_feature_flags -s", () => compare(["list_feature_flags", "-s"], { head: 0 }).then(() => undefined));
  it("list_feature_flags bogus", () => compare(["list_feature_flags", "bogus", "name"]).then(() => undefined));
  it("enable_feature_flag of a bogus name", () => compare(["enable_feature_flag", "t_cfg_bogus_flag"]).then(() => undefined));
  it("enable_feature_flag of a bogus name, json", () => compare(["enable_feature_flag", "t_cfg_bogus_flag", "--formatter", "json"]).then(() => undefined));
  it("enable_feature_flag of an enabled flag", () => compare(["enable_feature_flag", "quorum_queue"]).then(() => undefined));
  for (const args of [["enable_feature_flag"], ["enable_feature_flag", ""], ["enable_feature_flag", "a", "b"]]) {
    it(args.join(" ") || "enable_feature_flag ''", () => compare(args).then(() => undefined));
  }
});

describe.skipIf(!REAL)("compat: operations", () => {
  beforeAll(async () => {
    await cleanup();
    await must("PUT", `/api/vhosts/${VH_CONN}`);
    await must("PUT", `/api/users/${USER}`, { password: "pw", tags: "" });
    await must("PUT", `/api/permissions/${VH_CONN}/${USER}`, { configure: ".*", write: ".*", read: ".*" });
  });
  afterAll(cleanup);

  /** Opens n connections to our vhost and records what each is told when the node closes it. */
  async function open(n: number): Promise<{ reasons: string[]; close(): Promise<void> }> {
    const reasons: string[] = [];
    const conns = await Promise.all(Array.from({ length: n }, () => amqp.connect(amqpUrl(VH_CONN, USER, "pw"))));
    for (const c of conns) {
      c.on("error", () => undefined);
      c.on("close", (e?: Error) => reasons.push(e?.message ?? "closed"));
    }
    return { reasons, close: async () => void (await Promise.all(conns.map((c) => c.close().catch(() => undefined)))) };
  }
  const settle = () => new Promise((r) => setTimeout(r, 1500));
  const sides2 = ["ctl", "warren"] as const;

  it("close_all_connections on our vhost with --limit: same output, same connections closed, same reason", async () => {
    const results: { out: string; reasons: string[] }[] = [];
    for (const s of sides2) {
      await onSide(s, async () => {
        const c = await open(3);
        const r = await runSide(s, ["close_all_connections", "-p", VH_CONN, "--limit", "2", "t-cfg bye é"]);
        await settle();
        results.push({ out: `${r.code}\n${r.stdout}${r.stderr}`, reasons: [...c.reasons] });
        await c.close();
      });
    }
    expect(results[1]).toEqual(results[0]);
    expect(results[0]!.reasons).toEqual(Array(2).fill('Connection closed: 320 (CONNECTION-FORCED) with message "CONNECTION_FORCED - t-cfg bye é"'));
  });

  it("close_all_connections of a vhost without connections, and json", async () => {
    await compare(["close_all_connections", "-p", "t-cfg-none", "bye"]);
    await compare(["close_all_connections", "-p", "t-cfg-none", "bye", "--formatter", "json"]);
    await compare(["close_all_connections", "-p", "t-cfg-none", "-q", "bye"]);
  });

  it("close_all_user_connections of our user", async () => {
    const results: { out: string; reasons: string[] }[] = [];
    for (const s of sides2) {
      await onSide(s, async () => {
        const c = await open(2);
        const r = await runSide(s, ["close_all_user_connections", USER, "user bye"]);
        await settle();
        results.push({ out: `${r.code}\n${r.stdout}${r.stderr}`, reasons: [...c.reasons] });
        await c.close();
      });
    }
    expect(results[1]).toEqual(results[0]);
    expect(results[0]!.reasons).toHaveLength(2);
  });

  it("close_connection: rabbitmqctl takes the pid, warrenctl the name list_connections shows", () => onSide("warren", async () => {
    const c = await open(1);
    let name: string | undefined;
    for (let i = 0; i < 40 && !name; i++) {
      name = ((await http("GET", `/api/vhosts/${VH_CONN}/connections?columns=name`)).body as { name: string }[])[0]?.name;
      if (!name) await new Promise((r) => setTimeout(r, 250));
    }
    const r = await runSide("warren", ["close_connection", name!, "one bye"]);
    await settle();
    expect(r).toEqual({ code: 0, stdout: `Closing connection ${name}, reason: one bye...\n`, stderr: "" });
    expect(c.reasons).toEqual(['Connection closed: 320 (CONNECTION-FORCED) with message "CONNECTION_FORCED - one bye"']);
    await c.close();
  }));

  const args: string[][] = [
    ["close_connection"], ["close_connection", "a"], ["close_all_user_connections", "x"], ["close_all_connections"],
    ["close_all_connections", "-p", "t-cfg-none", "a", "b"], ["close_all_connections", "-p", "t-cfg-none", "bye", "--per-connection-delay", "x"],
    ["eval", ""], ["eval"], ["eval_file", ""], ["eval_file", "/nonexistent.erl"], ["exec", ""], ["exec", "a", "b"], ["exec"],
  ];
  for (const a of args) it(a.join(" "), () => compare(a).then(() => undefined));

  it("eval and exec fail clearly (no Erlang runtime), changing nothing", async () => {
    for (const a of [["eval", "1+1."], ["exec", "1+1"]]) {
      const r = await runWarren(a);
      expect(r.code).toBe(69);
      expect(r.stdout).toBe("");
      expect(r.stderr).toMatch(/Nothing was evaluated\.\n$/);
    }
  });
});
