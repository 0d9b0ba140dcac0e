// How the list_* and queue commands use the management API, against a small fake server: which requests they
// make (live totals, columns, page 1 then one streamed pass), and how HTTP answers become rabbitmqctl's output.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { jsonArrayBatches } from "../../../src/cli/commands/monitoring/_json_array.js";
import { runInProcess } from "../../helpers/run-cli.js";

type Handler = (url: URL, req: http.IncomingMessage) => { status?: number; body?: unknown; chunks?: string[] };
let handler: Handler = () => ({ status: 404 });
const seen: { method: string; url: URL; accept: string | undefined }[] = [];
let server: http.Server;
let base = "";

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    seen.push({ method: req.method ?? "", url, accept: req.headers.accept });
    const r = handler(url, req);
    res.writeHead(r.status ?? 200, { "content-type": "application/json" });
    // chunks split anywhere, even inside an element, to exercise the incremental reader
    for (const c of r.chunks ?? (r.body === undefined ? [] : [JSON.stringify(r.body)])) res.write(c);
    res.end();
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((ok) => server.close(() => ok())));
beforeEach(() => {
  seen.length = 0;
});

const run = (...args: string[]) => runInProcess([...args, "--url", base], { WARRENCTL_NODE: "rabbit@vm", WARRENCTL_URL: undefined });
const notFound = { status: 404, body: { error: "Object Not Found", reason: "Not Found" } };

async function collect(chunks: string[]): Promise<unknown[]> {
  async function* gen(): AsyncGenerator<Buffer> {
    for (const c of chunks) yield Buffer.from(c, "utf8");
  }
  const out: unknown[] = [];
  for await (const batch of jsonArrayBatches(gen())) out.push(...batch);
  return out;
}

describe("jsonArrayBatches", () => {
  it("parses elements split across chunks, with brackets, commas and escapes inside strings", async () => {
    const items = [{ name: "a,]}[{", n: 1 }, { name: 'q"\\', args: { x: [1, { y: "}" }] } }, { name: "café-ü✓" }];
    const text = JSON.stringify(items);
    for (const size of [1, 2, 3, 7, text.length]) {
      const chunks: string[] = [];
      for (let i = 0; i < text.length; i += size) chunks.push(text.slice(i, i + size));
      expect(await collect(chunks)).toEqual(items);
    }
  });

  it("keeps UTF-8 characters split between chunks whole", async () => {
    const bytes = Buffer.from('[{"name":"✓ü"}]', "utf8");
    async function* gen(): AsyncGenerator<Buffer> {
      for (let i = 0; i < bytes.length; i++) yield bytes.subarray(i, i + 1);
    }
    const out: unknown[] = [];
    for await (const b of jsonArrayBatches(gen())) out.push(...b);
    expect(out).toEqual([{ name: "✓ü" }]);
  });

  it("handles empty arrays, whitespace and scalar elements", async () => {
    expect(await collect(["[ ]"])).toEqual([]);
    expect(await collect(["[\n 1 , \"x\",", "null,true ]"])).toEqual([1, "x", null, true]);
  });
});

