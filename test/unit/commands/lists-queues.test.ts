// list_* (monitoring), delete_queue/purge_queue (queues), sync_queue/cancel_sync_queue (replication): banners,
// argument and column checks, run in-process with --dry-run or failing validation (no node is contacted).
import { describe, expect, it } from "vitest";
import { REGISTRY } from "../../../src/cli/registry.js";
import type { Opts, Row } from "../../../src/cli/types.js";
import { runInProcess } from "../../helpers/run-cli.js";

// an unroutable target: a test that reached the network would fail instead of passing by accident
const env = { WARRENCTL_URL: "http://127.0.0.1:9" };
const run = (...args: string[]) => runInProcess(args, env);
const USAGE_PREFIX = "warrenctl [--node <node>] [--longnames] [--quiet] ";

// "must be one of" lists as `rabbitmqctl help <command>` prints them (3.10.8)
const HELP_COLUMNS: Record<string, string> = {
  list_queues: "arguments, auto_delete, consumer_capacity, consumer_utilisation, consumers, disk_reads, disk_writes, durable, exclusive, exclusive_consumer_pid, exclusive_consumer_tag, head_message_timestamp, leader, members, memory, message_bytes, message_bytes_persistent, message_bytes_ram, message_bytes_ready, message_bytes_unacknowledged, messages, messages_persistent, messages_ram, messages_ready, messages_ready_ram, messages_unacknowledged, messages_unacknowledged_ram, name, online, owner_pid, pid, policy, slave_pids, state, synchronised_slave_pids, type",
  list_exchanges: "arguments, auto_delete, durable, internal, name, policy, type",
  list_bindings: "arguments, destination_kind, destination_name, routing_key, source_kind, source_name",
  list_consumers: "ack_required, active, activity_status, arguments, channel_pid, consumer_tag, prefetch_count, queue_name",
  list_connections: "auth_mechanism, channel_max, channels, client_properties, connected_at, frame_max, host, name, peer_cert_issuer, peer_cert_subject, peer_cert_validity, peer_host, peer_port, pid, port, protocol, recv_cnt, recv_oct, send_cnt, send_oct, send_pend, ssl, ssl_cipher, ssl_hash, ssl_key_exchange, ssl_protocol, state, timeout, user, vhost",
  list_channels: "acks_uncommitted, confirm, connection, consumer_count, global_prefetch_count, messages_unacknowledged, messages_uncommitted, messages_unconfirmed, name, number, pid, prefetch_count, transactional, user, vhost",
};
const DEFAULTS: Record<string, string[]> = {
  list_queues: ["name", "messages"],
  list_exchanges: ["name", "type"],
  list_bindings: ["source_name", "source_kind", "destination_name", "destination_kind", "routing_key", "arguments"],
  list_consumers: ["queue_name", "channel_pid", "consumer_tag", "ack_required", "prefetch_count", "active", "arguments"],
  list_connections: ["user", "peer_host", "peer_port", "state"],
  list_channels: ["pid", "user", "consumer_count", "messages_unacknowledged"],
};

