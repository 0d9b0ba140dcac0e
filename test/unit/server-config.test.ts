// warren-server's config file takes rabbitmq.conf's limit keys; bad values are refused with exit 78 before anything starts.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, resolveConfig } from "../../src/server/config.js";

function withFile(contents: unknown) {
  const file = join(mkdtempSync(join(tmpdir(), "warren-conf-")), "warren.json");
  writeFileSync(file, JSON.stringify(contents));
  return resolveConfig(["--config", file], { HOME: tmpdir() });
}

describe("warren-server config file limits", () => {
  it("maps rabbitmq.conf's names to the node's limits, and infinity to no limit", () => {
    const c = withFile({ handshake_timeout: 2500, channel_max: 7, frame_max: 8192, heartbeat: 5, max_message_size: 1048576, connection_max: "infinity", consumer_timeout: 60000 });
    expect(c !== "help" && c.limits).toEqual({ handshakeTimeout: 2500, channelMax: 7, frameMax: 8192, heartbeat: 5, maxMessageSize: 1048576, connectionMax: Infinity, consumerTimeout: 60000 });
    const off = withFile({ consumer_timeout: "infinity", connection_max: 100 });
    expect(off !== "help" && off.limits).toEqual({ consumerTimeout: Infinity, connectionMax: 100 });
  });

  it("leaves unset limits to the defaults", () => {
    const c = withFile({ log_level: "debug" });
    expect(c !== "help" && c.limits).toEqual({});
  });

  it.each([
    [{ channel_max: 0 }, "channel_max"],
    [{ channel_max: 70000 }, "channel_max"],
    [{ frame_max: 1024 }, "frame_max"],
    [{ heartbeat: -1 }, "heartbeat"],
    [{ heartbeat: 1.5 }, "heartbeat"],
    [{ max_message_size: 600 * 1024 * 1024 }, "max_message_size"],
    [{ connection_max: "lots" }, "connection_max"],
    [{ consumer_timeout: 0 }, "consumer_timeout"],
    [{ handshake_timeout: "10s" }, "handshake_timeout"],
  ])("refuses %j with exit 78, naming the key", (contents, key) => {
    let err: unknown;
    try {
      withFile(contents);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).exitCode).toBe(78);
    expect((err as ConfigError).message).toContain(key);
  });
});