describe("list_queues over HTTP", () => {
  it("reads live totals in one streamed request when the columns allow", async () => {
    handler = () => ({ chunks: ['[{"name":"a","type":"classic","messages":1},', '{"name":"b","type":"cla', 'ssic","messages":0}]'] });
    const r = await run("list_queues", "-p", "v1");
    expect(r).toEqual({ stdout: "Timeout: 60.0 seconds ...\nListing queues for vhost v1 ...\nname\tmessages\na\t1\nb\t0\n", stderr: "", code: 0 });
    expect(seen).toHaveLength(1);
    const q = seen[0]!.url;
    expect(q.pathname).toBe("/api/queues/v1");
    expect(Object.fromEntries(q.searchParams)).toEqual({ disable_stats: "true", enable_queue_totals: "true", columns: "name,type,messages" });
  });

  it("with stats columns asks for page 1, then streams the rest once, skipping names already printed", async () => {
    handler = (url) => url.searchParams.get("page") === "1"
      ? { body: { items: [{ name: "a", type: "classic", consumers: 0 }, { name: "b", type: "classic", consumers: 2 }], page_count: 2 } }
      : { body: ["a", "b", "c", "d"].map((name) => ({ name, type: "classic", consumers: 1 })) };
    const r = await run("list_queues", "name", "consumers", "-q");
    expect(r.stdout).toBe("name\tconsumers\na\t0\nb\t2\nc\t1\nd\t1\n");
    expect(seen.map((s) => s.url.searchParams.has("disable_stats"))).toEqual([false, false]);
    expect(seen[0]!.url.searchParams.get("page_size")).toBe("500");
    expect(seen[1]!.url.searchParams.has("page")).toBe(false);
  });

  it("prints empty cells for keys a queue type lacks, and maps states, pids and utilisation", async () => {
    handler = () => ({ body: [
      { name: "c", type: "classic", exclusive: false, state: "running", node: "rabbit@vm", consumers: 1, consumer_utilisation: 1, leader: null },
      { name: "q", type: "quorum", exclusive: false, state: "running", node: "rabbit@vm", leader: "rabbit@b", members: ["rabbit@b", "rabbit@vm"], consumers: 0, consumer_utilisation: 0 },
    ] });
    const r = await run("list_queues", "name", "exclusive", "state", "pid", "leader", "members", "consumer_utilisation", "-s");
    expect(r.stdout).toBe("c\tfalse\trunning\trabbit@vm\t\t\t1.0\nq\t\trunning\trabbit@b\trabbit@b\t[rabbit@b, rabbit@vm]\t\n");
  });

  it("fills a stream queue's stats-only values with a request for that queue", async () => {
    handler = (url) => url.pathname === "/api/queues/v/s1"
      ? { body: { messages: 7, node: "rabbit@vm" } }
      : { body: [{ name: "s1", type: "stream", state: "live" }] };
    const r = await run("list_queues", "-p", "v", "name", "messages", "state", "leader", "-s");
    expect(r.stdout).toBe("s1\t7\trunning\trabbit@vm\n");
    expect(seen[1]!.url.searchParams.get("columns")).toBe("messages,leader,node");
  });

  it("prints nothing for a missing vhost (exit 0), json an empty stream", async () => {
    handler = () => notFound;
    expect(await run("list_queues", "-p", "nosuch")).toEqual({ stdout: "Timeout: 60.0 seconds ...\nListing queues for vhost nosuch ...\n", stderr: "", code: 0 });
    expect((await run("list_bindings", "-p", "nosuch", "--formatter", "json")).stdout).toBe("[\n]\n");
  });

  it("--local keeps the queues of the node serving the API; --offline those that are down", async () => {
    handler = (url) => url.pathname === "/api/overview"
      ? { body: { node: "rabbit@a" } }
      : { body: [{ name: "x", type: "classic", node: "rabbit@a", state: "running" }, { name: "y", type: "quorum", leader: "rabbit@b", state: "down" }] };
    expect((await run("list_queues", "--local", "name", "-s")).stdout).toBe("x\n");
    expect((await run("list_queues", "--offline", "name", "-s")).stdout).toBe("y\n");
    expect((await run("list_queues", "--online", "name", "-s")).stdout).toBe("x\n");
  });
});

describe("an unreachable node", () => {
  it("fails before any banner (exit 69), as rabbitmqctl does", async () => {
    const probe = http.createServer();
    await new Promise<void>((ok) => probe.listen(0, "127.0.0.1", ok));
    const port = (probe.address() as AddressInfo).port;
    await new Promise<void>((ok) => probe.close(() => ok()));
    for (const cmd of ["list_queues", "list_exchanges", "list_bindings", "list_consumers", "list_connections", "list_channels"]) {
      const r = await runInProcess([cmd, "--url", `http://127.0.0.1:${port}`], { WARRENCTL_NODE: "rabbit@vm", WARRENCTL_URL: undefined });
      expect([r.code, r.stdout], cmd).toEqual([69, ""]);
      expect(r.stderr).toMatch(/unreachable: connection refused\n$/);
    }
  });
});

describe("other lists over HTTP", () => {
  it("list_connections: protocol as a version tuple, IPs as tuples in json, only AMQP network connections", async () => {
    handler = () => ({ body: { page_count: 1, items: [
      { name: "c1", type: "network", protocol: "AMQP 0-9-1", peer_host: "127.0.0.1", user: "guest" },
      { name: "c2", type: "direct", protocol: "Direct 0-9-1", peer_host: "", user: "shovel" },
      { name: "c3", type: "network", protocol: "MQTT 3.1.1", peer_host: "10.0.0.1", user: "m" },
    ] } });
    expect((await run("list_connections", "name", "protocol", "peer_host", "-s")).stdout).toBe("c1\t{0,9,1}\t127.0.0.1\n");
    expect((await run("list_connections", "protocol", "peer_host", "--formatter", "json")).stdout).toBe(
      '[\n{"protocol":[0,9,1],"peer_host":[0,0,0,0,0,65535,32512,1]}\n]\n',
    );
  });

  it("list_bindings: source kind is always exchange, arguments sorted by key", async () => {
    handler = () => ({ body: [{ source: "ex", destination: "q", destination_type: "queue", routing_key: "rk", arguments: { "x-match": "all", n: 1 } }] });
    expect((await run("list_bindings", "-s")).stdout).toBe('ex\texchange\tq\tqueue\trk\t[{"n",1},{"x-match","all"}]\n');
  });

  it("list_channels: names stand in for pids", async () => {
    handler = () => ({ body: { page_count: 1, items: [{ name: "c (1)", connection_details: { name: "c" }, user: "guest", number: 1 }] } });
    expect((await run("list_channels", "pid", "connection", "number", "-s")).stdout).toBe("c (1)\tc\t1\n");
  });
});

