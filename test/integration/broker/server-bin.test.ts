// warren-server and the package entry as a user gets them: the esbuild bundle, a child process, signals.
import { execFileSync, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import amqp from "amqplib";
import { beforeAll, describe, expect, it } from "vitest";
import { ORACLE } from "./harness.js";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));

describe.skipIf(ORACLE)("warren-server binary and package entry", () => {
  beforeAll(() => {
    execFileSync(process.execPath, ["scripts/build.mjs"], { cwd: ROOT, stdio: "inherit" });
  });

  it("`import { startBroker } from \"warren\"` works from the built package", () => {
    const out = execFileSync(
      process.execPath,
      ["--input-type=module", "-e", "import { startBroker } from 'warren'; const b = await startBroker({ amqpPort: 0, httpPort: 0 }); console.log(b.amqpPort > 0); await b.close();"],
      { cwd: ROOT, encoding: "utf8" },
    );
    expect(out.trim()).toBe("true");
  });

  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    it(`listens on --amqp-port and on ${signal} closes clients with 320, exiting 0`, async () => {
      const child = spawn(process.execPath, ["bin/warren-server.js", "--amqp-port", "0"], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
      const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
      const port = await new Promise<number>((resolve, reject) => {
        let text = "";
        child.stdout.on("data", (d: Buffer) => {
          text += d.toString();
          const m = /listening on [\d.]+:(\d+)/.exec(text);
          if (m) resolve(Number(m[1]));
        });
        child.on("exit", () => reject(new Error(`warren-server exited early: ${text}`)));
      });
      const c = await amqp.connect(`amqp://guest:guest@127.0.0.1:${port}`);
      const closed = new Promise<string>((resolve) => c.on("close", (e?: Error) => resolve(e?.message ?? "")));
      c.on("error", () => {});
      child.kill(signal);
      expect(await closed).toContain("320 (CONNECTION-FORCED)");
      expect(await exited).toBe(0);
    });
  }

  it("rejects a bad --amqp-port with exit 64", () => {
    let status = 0;
    try {
      execFileSync(process.execPath, ["bin/warren-server.js", "--amqp-port", "nope"], { cwd: ROOT, stdio: "pipe" });
    } catch (e) {
      status = (e as { status: number }).status;
    }
    expect(status).toBe(64);
  });
});
