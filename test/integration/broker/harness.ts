// Starts warren in-process on a free port (or, with WARREN_ORACLE=rabbitmq, points at the local RabbitMQ so the same assertions check the oracle).
import { randomBytes } from "node:crypto";
import amqp, { type Channel, type ChannelModel } from "amqplib";
import { afterAll, beforeAll, expect } from "vitest";
import { type RunningBroker, startBroker } from "../../../src/index.js";

export const ORACLE = process.env.WARREN_ORACLE === "rabbitmq";

export interface BrokerHandle {
  url: string;
  port: number;
  /** The management API's port (15672 on the oracle). */
  httpPort: number;
}

/** Registers beforeAll/afterAll hooks; the handle is filled in once the broker listens. */
export function useBroker(): BrokerHandle {
  const handle: BrokerHandle = { url: "", port: 0, httpPort: 0 };
  let broker: RunningBroker | undefined;
  beforeAll(async () => {
    if (ORACLE) {
      handle.port = 5672;
      handle.httpPort = 15672;
    } else {
      broker = await startBroker({ amqpPort: 0, httpPort: 0 });
      handle.port = broker.amqpPort;
      handle.httpPort = broker.httpPort!;
    }
    handle.url = `amqp://guest:guest@127.0.0.1:${handle.port}`;
  });
  afterAll(async () => {
    await broker?.close();
  });
  return handle;
}

/** A name no other test run uses, so oracle runs never collide. */
export const unique = (prefix: string): string => `${prefix}-${randomBytes(4).toString("hex")}`;

export async function connect(h: BrokerHandle): Promise<ChannelModel> {
  const c = await amqp.connect(h.url);
  c.on("error", () => {});
  return c;
}

export async function channel(c: ChannelModel): Promise<Channel> {
  const ch = await c.createChannel();
  ch.on("error", () => {});
  return ch;
}

export interface ServerClose {
  code: number;
  text: string;
}

/** Runs op on a fresh channel and returns the channel.close the server answered with. */
export async function channelError(c: ChannelModel, op: (ch: Channel) => Promise<unknown>): Promise<ServerClose> {
  const ch = await c.createChannel();
  const closed = new Promise<ServerClose>((resolve) => {
    ch.on("error", (e: { code: number; message: string }) => resolve({ code: e.code, text: extractText(e.message) }));
  });
  await op(ch).catch(() => {});
  return closed;
}

/** Runs op on a fresh connection and returns the connection.close the server answered with. */
export async function connectionError(h: BrokerHandle, op: (ch: Channel) => Promise<unknown>): Promise<ServerClose> {
  const c = await amqp.connect(h.url);
  const closed = new Promise<ServerClose>((resolve) => {
    c.on("error", (e: { code: number; message: string }) => resolve({ code: e.code, text: extractText(e.message) }));
  });
  const ch = await c.createChannel();
  ch.on("error", () => {});
  await op(ch).catch(() => {});
  return closed;
}

/** amqplib wraps the reply text: `... with message "TEXT"`. */
function extractText(message: string): string {
  const m = /with message "(.*)"$/s.exec(message);
  return m?.[1] ?? message;
}

export function expectClose(got: ServerClose, code: number, text: string): void {
  expect(got).toEqual({ code, text });
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