describe("queue commands over HTTP", () => {
  it("delete_queue reads the ready count live by exact (escaped) name, then deletes with the conditions", async () => {
    handler = (url, req) => req.method === "DELETE" ? { status: 204 } : { body: { page_count: 1, items: [{ name: "A.b", messages_ready: 9 }, { name: "a.b", messages_ready: 2 }] } };
    const r = await run("delete_queue", "-p", "v", "a.b", "-e");
    expect(r).toEqual({ stdout: "Deleting queue 'a.b' on vhost 'v' if queue is empty ...\nQueue was successfully deleted with 2 ready messages\n", stderr: "", code: 0 });
    expect(seen[0]!.url.searchParams.get("name")).toBe("^a\\.b$");
    expect(seen[0]!.url.searchParams.get("enable_queue_totals")).toBe("true");
    expect(seen[1]!.method).toBe("DELETE");
    expect(seen[1]!.url.pathname).toBe("/api/queues/v/a.b");
    expect(Object.fromEntries(seen[1]!.url.searchParams)).toEqual({ "if-empty": "true" });
  });

  it("delete_queue failures exit 64 as rabbitmqctl's do", async () => {
    handler = (_url, req) => req.method === "DELETE"
      ? { status: 400, body: { error: "bad_request", reason: "queue 'q' in vhost '/' in use" } }
      : { body: { page_count: 1, items: [{ name: "q", messages_ready: 0 }] } };
    expect(await run("delete_queue", "q", "-u", "-q")).toEqual({ stdout: "", stderr: "Error:\nQueue is in use\n", code: 64 });
    handler = () => ({ body: { page_count: 1, items: [] } });
    expect(await run("delete_queue", "q", "-q")).toEqual({ stdout: "", stderr: "Error:\nQueue not found\n", code: 64 });
  });

  it("purge_queue asks for any content type (the endpoint has no JSON) and maps failures to rabbitmqctl's atoms", async () => {
    handler = () => ({ status: 204 });
    expect(await run("purge_queue", "q", "--formatter", "json")).toEqual({ stdout: '{"node":"rabbit@vm","result":"ok"}\n', stderr: "", code: 0 });
    expect(seen[0]).toMatchObject({ method: "DELETE", accept: "*/*" });
    expect(seen[0]!.url.pathname).toBe("/api/queues/%2F/q/contents");
    handler = () => notFound;
    expect(await run("purge_queue", "q", "-q")).toEqual({ stdout: "", stderr: "Error:\nnot_found\n", code: 69 });
  });

  it("sync_queue checks the queue before acting: not_mirrored, quorum, mirrored", async () => {
    let queue: unknown = { type: "classic" };
    handler = (_url, req) => (req.method === "POST" ? { status: 204 } : { body: queue });
    expect(await run("sync_queue", "q", "-q")).toEqual({ stdout: "", stderr: "Error:\nnot_mirrored\n", code: 69 });
    queue = { type: "quorum" };
    expect((await run("cancel_sync_queue", "q", "-q")).stderr).toBe("Error:\nquorum_queue_not_supported\n");
    queue = { type: "classic", slave_nodes: ["rabbit@b"], synchronised_slave_nodes: [] };
    seen.length = 0;
    expect(await run("sync_queue", "q", "-q")).toEqual({ stdout: "", stderr: "", code: 0 });
    expect(seen.map((s) => `${s.method} ${s.url.pathname}`)).toEqual(["GET /api/queues/%2F/q", "POST /api/queues/%2F/q/actions"]);
    // like /contents, the actions endpoint answers 406 to a JSON-only accept header
    expect(seen[1]!.accept).toBe("*/*");
    queue = { type: "classic" };
    expect(await run("cancel_sync_queue", "q", "-q")).toEqual({ stdout: "not_syncing\n", stderr: "", code: 0 });
  });
});
