// Shared setup for the messaging resource tests: a broker with a vhost of its own, amqplib clients on it, and
// helpers for RabbitMQ's JSON shapes.
import amqp, { type Channel, type ChannelModel } from "amqplib";
import { beforeAll, expect } from "vitest";
import { type ManagementHandle, useManagement } from "./auth-harness.js";

export { badRequest, NOT_FOUND } from "./auth-harness.js";

export interface MessagingHandle extends ManagementHandle {
  readonly vhost: string;
  /** The vhost name, percent-encoded for paths. */
  readonly v: string;
  connect(opts?: { user?: string; connectionName?: string; vhost?: string }): Promise<ChannelModel>;
  channel(c: ChannelModel): Promise<Channel>;
}

/** A broker for the file with `vhost` created; connections opened through connect() close with the broker. */
export function useMessaging(vhost = "msg-v"): MessagingHandle {
  const m = useManagement() as MessagingHandle;
  Object.assign(m, { vhost, v: encodeURIComponent(vhost) });
  beforeAll(async () => {
    expect((await m.api("PUT", `/vhosts/${encodeURIComponent(vhost)}`)).status).toBe(201);
  });
  m.connect = async (o = {}) => {
    const user = o.user ?? "guest:guest";
    const c = await amqp.connect(`amqp://${user}@127.0.0.1:${m.broker.amqpPort}/${encodeURIComponent(o.vhost ?? vhost)}`, {
      clientProperties: o.connectionName === undefined ? {} : { connection_name: o.connectionName },
    });
    c.on("error", () => {});
    return c;
  };
  m.channel = async (c) => {
    const ch = await c.createChannel();
    ch.on("error", () => {});
    return ch;
  };
  return m;
}

/** Keys of an object in order. */
export const keysOf = (o: unknown): string[] => Object.keys(o as Record<string, unknown>);

/** Whether the keys come in RabbitMQ's (sorted) order. */
export const sortedKeys = (o: unknown): boolean => {
  const k = keysOf(o);
  return k.every((x, i) => i === 0 || k[i - 1]! < x);
};

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Polls until check passes (the broker's side of an AMQP call can trail the client's promise by a turn). */
export async function eventually(check: () => Promise<void> | void, ms = 2000): Promise<void> {
  const end = Date.now() + ms;
  for (;;) {
    try {
      return await check();
    } catch (e) {
      if (Date.now() > end) throw e;
      await sleep(25);
    }
  }
}
