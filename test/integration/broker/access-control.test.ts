// Permissions, topic permissions, user_id and user limits on AMQP, with the replies RabbitMQ 3.10.8 gives (observed with amqplib).
import { networkInterfaces } from "node:os";
import amqp, { type ChannelModel } from "amqplib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROTOCOL_HEADER, toFieldTable } from "../../../src/protocol/index.js";
import { type RunningBroker, startBroker } from "../../../src/broker/server.js";
import { channelError, expectClose } from "./harness.js";
import { RawClient } from "./raw-client.js";

let broker: RunningBroker;
let conn: ChannelModel;

async function api(method: string, path: string, body?: unknown): Promise<number> {
  const r = await fetch(`http://127.0.0.1:${broker.httpPort}/api${path}`, {
    method,
    headers: { authorization: `Basic ${Buffer.from("guest:guest").toString("base64")}`, "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  await r.arrayBuffer();
  return r.status;
}

async function addUser(name: string, tags = ""): Promise<void> {
  await api("PUT", `/users/${name}`, { password: "p", tags });
}

const url = (user: string) => `amqp://${user}:p@127.0.0.1:${broker.amqpPort}`;

/** Logs in over a raw socket and returns the server's answer to connection.open. */
async function openVhost(user: string, vhost: string): Promise<{ name: string; args: unknown }> {
  const c = await RawClient.open(broker.amqpPort);
  c.socket.write(PROTOCOL_HEADER);
  await c.expectMethod("connection.start");
  c.send(0, "connection.start-ok", { clientProperties: toFieldTable({ capabilities: { authentication_failure_close: true } }), mechanism: "PLAIN", response: Buffer.from(`\0${user}\0p`), locale: "en_US" });
  await c.expectMethod("connection.tune");
  c.send(0, "connection.tune-ok", { channelMax: 2047, frameMax: 131072, heartbeat: 0 });
  c.send(0, "connection.open", { virtualHost: vhost, capabilities: "", insist: false });
  const m = await c.nextMethod();
  c.destroy();
  return { name: m!.method.name, args: m!.method.args };
}

const refused = (kind: string, name: string, user = "ac") => `ACCESS_REFUSED - access to ${kind} '${name}' in vhost '/' refused for user '${user}'`;

beforeAll(async () => {
  broker = await startBroker({ amqpPort: 0, httpPort: 0 });
  await addUser("ac");
  await api("PUT", "/permissions/%2F/ac", { configure: "^ac-c", write: "^ac-(w|t)", read: "^ac-(r|t)" });
  const g = await amqp.connect(`amqp://guest:guest@127.0.0.1:${broker.amqpPort}`);
  const ch = await g.createChannel();
  for (const x of ["ac-wx", "ac-rx", "ac-tx"]) await ch.assertExchange(x, "topic", { durable: false });
  for (const q of ["ac-wq", "ac-rq", "ac-tq"]) await ch.assertQueue(q, { durable: false });
  await g.close();
  await api("PUT", "/topic-permissions/%2F/ac", { exchange: "ac-tx", write: "^{username}\\.w", read: "^r\\.{vhost}" });
  conn = await amqp.connect(url("ac"));
  conn.on("error", () => {});
});
afterAll(async () => {
  await conn.close().catch(() => {});
  await broker.close();
});

/** Runs op on a fresh channel: undefined when it worked, else the channel.close the server sent. */
async function attempt(op: (ch: amqp.Channel) => Promise<unknown>): Promise<{ code: number; text: string } | undefined> {
  const ch = await conn.createChannel();
  let failure: { code: number; text: string } | undefined;
  const closed = new Promise<void>((resolve) => {
    ch.on("error", (e: { code: number; message: string }) => {
      failure = { code: e.code, text: /with message "(.*)"$/s.exec(e.message)?.[1] ?? e.message };
      resolve();
    });
    ch.on("close", () => resolve());
  });
  try {
    await op(ch);
    await ch.close();
  } catch {
    // the close event carries the reply
  }
  await closed;
  return failure;
}

const works = async (op: (ch: amqp.Channel) => Promise<unknown>) => expect(await attempt(op)).toBeUndefined();
const refusedWith = async (op: (ch: amqp.Channel) => Promise<unknown>, text: string) => expect(await attempt(op)).toEqual({ code: 403, text });

describe("connection.open", () => {
  it("refuses a vhost the user has no permission on, and names an unknown one", async () => {
    await addUser("ac-none");
    expect(await openVhost("ac-none", "/")).toEqual({
      name: "connection.close",
      args: { replyCode: 530, replyText: "NOT_ALLOWED - access to vhost '/' refused for user 'ac-none'", classId: 10, methodId: 40 },
    });
    expect(((await openVhost("ac", "nosuch")).args as { replyText: string }).replyText).toBe("NOT_ALLOWED - vhost nosuch not found");
    expect((await openVhost("ac", "/")).name).toBe("connection.open-ok");
  });

  it("enforces max-connections with RabbitMQ's text, before checking vhost access", async () => {
    await addUser("ac-lim");
    await api("PUT", "/user-limits/ac-lim/max-connections", { value: 0 });
    expect(((await openVhost("ac-lim", "/")).args as { replyText: string }).replyText).toBe(
      "NOT_ALLOWED - connection refused for user 'ac-lim': user connection limit (0) is reached",
    );
  });
});

describe("configure", () => {
  it("exchange.declare and exchange.delete need configure; passive declare needs nothing", async () => {
    await works((ch) => ch.assertExchange("ac-cx", "direct", { durable: false }));
    await refusedWith((ch) => ch.assertExchange("ac-wx", "topic", { durable: false }), refused("exchange", "ac-wx"));
    await refusedWith((ch) => ch.assertExchange("amq.ac", "topic"), refused("exchange", "amq.ac"));
    await works((ch) => ch.checkExchange("ac-wx"));
    await refusedWith((ch) => ch.deleteExchange("ac-wx"), refused("exchange", "ac-wx"));
    await refusedWith((ch) => ch.deleteExchange("ac-nosuch"), refused("exchange", "ac-nosuch"));
    await works((ch) => ch.deleteExchange("ac-cnosuch"));
    // RabbitMQ's own refusals come first where it checks them first
    expectClose(await channelError(conn, (ch) => ch.deleteExchange("amq.direct")), 403, "ACCESS_REFUSED - deletion of system exchange 'amq.direct' in vhost '/' not allowed");
  });

  it("queue.declare (server-named too) and queue.delete need configure; passive declare needs nothing", async () => {
    await works((ch) => ch.assertQueue("ac-cq", { durable: false }));
    await refusedWith((ch) => ch.assertQueue("ac-wq", { durable: false }), refused("queue", "ac-wq"));
    await works((ch) => ch.checkQueue("ac-wq"));
    const named = await attempt((ch) => ch.assertQueue("", { exclusive: true }));
    expect(named?.code).toBe(403);
    expect(named?.text).toMatch(/^ACCESS_REFUSED - access to queue 'amq\.gen-[\w-]{22}' in vhost '\/' refused for user 'ac'$/);
    await refusedWith((ch) => ch.deleteQueue("ac-wq"), refused("queue", "ac-wq"));
    await works((ch) => ch.deleteQueue("ac-cq"));
  });

  it("an alternate exchange or dead-letter exchange also needs read on the new object and write on the target", async () => {
    await refusedWith((ch) => ch.assertExchange("ac-cxa", "topic", { alternateExchange: "ac-wx" }), refused("exchange", "ac-cxa"));
    await refusedWith((ch) => ch.assertQueue("ac-cqd", { deadLetterExchange: "ac-wx" }), refused("queue", "ac-cqd"));
  });
});

describe("write and read", () => {
  it("queue.bind and queue.unbind need write on the queue and read on the exchange", async () => {
    await works((ch) => ch.bindQueue("ac-wq", "ac-rx", "k"));
    await refusedWith((ch) => ch.bindQueue("ac-rq", "ac-rx", "k"), refused("queue", "ac-rq"));
    await refusedWith((ch) => ch.bindQueue("ac-wq", "ac-wx", "k"), refused("exchange", "ac-wx"));
    await refusedWith((ch) => ch.bindQueue("ac-wq", "ac-nosuch", "k"), refused("exchange", "ac-nosuch"));
    await works((ch) => ch.unbindQueue("ac-wq", "ac-rx", "k"));
    await refusedWith((ch) => ch.unbindQueue("ac-rq", "ac-rx", "k"), refused("queue", "ac-rq"));
  });

  it("exchange.bind needs write on the destination and read on the source; the default exchange is amq.default", async () => {
    await works((ch) => ch.bindExchange("ac-wx", "ac-rx", "k"));
    await refusedWith((ch) => ch.bindExchange("ac-rx", "ac-wx", "k"), refused("exchange", "ac-rx"));
    await refusedWith((ch) => ch.bindExchange("", "ac-rx", "k"), refused("exchange", "amq.default"));
    await refusedWith((ch) => ch.bindExchange("ac-wx", "", "k"), "ACCESS_REFUSED - operation not permitted on the default exchange");
  });

  it("basic.publish needs write on the exchange", async () => {
    const publish = (x: string, key: string) => async (ch: amqp.Channel) => {
      ch.publish(x, key, Buffer.from("m"));
      await ch.checkQueue("ac-rq");
    };
    await works(publish("ac-wx", "k"));
    await refusedWith(publish("ac-rx", "k"), refused("exchange", "ac-rx"));
    await refusedWith(publish("", "ac-wq"), refused("exchange", "amq.default"));
  });

  it("queue.purge, basic.get and basic.consume need read on the queue", async () => {
    await works((ch) => ch.get("ac-rq"));
    await works((ch) => ch.consume("ac-rq", () => {}));
    await works((ch) => ch.purgeQueue("ac-rq"));
    await refusedWith((ch) => ch.get("ac-wq"), refused("queue", "ac-wq"));
    await refusedWith((ch) => ch.consume("ac-wq", () => {}), refused("queue", "ac-wq"));
    await refusedWith((ch) => ch.purgeQueue("ac-wq"), refused("queue", "ac-wq"));
  });
});

describe("topic permissions", () => {
  const topicRefused = (key: string) => `ACCESS_REFUSED - access to topic '${key}' in exchange 'ac-tx' in vhost '/' refused for user 'ac'`;

  it("publishing checks the routing key against write, with {username} expanded", async () => {
    const publish = (key: string) => async (ch: amqp.Channel) => {
      ch.publish("ac-tx", key, Buffer.from("m"));
      await ch.checkQueue("ac-tq");
    };
    await works(publish("ac.w"));
    await refusedWith(publish("x.w"), topicRefused("x.w"));
  });

  it("binding from the exchange checks the key against read, with {vhost} expanded", async () => {
    await works((ch) => ch.bindQueue("ac-tq", "ac-tx", "r./"));
    await refusedWith((ch) => ch.bindQueue("ac-tq", "ac-tx", "r.x"), topicRefused("r.x"));
    await refusedWith((ch) => ch.unbindQueue("ac-tq", "ac-tx", "r.x"), topicRefused("r.x"));
    await refusedWith((ch) => ch.bindExchange("ac-wx", "ac-tx", "r.x"), topicRefused("r.x"));
  });

  it("an empty pattern allows only the empty routing key; exchanges without an entry are unrestricted", async () => {
    await api("PUT", "/topic-permissions/%2F/ac", { exchange: "ac-rx", write: "", read: "" });
    await works((ch) => ch.bindQueue("ac-wq", "ac-rx", ""));
    await refusedWith((ch) => ch.bindQueue("ac-wq", "ac-rx", "a"), "ACCESS_REFUSED - access to topic 'a' in exchange 'ac-rx' in vhost '/' refused for user 'ac'");
    await works((ch) => ch.bindQueue("ac-tq", "ac-tx", "r./"));
    await api("DELETE", "/topic-permissions/%2F/ac/ac-rx");
    await works((ch) => ch.bindQueue("ac-wq", "ac-rx", "a"));
  });
});

describe("user_id", () => {
  it("must be the login, unless the user is tagged impersonator", async () => {
    const publishAs = (userId: string) => async (ch: amqp.Channel) => {
      ch.publish("ac-wx", "k", Buffer.from("m"), { userId });
      await ch.checkQueue("ac-rq");
    };
    await works(publishAs("ac"));
    expect(await attempt(publishAs("guest"))).toEqual({ code: 406, text: "PRECONDITION_FAILED - user_id property set to 'guest' but authenticated user was 'ac'" });
    await addUser("ac-imp", "impersonator");
    await api("PUT", "/permissions/%2F/ac-imp", { configure: ".*", write: ".*", read: ".*" });
    const imp = await amqp.connect(url("ac-imp"));
    const ch = await imp.createChannel();
    ch.publish("ac-wx", "k", Buffer.from("m"), { userId: "guest" });
    await ch.checkQueue("ac-rq");
    await imp.close();
  });
});

/** An address of this machine that is not loopback, if it has one. */
const external = Object.values(networkInterfaces())
  .flat()
  .find((i) => i !== undefined && i.family === "IPv4" && !i.internal)?.address;

describe.skipIf(external === undefined)("loopback_users", () => {
  it("refuses guest over a non-loopback address on AMQP and HTTP, and lets other users in", async () => {
    const remote = await startBroker({ amqpPort: 0, httpPort: 0, host: external!, users: [{ name: "guest", password: "guest", tags: ["administrator"] }, { name: "ops", password: "p", tags: ["management"] }] });
    try {
      await expect(amqp.connect(`amqp://guest:guest@${external}:${remote.amqpPort}`)).rejects.toThrow(/ACCESS_REFUSED - Login was refused using authentication mechanism PLAIN/);
      const get = (auth: string) => fetch(`http://${external}:${remote.httpPort}/api/whoami`, { headers: { authorization: `Basic ${Buffer.from(auth).toString("base64")}` } });
      const r = await get("guest:guest");
      expect([r.status, await r.json()]).toEqual([401, { error: "not_authorised", reason: "User can only log in via localhost" }]);
      const ops = await get("ops:p");
      expect([ops.status, await ops.json()]).toEqual([200, { name: "ops", tags: ["management"] }]);
    } finally {
      await remote.close();
    }
  });
});
