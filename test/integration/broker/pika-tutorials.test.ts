// The six RabbitMQ tutorials, written for pika 1.x, run unchanged against warren through /usr/bin/python3.
import { execFile, execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { useBroker } from "./harness.js";

const PYTHON = "/usr/bin/python3";
const SCRIPTS = fileURLToPath(new URL("./pika/", import.meta.url));

function pikaAvailable(): boolean {
  try {
    execFileSync(PYTHON, ["-c", "import pika"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

const HAVE_PIKA = pikaAvailable();
if (!HAVE_PIKA) {
  if (process.env.CI) throw new Error(`${PYTHON} cannot import pika; CI must provide it (Debian: apt-get install python3-pika)`);
  console.warn(`skipping the pika tutorials: ${PYTHON} cannot import pika (Debian: apt-get install python3-pika)`);
}

const broker = useBroker();

function runScript(name: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(PYTHON, [`${SCRIPTS}${name}.py`, String(broker.port)], { cwd: SCRIPTS, timeout: 30_000 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`${name}.py failed: ${err.message}\n${stdout}\n${stderr}`));
      else resolve(stdout.trim());
    });
  });
}

describe.skipIf(!HAVE_PIKA)("pika 1.x tutorials", () => {
  it("1 hello world", async () => {
    expect(await runScript("hello_world")).toBe("received Hello World!");
  });

  it("2 work queues (durable queue, persistent messages, prefetch 1, manual acks)", async () => {
    expect(await runScript("work_queues")).toBe("done 6\nworkers 2");
  });

  it("3 publish/subscribe (fanout)", async () => {
    expect(await runScript("publish_subscribe")).toBe("subscriber 0 ['info: up', 'warning: disk']\nsubscriber 1 ['info: up', 'warning: disk']");
  });

  it("4 routing (direct)", async () => {
    expect(await runScript("routing")).toBe("errors ['error message']\nall ['info message', 'error message', 'warning message']");
  });

  it("5 topics", async () => {
    expect(await runScript("topics")).toBe(
      "kern ['kern.critical', 'kern.info']\ncritical ['kern.critical', 'cron.critical']\nall ['kern.critical', 'kern.info', 'cron.critical', 'cron.info.extra']",
    );
  });

  it("6 RPC (reply_to and correlation_id)", async () => {
    expect(await runScript("rpc")).toBe("fib(10) = 55\nfib(20) = 6765\nfib(30) = 832040");
  });
});
