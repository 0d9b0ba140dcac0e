import { readFile } from "node:fs/promises";
import { CommandError } from "../../errors.js";
import { ExitCode } from "../../exit-codes.js";
import { nodeOperation, replyOutput, type ExtensionReply } from "./_extension.js";
import { processAlive, sleep } from "./_progress.js";
import type { Command } from "../../types.js";

/** The leading integer of a pid file (leading blanks allowed), or an error text as rabbitmqctl words it. */
async function pidFromFile(path: string): Promise<number | string> {
  for (;;) {
    try {
      const text = await readFile(path, "latin1");
      const m = /^\s*(\d+)/.exec(text);
      return m ? Number(m[1]) : `could not read pid from file ${path}. File contents: ${text}`;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      // rabbitmqctl waits for a pid file that does not exist yet
      if (code !== "ENOENT") return `could not read pid from file ${path}. Error: ${String(code).toLowerCase()}`;
      await sleep(1000);
    }
  }
}

export const stop: Command<ExtensionReply> = {
  name: "stop",
  section: "nodes",
  description: "Stops the node: the broker and its runtime. With a pid file, waits until that process has exited",
  usage: "stop [--idempotent] [<pidfile>]",
  usageAdditional: [
    ["<pidfile>", "a local pid file of the node; the command returns once that process has exited ('shutdown' needs no pid file)"],
    ["--idempotent", "succeed when the node is already stopped"],
  ],
  switches: [{ name: "idempotent", type: "boolean", description: "succeed when the node is already stopped" }],
  extension: "stop",
  notes: "Needs warren's `stop` extension. Request {\"idempotent\": bool}; reply per the shared contract. The pid file is read on the machine warrenctl runs on. Over HTTP a node that does not answer cannot be told apart from one without the extension, so --idempotent still fails (exit 69) when the node is down.",
  validate: (args) => (args.length > 1 ? "too many arguments." : undefined),
  banner: (args, opts) => args[0] !== undefined
    ? `Stopping and halting node ${opts.node} (will monitor pid file ${args[0]}) ...`
    : `Stopping and halting node ${opts.node} ...`,
  async run(args, opts, ctx) {
    const path = args[0];
    if (path === undefined) return nodeOperation(ctx, "stop", { idempotent: opts.idempotent === true });
    const pid = await pidFromFile(path);
    await nodeOperation(ctx, "stop", { idempotent: opts.idempotent === true });
    if (typeof pid === "string") throw new CommandError(ExitCode.unavailable, pid);
    while (processAlive(pid)) await sleep(1000);
    return { result: "ok", message: `process ${pid} (take from pid file ${path}) is no longer running` };
  },
  output: replyOutput,
};
