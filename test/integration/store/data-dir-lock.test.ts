// startBroker refuses a data directory another running node of the same name uses, and frees it on close.
import { describe, expect, it } from "vitest";
import { startBroker } from "../../../src/index.js";
import { useTmpDirs } from "../../unit/store/records.js";

const tmp = useTmpDirs("data-dir-lock");

describe("one node per data directory", () => {
  it("refuses a second node on the same directory and node name, with nothing started, until the first closes", async () => {
    const dir = tmp();
    const opts = { amqpPort: 0, httpPort: 0, dataDir: dir, nodeName: "locked" } as const;
    const first = await startBroker(opts);
    await expect(startBroker(opts)).rejects.toThrow(/is in use by another node in this process/);
    // the first is untouched
    const r = await fetch(`http://127.0.0.1:${first.httpPort}/api/overview`, { headers: { authorization: `Basic ${Buffer.from("guest:guest").toString("base64")}` } });
    expect(r.status).toBe(200);
    await first.close();
    const again = await startBroker(opts);
    await again.close();
  });
});
