// list_queues, list_exchanges, list_bindings, list_consumers, list_connections, list_channels: warrenctl against
// the real rabbitmqctl on the shared fixture. Masks cover only what HTTP cannot give: pids, a queue's memory
// reading, disk_reads/writes, the AMQP integer subtype and key order of queue arguments (HTTP sends sorted JSON).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compare, http, MODE, onSide, REAL, sides, type CompareOptions } from "./harness.js";
import { buildState, Q, VH, VH_EMPTY, type Fixture } from "./fixture.js";

const enc = encodeURIComponent;

/** Waits until the statistics database shows the fixture (consumer, prefetch, message counts): stats lag. */
async function settled(): Promise<void> {
  for (let i = 0; i < 150; i++) {
    const qs = (await http("GET", `/api/queues/${enc(VH)}?columns=name,consumers,messages,message_bytes`)).body as Record<string, unknown>[];
    const chs = (await http("GET", `/api/vhosts/${enc(VH)}/channels?columns=name,prefetch_count,consumer_count`)).body as Record<string, unknown>[];
    const q = (n: string) => qs.find((x) => x.name === n);
    if (q(Q.args)?.consumers === 1 && q(Q.plain)?.messages === 3 && q(Q.plain)?.message_bytes === 6 && q(Q.unicode)?.messages === 1 &&
      chs.length === 2 && chs.some((c) => c.prefetch_count === 10 && c.consumer_count === 1)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("statistics never caught up with the fixture");
}

/** Blanks the cells of some columns (by position) in tab- or csv-separated rows, and those keys in json rows. */
function maskCells(positions: number[], keys: string[] = []): (s: string) => string {
  return (s) => s.split("\n").map((line) => {
    if (line.startsWith("{") || line.startsWith(",{")) {
      return keys.reduce((l, k) => l.replace(new RegExp(`"${k}":("(?:[^"\\\\]|\\\\.)*"|\\d+)`), `"${k}":"*"`), line);
    }
    const sep = line.includes("\t") ? "\t" : line.startsWith('"') ? '","' : undefined;
    if (sep === undefined) return line;
    const cells = line.split(sep);
    for (const p of positions) if (p < cells.length) cells[p] = "*";
    return cells.join(sep);
  }).join("\n");
}

/** json AMQP integer subtypes unified: HTTP sends plain numbers, so byte/short/signedint/long are inferred. */
const intTypes = (s: string): string => s.replace(/"(byte|short|signedint|long|unsignedbyte|unsignedshort|unsignedint)",/g, '"int",');

/** AMQP table entries sorted: HTTP sends queue arguments in sorted key order, rabbitmqctl in declaration order. */
function sortTables(s: string): string {
  return s
    .replace(/\[(\{"[^\]]*?\})\]/g, (_m, inner: string) => `[${inner.split("},{").map((e) => e.replace(/^\{|\}$/g, "")).sort().map((e) => `{${e}}`).join(",")}]`)
    .replace(/\[(\["[^[\]]*\](?:,\["[^[\]]*\])*)\]/g, (_m, inner: string) => `[${inner.slice(1, -1).split("],[").sort().map((e) => `[${e}]`).join(",")}]`);
}

const check = (args: string[], opts: CompareOptions = {}) => compare(args, opts).then(() => undefined);
// rows after banner + header compare as a set: the API sorts by name, rabbitmqctl prints table order
const TABLE = 3;

describe.skipIf(!REAL)("compat: list_queues", () => {
  let fx: Fixture;
  beforeAll(async () => {
    fx = await buildState();
    await settled();
  });
  afterAll(async () => fx?.close());

  // first: the fixture's TTL policy expires q.plain's messages 60 s after they were published
  it("statistics columns", () => check(["list_queues", "-p", VH, "name", "consumers", "consumer_utilisation", "consumer_capacity", "messages_ram",
    "messages_ready_ram", "messages_unacknowledged_ram", "messages_persistent", "message_bytes", "message_bytes_ready", "message_bytes_unacknowledged",
    "message_bytes_ram", "message_bytes_persistent", "head_message_timestamp", "exclusive_consumer_tag", "owner_pid", "exclusive_consumer_pid"], { head: TABLE }));
  it("--formatter json", () => check(["list_queues", "-p", VH, "name", "messages", "consumers", "durable", "auto_delete", "arguments", "consumer_utilisation",
    "policy", "owner_pid", "--formatter", "json"], { head: 1, mask: (o) => sortTables(intTypes(o)) }));
  it("default columns", () => check(["list_queues", "-p", VH], { head: TABLE }));
  it("-q", () => check(["list_queues", "-p", VH, "-q"], { head: 1 }));
  it("-s", () => check(["list_queues", "-p", VH, "-s"], { head: 0 }));
  it("--no-table-headers", () => check(["list_queues", "-p", VH, "--no-table-headers"], { head: 2 }));
  it("--pad-to-header, comma-separated columns", () => check(["list_queues", "-p", VH, "name,messages,durable", "--pad-to-header"], { head: TABLE }));
  it("-t 5 shows its timeout", () => check(["list_queues", "-t", "5", "-p", VH, "name"], { head: TABLE }));
  it("live columns", () => check(["list_queues", "-p", VH, "name", "durable", "auto_delete", "exclusive", "arguments", "policy", "type", "state",
    "messages", "messages_ready", "messages_unacknowledged", "leader", "members", "online", "slave_pids", "synchronised_slave_pids", "-q"], { head: 1, mask: sortTables }));
  it("pid, memory, disk_reads, disk_writes (values masked)", () => check(["list_queues", "-p", VH, "name", "pid", "memory", "disk_reads", "disk_writes", "-q"],
    { head: 1, mask: maskCells([1, 2, 3, 4]) }));
  it("--formatter json, pids masked", () => check(["list_queues", "-p", VH, "name", "pid", "--formatter", "json"], { head: 1, mask: maskCells([], ["pid"]) }));
  it("--formatter csv", () => check(["list_queues", "-p", VH, "--formatter", "csv", "name", "messages", "type", "policy"], { head: 1 }));
  it("--online, --offline, --local", async () => {
    await check(["list_queues", "-p", VH, "--online", "name", "messages"], { head: TABLE });
    await check(["list_queues", "-p", VH, "--offline", "name"], { head: TABLE });
    await check(["list_queues", "-p", VH, "--local", "--offline", "name", "-q"], { head: 1 });
  });
  it("empty vhost", async () => {
    await check(["list_queues", "-p", VH_EMPTY]);
    await check(["list_queues", "-p", VH_EMPTY, "--formatter", "json"]);
    await check(["list_queues", "-p", VH_EMPTY, "--formatter", "csv"]);
  });
  it("missing vhost succeeds with nothing listed", async () => {
    const { warren } = await compare(["list_queues", "-p", "compat-nosuch"]);
    expect(warren.code).toBe(0);
    await check(["list_queues", "-p", "compat-nosuch", "--formatter", "json"]);
  });
  it("bad columns", () => check(["list_queues", "-p", VH, "name", "bogus", "other"]));
});

describe.skipIf(!REAL)("compat: list_exchanges, list_bindings, list_consumers", () => {
  let fx: Fixture;
  beforeAll(async () => {
    fx = await buildState();
    await settled();
  });
  afterAll(async () => fx?.close());

  it("list_exchanges default", () => check(["list_exchanges", "-p", VH], { head: 2 }));
  it("list_exchanges every column -q", () => check(["list_exchanges", "-p", VH, "name", "type", "durable", "auto_delete", "internal", "arguments", "policy", "-q"], { head: 1 }));
  it("list_exchanges -s / --no-table-headers", async () => {
    await check(["list_exchanges", "-p", VH, "-s", "name"], { head: 0 });
    await check(["list_exchanges", "-p", VH, "--no-table-headers"], { head: 1 });
  });
  it("list_exchanges json / csv", async () => {
    await check(["list_exchanges", "-p", VH, "name", "type", "durable", "arguments", "--formatter", "json"], { head: 1 });
    await check(["list_exchanges", "-p", VH, "--formatter", "csv"], { head: 1 });
  });
  it("list_exchanges in an empty and a missing vhost", async () => {
    await check(["list_exchanges", "-p", VH_EMPTY, "-q"], { head: 1 });
    await check(["list_exchanges", "-p", "compat-nosuch"]);
  });
  it("list_exchanges bad column", () => check(["list_exchanges", "nope"]));

  it("list_bindings default", () => check(["list_bindings", "-p", VH], { head: 2 }));
  it("list_bindings json", () => check(["list_bindings", "-p", VH, "--formatter", "json"], { head: 1, mask: intTypes }));
  it("list_bindings csv", () => check(["list_bindings", "-p", VH, "--formatter", "csv"], { head: 1 }));
  it("list_bindings columns -s", () => check(["list_bindings", "-p", VH, "routing_key", "source_name", "destination_kind", "-s"], { head: 0 }));
  it("list_bindings empty / missing vhost", async () => {
    await check(["list_bindings", "-p", VH_EMPTY]);
    await check(["list_bindings", "-p", "compat-nosuch", "--formatter", "json"]);
  });

  it("list_consumers default (channel pid masked)", () => check(["list_consumers", "-p", VH], { head: 2, mask: maskCells([1]) }));
  it("list_consumers json (channel pid masked)", () => check(["list_consumers", "-p", VH, "--formatter", "json"], { head: 1, mask: maskCells([], ["channel_pid"]) }));
  it("list_consumers csv", () => check(["list_consumers", "-p", VH, "--formatter", "csv", "queue_name", "consumer_tag", "arguments"], { head: 1 }));
  it("list_consumers keeps its own column order", () => check(["list_consumers", "-p", VH, "arguments", "activity_status", "ack_required", "queue_name", "prefetch_count", "active"], { head: 2 }));
  it("list_consumers empty / missing vhost / default vhost", async () => {
    await check(["list_consumers", "-p", VH_EMPTY]);
    await check(["list_consumers", "-p", "compat-nosuch"]);
    await check(["list_consumers", "-p", VH_EMPTY, "--formatter", "json"]);
  });
  it("list_consumers bad column", () => check(["list_consumers", "name"]));
});

describe.skipIf(!REAL)("compat: list_connections, list_channels", () => {
  let fx: Fixture;
  /** The fixture's connection on each node under comparison (one in rabbitmq mode, two in warren mode). */
  const fixtureConns: { name: string; port: number }[] = [];
  beforeAll(async () => {
    fx = await buildState();
    await settled();
    for (const s of sides) {
      const c = await onSide(s, async () => ((await http("GET", `/api/vhosts/${enc(VH)}/connections?columns=name,peer_port`)).body as { name: string; peer_port: number }[])[0]!);
      fixtureConns.push({ name: c.name, port: c.peer_port });
    }
  });
  afterAll(async () => fx?.close());

  // other clients of the shared node may be connected: keep the first `keep` lines (banner, header) and the
  // fixture's own rows, plus json's closing bracket; in warren mode each node's connection name and port
  // (which differ between the nodes) read as <conn> and <port>
  const ours = (keep: number, token: (c: { name: string; port: number }) => string) => (s: string) => {
    const kept = s.split("\n").filter((l, i) => i < keep || l === "]" || l === "" || fixtureConns.some((c) => l.includes(token(c)))).join("\n");
    if (MODE !== "warren") return kept;
    return fixtureConns.reduce((t, c) => t.split(c.name).join("<conn>").split(`\t${c.port}\t`).join("\t<port>\t"), kept);
  };
  const onlyPort = (keep: number) => ours(keep, (c) => `\t${c.port}\t`);
  const onlyConn = (keep: number) => ours(keep, (c) => c.name);
  /** In warren mode, also the columns that are the node's own: connected_at (a timestamp), port (the node's AMQP port). */
  const nodeOwn = (positions: number[]) => (s: string) => (MODE === "warren" ? maskCells(positions)(s) : s);

  it("list_connections default", () => check(["list_connections"], { head: 2, mask: onlyPort(2) }));
  it("list_connections -q, -s", async () => {
    await check(["list_connections", "-q"], { head: 1, mask: onlyPort(1) });
    await check(["list_connections", "-s", "name", "user", "vhost"], { head: 0, mask: onlyConn(0) });
  });
  it("list_connections many columns", () => check(["list_connections", "name", "user", "vhost", "state", "channels", "protocol", "auth_mechanism", "ssl", "connected_at",
    "host", "port", "peer_host", "peer_port", "timeout", "frame_max", "channel_max", "ssl_protocol", "ssl_cipher", "ssl_hash", "ssl_key_exchange",
    "peer_cert_subject", "peer_cert_issuer", "peer_cert_validity", "-q"], { head: 1, mask: (s) => nodeOwn([8, 10, 12])(onlyConn(1)(s)) }));
  it("list_connections json (protocol tuple, IP tuples)", () => check(["list_connections", "name", "peer_host", "host", "protocol", "vhost", "--formatter", "json"], { head: 1, mask: onlyConn(1) }));
  it("list_connections pid (masked)", () => check(["list_connections", "name", "pid", "-q"], { head: 1, mask: (s) => maskCells([1])(onlyConn(1)(s)) }));
  it("list_connections bad columns", () => check(["list_connections", "bogus", "name", "x"]));

  it("list_channels default (pid masked)", () => check(["list_channels"], { head: 2, mask: (s) => maskCells([0])(ours(2, () => "\tguest\t")(s)) }));
  it("list_channels many columns", () => check(["list_channels", "name", "number", "user", "vhost", "transactional", "confirm", "prefetch_count", "global_prefetch_count",
    "consumer_count", "messages_unacknowledged", "messages_uncommitted", "messages_unconfirmed", "acks_uncommitted", "-q"], { head: 1, mask: onlyConn(1) }));
  it("list_channels json, pids masked", () => check(["list_channels", "name", "pid", "connection", "prefetch_count", "--formatter", "json"],
    { head: 1, mask: (s) => maskCells([], ["pid", "connection"])(onlyConn(1)(s)) }));
  it("list_channels bad column", () => check(["list_channels", "--formatter", "json", "bogus"]));
});
