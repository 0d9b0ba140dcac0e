import type { Method } from "../../protocol/index.js";
import { MECHANISMS, parseCredentials } from "../auth/mechanisms.js";
import { AmqpError, channelError, notAllowed } from "../errors.js";
import { checkConnectionLimit } from "../vhost/limits.js";
import { authorizeVhostOpen } from "./authorize.js";
import type { Connection } from "./connection.js";

const FRAME_MIN = 4096;

/** What connection.tune offers: the node's channel_max, frame_max and heartbeat (RabbitMQ 3.10's 2047 / 131072 / 60 by default). */
function tuneOffer(conn: Connection): { channelMax: number; frameMax: number; heartbeat: number } {
  const { channelMax, frameMax, heartbeat } = conn.broker.node.limits;
  return { channelMax, frameMax, heartbeat };
}

export function sendStart(conn: Connection): void {
  conn.output.method(0, "connection.start", {
    versionMajor: 0,
    versionMinor: 9,
    serverProperties: conn.broker.serverProperties,
    mechanisms: Buffer.from(MECHANISMS),
    locales: Buffer.from("en_US"),
  });
}

/** connection class (10) methods on channel 0, in handshake order. */
export function handleConnectionMethod(conn: Connection, m: Method): void {
  try {
    dispatch(conn, m);
  } catch (e) {
    if (e instanceof AmqpError) e.inMethod(m.classId, m.methodId);
    throw e;
  }
}

function dispatch(conn: Connection, m: Method): void {
  switch (m.name) {
    case "connection.start-ok":
      if (conn.state !== "start-ok") break;
      return startOk(conn, m.args);
    case "connection.tune-ok":
      if (conn.state !== "tune-ok") break;
      return tuneOk(conn, m.args);
    case "connection.open":
      if (conn.state !== "open") break;
      return open(conn, m.args.virtualHost);
    case "connection.close":
      conn.output.method(0, "connection.close-ok", {});
      return conn.terminate();
    case "connection.close-ok":
      if (conn.state === "closing") conn.terminate();
      return;
    case "connection.update-secret":
      conn.output.method(0, "connection.update-secret-ok", {});
      return;
    case "connection.blocked":
    case "connection.unblocked":
      return;
    default:
      break;
  }
  // RabbitMQ's answer to a method its connection state does not expect (its open state is called "running")
  throw channelError(`unexpected method in connection state ${conn.state === "opened" ? "running" : conn.state}`);
}

function startOk(conn: Connection, a: { clientProperties: ReadonlyMap<string, unknown>; mechanism: string; response: Buffer }): void {
  const caps = a.clientProperties.get("capabilities") as { type: string; value: unknown } | undefined;
  if (caps?.type === "F") conn.clientCapabilities = caps.value as Connection["clientCapabilities"];
  conn.clientProperties = a.clientProperties as Connection["clientProperties"];
  conn.authMechanism = a.mechanism;
  if (!MECHANISMS.split(" ").includes(a.mechanism)) {
    // RabbitMQ drops the socket, after a pause, for a mechanism it did not offer
    return conn.silentClose();
  }
  const creds = parseCredentials(a.mechanism, a.response);
  const user = creds && conn.broker.users.authenticate(creds.user, creds.password, conn.socket.remoteAddress);
  conn.broker.authAttempts.record("amqp091", conn.socket.remoteAddress, creds?.user ?? "", user !== undefined);
  if (user === undefined) {
    const text = `ACCESS_REFUSED - Login was refused using authentication mechanism ${a.mechanism}. For details see the broker logfile.`;
    // RabbitMQ's close names no method here (class 0, method 0)
    if (conn.hasCapability("authentication_failure_close")) conn.close(403, text);
    else conn.terminate();
    return;
  }
  conn.user = user;
  conn.state = "tune-ok";
  conn.output.method(0, "connection.tune", tuneOffer(conn));
}

/** RabbitMQ refuses values outside its limits, including 0 ("no limit") since its own limits are set. */
function tuneOk(conn: Connection, a: { channelMax: number; frameMax: number; heartbeat: number }): void {
  const offer = tuneOffer(conn);
  const badFrameMax = a.frameMax < FRAME_MIN || a.frameMax > offer.frameMax;
  const badChannelMax = a.channelMax === 0 || a.channelMax > offer.channelMax;
  if (badFrameMax || badChannelMax) return conn.silentClose();
  conn.channelMax = a.channelMax;
  conn.frameMax = a.frameMax;
  conn.splitter.frameMax = a.frameMax;
  conn.output.frameMax = a.frameMax;
  conn.heartbeat.start(a.heartbeat);
  conn.state = "open";
}

function open(conn: Connection, name: string): void {
  checkConnectionLimit(conn.broker, name, conn.user!.name);
  authorizeVhostOpen(conn, name);
  const vhost = conn.broker.vhosts.get(name);
  if (vhost === undefined) throw notAllowed(`vhost ${name} not found`);
  conn.vhost = vhost;
  conn.output.method(0, "connection.open-ok", { knownHosts: "" });
  conn.opened();
}