describe("list commands: columns", () => {
  for (const [name, cols] of Object.entries(HELP_COLUMNS)) {
    it(`${name} accepts exactly rabbitmqctl's info keys and has its defaults`, () => {
      const cmd = REGISTRY.get(name)!;
      expect([...cmd.columns!.allowed].sort().join(", ")).toBe(cols);
      expect(cmd.columns!.defaults).toEqual(DEFAULTS[name]);
      expect(cmd.formatter).toBe("table");
    });
  }

  it("rejects unknown info keys, sorted and comma-joined, with the usage (exit 64)", async () => {
    const r = await run("list_queues", "-p", "demo", "name", "bogus", "other");
    expect(r.code).toBe(64);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe(
      "Error (argument validation): Info key(s) bogus,other are not supported\nArguments given:\n\tlist_queues -p demo name bogus other\n\n" +
      `\u001b[1mUsage\u001b[0m\n\n${USAGE_PREFIX}list_queues [--vhost <vhost>] [--online] [--offline] [--local] [--no-table-headers] [<column>, ...] [--timeout <timeout>]\n`,
    );
  });

  it("checks comma-separated columns too", async () => {
    const r = await run("list_connections", "name,x", "bogus");
    expect(r.code).toBe(64);
    expect(r.stderr).toContain("Info key(s) bogus,x are not supported\n");
    expect(r.stderr).toContain(`${USAGE_PREFIX}list_connections [--no-table-headers] [<column> ...] [--timeout <timeout>]\n`);
  });

  it("list_channels' usage has no --timeout, as rabbitmqctl's", async () => {
    const r = await run("list_channels", "nope");
    expect(r.stderr).toContain(`${USAGE_PREFIX}list_channels [--no-table-headers] [<column> ...]\n`);
  });

  it("list_consumers prints the chosen keys in its fixed order, not in the order asked", () => {
    const cmd = REGISTRY.get("list_consumers")!;
    const rows: Row[] = [];
    const out = cmd.output!(rows, { columns: ["arguments", "ack_required", "queue_name", "activity_status"] } as unknown as Opts);
    expect(out).toMatchObject({ kind: "rows", columns: ["queue_name", "ack_required", "activity_status", "arguments"], stream: true });
  });

  it("--no-table-headers is a table-formatter switch only", async () => {
    const r = await run("list_exchanges", "--formatter", "json", "--no-table-headers");
    expect(r.code).toBe(64);
    expect(r.stderr).toContain("Invalid options for this command:\n--no-table-headers : \n");
  });

  it("list_queues' own switches are accepted; others are not", async () => {
    expect((await run("list_queues", "--online", "--offline", "--local", "--dry-run")).code).toBe(0);
    const r = await run("list_exchanges", "--local");
    expect(r.code).toBe(64);
    expect(r.stderr).toContain("--local : \n");
  });
});

describe("list commands: banners", () => {
  const cases: [string[], string][] = [
    [["list_queues"], "Timeout: 60.0 seconds ...\nListing queues for vhost / ...\n"],
    [["list_queues", "-p", "demo", "name", "type"], "Timeout: 60.0 seconds ...\nListing queues for vhost demo ...\n"],
    [["list_queues", "-t", "5", "-p", "café ü"], "Timeout: 5.0 seconds ...\nListing queues for vhost café ü ...\n"],
    [["list_exchanges"], "Listing exchanges for vhost / ...\n"],
    [["list_exchanges", "-p", "demo"], "Listing exchanges for vhost demo ...\n"],
    [["list_bindings", "-p", "demo"], "Listing bindings for vhost demo...\n"],
    [["list_consumers"], "Listing consumers in vhost / ...\n"],
    [["list_connections", "-p", "ignored"], "Listing connections ...\n"],
    [["list_channels"], "Listing channels ...\n"],
  ];
  for (const [args, banner] of cases) {
    it(args.join(" "), async () => {
      expect(await run(...args, "--dry-run")).toEqual({ stdout: banner, stderr: "", code: 0 });
    });
  }

  it("-q, -s and machine formatters print no banner", async () => {
    for (const extra of [["-q"], ["-s"], ["--formatter", "json"], ["--formatter", "csv"]]) {
      expect(await run("list_queues", ...extra, "--dry-run")).toEqual({ stdout: "", stderr: "", code: 0 });
    }
  });

  it("list_queues -t 0 times out before the banner (exit 75)", async () => {
    const r = await run("list_queues", "-t", "0", "-p", "demo", "-n", "rabbit@vm");
    expect(r).toEqual({ stdout: "", stderr: "Error: operation list_queues on node rabbit@vm timed out. Timeout value used: 0\n", code: 75 });
  });

  it("list_queues defaults its timeout to 60 s (other lists have none)", () => {
    const base = { node: "rabbit@h", quiet: false, silent: false, tableHeaders: true, padToHeader: false, dryRun: false, longnames: false } as Opts;
    expect(REGISTRY.get("list_queues")!.mergeDefaults!([], base)[1].timeout).toBe(60_000);
    expect(REGISTRY.get("list_queues")!.mergeDefaults!([], { ...base, timeout: 7000 })[1].timeout).toBe(7000);
    expect(REGISTRY.get("list_exchanges")!.mergeDefaults!([], base)[1].timeout).toBeUndefined();
  });
});

