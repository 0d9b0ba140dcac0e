// A raw AMQP handshake as guest up to connection.open, for asserting the exact close a vhost check answers with.
import { PROTOCOL_HEADER, toFieldTable } from "../../../src/protocol/index.js";
import { RawClient } from "../broker/raw-client.js";

/** The method the server answers connection.open on `vhost` with (open-ok or connection.close with its reply). */
export async function openReply(port: number, vhost: string): Promise<{ name: string; args: Record<string, unknown> } | undefined> {
  const c = await RawClient.open(port);
  c.socket.write(PROTOCOL_HEADER);
  await c.expectMethod("connection.start");
  c.send(0, "connection.start-ok", { clientProperties: toFieldTable({ capabilities: { authentication_failure_close: true } }), mechanism: "PLAIN", response: Buffer.from("\0guest\0guest"), locale: "en_US" });
  await c.expectMethod("connection.tune");
  c.send(0, "connection.tune-ok", { channelMax: 2047, frameMax: 131072, heartbeat: 0 });
  c.send(0, "connection.open", { virtualHost: vhost, capabilities: "", insist: false });
  const reply = await c.nextMethod();
  c.destroy();
  return reply === undefined ? undefined : { name: reply.method.name, args: reply.method.args as Record<string, unknown> };
}
