import { hostname } from "node:os";
import { TransportError } from "../../errors.js";
import { arity } from "../common.js";
import { fetchNodes, targetNode } from "../cluster/_nodes.js";
import { nodeOperation, replyOutput, type ExtensionReply } from "./_extension.js";
import { processAlive, progress, sleep } from "./_progress.js";
import type { Command, CommandContext } from "../../types.js";

/** True once the node no longer answers, or the API that answers lists it as stopped. */
async function nodeGone(ctx: CommandContext): Promise<boolean> {
  try {
    return !(await fetchNodes(ctx, "name,running")).some((n) => n.name === ctx.node && n.running !== false);
  } catch (e) {
    if (e instanceof TransportError) return true;
    throw e;
  }
}

const isLocal = (node: string): boolean => {
  const host = node.split("@")[1] ?? "";
  return host === "localhost" || host === hostname() || host === hostname().split(".")[0];
};

export const shutdown: Command<ExtensionReply | undefined> = {
  name: "shutdown",
  section: "nodes",
  description: "Stops the node, broker and runtime, and by default waits until it is gone; needs no pid file",
  usage: "shutdown [--wait] [--timeout <timeout>]",
  usageAdditional: [
    ["--wait", "wait until the node has stopped (the default)"],
    ["--no-wait", "return as soon as the node has been told to stop"],
  ],
  switches: [{ name: "wait", type: "boolean", description: "wait until the node has stopped (default; --no-wait to return at once)" }],
  extension: "shutdown",
  notes: "Needs warren's `shutdown` extension. Request {}; reply per the shared contract. With --wait (the default) the node's OS pid comes from GET /api/nodes, and warrenctl waits until the management API stops answering and, for a node on this host, until that process has exited. Unlike rabbitmqctl it can also wait for a remote node.",
  validate: (args) => arity(args, 0),
  async run(_args, opts, ctx) {
    if (opts.wait === false) return nodeOperation(ctx, "shutdown");
    const pid = targetNode(ctx, await fetchNodes(ctx, "name,running,os_pid")).os_pid ?? "";
    const out = progress(ctx, opts);
    out.say(`Shutting down RabbitMQ node ${opts.node} running at PID ${pid}`);
    await nodeOperation(ctx, "shutdown");
    out.say(`Waiting for PID ${pid} to terminate`);
    while (!(await nodeGone(ctx))) await sleep(1000);
    if (isLocal(opts.node) && /^\d+$/.test(pid)) while (processAlive(Number(pid))) await sleep(1000);
    out.say(`RabbitMQ node ${opts.node} running at PID ${pid} successfully shut down`);
    out.end();
    return undefined;
  },
  // progress lines were written as they happened
  output: (reply, opts) => (reply === undefined ? { kind: "lines", lines: [] } : replyOutput(reply, opts)),
};