describe("delete_queue / purge_queue", () => {
  const usage = `${USAGE_PREFIX}delete_queue <queue_name> [--if-empty|-e] [--if-unused|-u] [--timeout <timeout>]`;
  it("banners name the conditions", async () => {
    expect((await run("delete_queue", "-p", "demo", "d1", "--dry-run")).stdout).toBe("Deleting queue 'd1' on vhost 'demo' ...\n");
    expect((await run("delete_queue", "d1", "-e", "--dry-run")).stdout).toBe("Deleting queue 'd1' on vhost '/' if queue is empty ...\n");
    expect((await run("delete_queue", "d1", "--if-unused", "--dry-run")).stdout).toBe("Deleting queue 'd1' on vhost '/' if queue is unused ...\n");
    expect((await run("delete_queue", "d1", "-u", "-e", "--dry-run")).stdout).toBe("Deleting queue 'd1' on vhost '/' if queue is empty and if queue is unused ...\n");
    expect((await run("purge_queue", "-p", "demo", "q.plain", "--dry-run")).stdout).toBe("Purging queue 'q.plain' in vhost 'demo' ...\n");
    expect((await run("purge_queue", "q", "--dry-run", "-q")).stdout).toBe("");
  });

  it("need exactly one queue name (exit 64)", async () => {
    const none = await run("delete_queue", "-p", "demo");
    expect(none.code).toBe(64);
    expect(none.stderr).toBe(`Error (argument validation): not enough arguments.\nArguments given:\n\tdelete_queue -p demo\n\n\u001b[1mUsage\u001b[0m\n\n${usage}\n`);
    const two = await run("delete_queue", "a", "b");
    expect(two.stderr).toContain("too many arguments.\nArguments given:\n\tdelete_queue a b\n");
    const purge = await run("purge_queue");
    expect(purge.code).toBe(64);
    expect(purge.stderr).toContain(`not enough arguments.\nArguments given:\n\tpurge_queue\n\n\u001b[1mUsage\u001b[0m\n\n${USAGE_PREFIX}purge_queue <queue> [--timeout <timeout>]\n`);
  });

  it("delete_queue's success sentence is a message (printed even with -s; csv gets a message column, not rabbitmqctl's crash)", () => {
    const cmd = REGISTRY.get("delete_queue")!;
    expect(cmd.output!(3, { formatter: "string" } as Opts)).toEqual({ kind: "message", text: "Queue was successfully deleted with 3 ready messages" });
    expect(cmd.output!(0, { formatter: "csv" } as Opts)).toEqual({ kind: "message", text: "Queue was successfully deleted with 0 ready messages" });
  });
});

describe("sync_queue / cancel_sync_queue", () => {
  it("banners", async () => {
    expect((await run("sync_queue", "-p", "demo", "q1", "--dry-run")).stdout).toBe("Synchronising queue 'q1' in vhost 'demo' ...\n");
    expect((await run("cancel_sync_queue", "q1", "--dry-run")).stdout).toBe("Stopping synchronising queue 'q1' in vhost '/' ...\n");
  });

  it("need exactly one queue name (exit 64)", async () => {
    const r = await run("sync_queue");
    expect(r.code).toBe(64);
    expect(r.stderr).toBe(`Error (argument validation): not enough arguments.\nArguments given:\n\tsync_queue\n\n\u001b[1mUsage\u001b[0m\n\n${USAGE_PREFIX}sync_queue [--vhost <vhost>] <queue>\n`);
    expect((await run("cancel_sync_queue", "a", "b")).stderr).toContain(`too many arguments.\nArguments given:\n\tcancel_sync_queue a b\n\n\u001b[1mUsage\u001b[0m\n\n${USAGE_PREFIX}cancel_sync_queue [--vhost <vhost>] <queue>\n`);
  });

  it("cancel_sync_queue's not_syncing answer per formatter", () => {
    const cmd = REGISTRY.get("cancel_sync_queue")!;
    expect(cmd.output!("not_syncing", { formatter: "string", node: "rabbit@vm" } as Opts)).toEqual({ kind: "lines", lines: ["not_syncing"] });
    expect(cmd.output!("not_syncing", { formatter: "json", node: "rabbit@vm" } as Opts)).toMatchObject({ json: { node: "rabbit@vm", result: "ok", value: "not_syncing" } });
    // rabbitmqctl crashes on csv here; we print the atom as a one-column value
    expect(cmd.output!("not_syncing", { formatter: "csv", node: "rabbit@vm" } as Opts)).toEqual({ kind: "value", text: "not_syncing", json: "not_syncing" });
    expect(cmd.output!("ok", { formatter: "json", node: "rabbit@vm" } as Opts)).toEqual({ kind: "ok" });
  });
});
