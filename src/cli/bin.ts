import { basename } from "node:path";
import { main } from "./pipeline.js";

// The launcher: wires real stdio into main() and sets the exit code; a closed stdout pipe ends quietly.
export async function run(): Promise<void> {
  process.stdout.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw e;
  });
  const prog = basename(process.argv[1] ?? "warrenctl").replace(/\.(c?m?js|ts)$/, "");
  process.exitCode = await main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env, isTTY: process.stdout.isTTY }, prog === "rabbitmqctl" ? prog : "warrenctl");
}
